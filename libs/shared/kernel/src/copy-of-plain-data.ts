/**
 * A deep copy of JSON-like data (plain objects, arrays, primitives), as `structuredClone` makes
 * it but about eight times faster: an aggregate's snapshot is copied on every request (a fiftieth
 * of the tipline's CPU per public report went to structuredClone). Keys holding `undefined` are
 * kept, as structuredClone keeps them. Anything else (a Date, a Map, a class instance) is handed
 * to structuredClone, so the copy is never shallower than it would have been.
 */
export function copyOfPlainData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOfPlainData) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = copyOfPlainData((value as Record<string, unknown>)[key]);
    // A key named __proto__ (JSON.parse makes it an own property, as a request body can) must stay
    // a key: assigned, it would set the copy's prototype to whatever object the sender chose.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: inner, enumerable: true, writable: true, configurable: true });
    else copy[key] = inner;
  }
  return copy as T;
}
