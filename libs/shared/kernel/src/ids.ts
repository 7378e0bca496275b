import { randomUUID } from 'node:crypto';

/** Opaque identifiers are UUID v4 strings everywhere in Vigil. */
export type Id = string;

export function newId(): Id {
  return randomUUID();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isId(value: unknown): boolean {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
