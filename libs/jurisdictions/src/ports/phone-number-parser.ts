import type { ParsedPhoneNumber } from '../domain/evidence';

export type { ParsedPhoneNumber };

/**
 * Reads a phone number written any usual way. `defaultCountry` (ISO 3166-1 alpha-2) is where a
 * number without its international prefix is assumed to be from. Never throws for bad input: the
 * answer says it is invalid, and why.
 */
export interface PhoneNumberParser {
  parse(text: string, defaultCountry?: string): ParsedPhoneNumber;
}

/** Injection token for PhoneNumberParser. */
export const PHONE_NUMBER_PARSER = Symbol('PhoneNumberParser');
