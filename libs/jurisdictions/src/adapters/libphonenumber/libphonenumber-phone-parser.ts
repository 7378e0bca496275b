import { isSupportedCountry, parsePhoneNumberWithError, ParseError, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import type { PhoneNumberProblem, PhoneNumberType } from '../../domain/evidence';
import type { ParsedPhoneNumber, PhoneNumberParser } from '../../ports/phone-number-parser';

const PARSE_ERRORS: Record<string, { problem: PhoneNumberProblem; reason: string }> = {
  NOT_A_NUMBER: { problem: 'no-number', reason: 'no phone number in the text' },
  INVALID_COUNTRY: { problem: 'no-country', reason: 'no country: write it with its international prefix (+…)' },
  TOO_SHORT: { problem: 'too-short', reason: 'too short' },
  TOO_LONG: { problem: 'too-long', reason: 'too long' },
  INVALID_LENGTH: { problem: 'wrong-length', reason: 'wrong length' },
};

function numberType(type: NumberType | undefined): PhoneNumberType {
  if (type === 'MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed';
  // FIXED_LINE_OR_MOBILE (every NANP number), VOIP, toll-free, personal...: cannot tell.
  return 'unknown';
}

/**
 * Phone numbers through libphonenumber-js with its full ("max") metadata, which knows number
 * types and which NANP area codes are Canadian.
 */
export class LibphonenumberPhoneParser implements PhoneNumberParser {
  parse(text: string, defaultCountry = 'CA'): ParsedPhoneNumber {
    const region = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
    let number;
    try {
      number = parsePhoneNumberWithError(text, region ? { defaultCountry: region } : {});
    } catch (error) {
      if (error instanceof ParseError) {
        const known = PARSE_ERRORS[error.message];
        return known ? { valid: false, ...known } : { valid: false, reason: error.message };
      }
      throw error;
    }
    const read = { number: number.number, countryCallingCode: number.countryCallingCode };
    if (!number.isPossible()) return { valid: false, reason: `${number.number} has the wrong length for +${number.countryCallingCode}`, problem: 'impossible-length', ...read };
    if (!number.isValid()) return { valid: false, reason: `${number.number} is not a number in use in any numbering plan`, problem: 'not-in-use', ...read };
    return {
      valid: true,
      ...(number.country ? { country: number.country } : {}),
      countryCallingCode: number.countryCallingCode,
      nationalNumber: number.nationalNumber,
      ...(number.countryCallingCode === '1' ? { areaCode: number.nationalNumber.slice(0, 3) } : {}),
      type: numberType(number.getType()),
      e164: number.number,
    };
  }
}
