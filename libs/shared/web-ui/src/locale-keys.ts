/** Every key path of a nested translation object (`banks.title`, …), to compare locales. */
export function localeKeys(resource: object, prefix = ''): string[] {
  return leaves(resource, prefix)
    .map(([key]) => key)
    .sort();
}

/** Keys whose translation is missing or blank. */
export function blankStrings(resource: object): string[] {
  return leaves(resource, '')
    .filter(([, value]) => typeof value !== 'string' || !value.trim())
    .map(([key]) => key);
}

function leaves(resource: object, prefix: string): Array<[string, unknown]> {
  return Object.entries(resource).flatMap(([key, value]): Array<[string, unknown]> =>
    value && typeof value === 'object' ? leaves(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}
