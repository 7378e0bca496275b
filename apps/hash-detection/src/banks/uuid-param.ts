import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from '@vigil/kernel';

/** A route parameter that must be a UUID; a 400 naming the parameter otherwise. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new ValidationError(`${name}: must be a UUID`, name) });
}
