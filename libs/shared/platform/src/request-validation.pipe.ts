import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

const NUL = '\u0000';
/** How deep a body is searched; deeper structures are refused by the DTOs anyway. */
const MAX_DEPTH = 32;

/**
 * The global validation pipe: ValidationPipe as every app configures it (whitelist, unknown
 * fields refused, transform), which first refuses, with a 400 naming the field, any string in a
 * body, query or path parameter that holds U+0000. Postgres text and jsonb cannot store it, so
 * such a value would otherwise reach the database and come back as a 500 ("invalid byte
 * sequence"), whatever the endpoint. One pipe rather than two: Nest awaits each global pipe for
 * each parameter of every request.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const path = pathOfNul(value, metadata.data ?? '', 0);
      if (path !== undefined) throw new BadRequestException([`${path || metadata.type} must not contain the NUL character (U+0000)`]);
    }
    return super.transform(value, metadata);
  }
}

/** The path (`details.suspect.usernames[1]`) of the first string holding U+0000, or undefined. */
export function pathOfNul(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = pathOfNul(value[index], `${path}[${index}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  // Plain objects only (parsed JSON, form fields, query strings): not Buffers or uploaded files.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const name = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return name;
    const found = pathOfNul(child, name, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
