export interface IntegerSettingBounds {
  /** Used when the variable is unset or empty. */
  fallback: number;
  min: number;
  max?: number;
  /** Named in the error ("milliseconds", "minutes"). */
  unit?: string;
}

/**
 * An integer setting from the environment, checked when a service starts: unset or empty gives
 * the fallback; anything else must be a whole number within the bounds, or this throws an error
 * naming the variable and the value, so a typo stops the start instead of running on a default.
 */
export function integerSetting(env: Readonly<Record<string, string | undefined>>, name: string, bounds: IntegerSettingBounds): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return bounds.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    const range = bounds.max === undefined ? `of at least ${bounds.min}` : `from ${bounds.min} to ${bounds.max}`;
    throw new Error(`${name} must be a whole number${bounds.unit ? ` of ${bounds.unit}` : ''} ${range}, not "${raw}"`);
  }
  return value;
}
