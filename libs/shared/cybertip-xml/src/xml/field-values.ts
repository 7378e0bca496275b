/**
 * The schema's value types, checked. Each parser takes the element's path (for the error) and
 * its trimmed, non-empty text, and returns the typed value or throws a CyberTipXmlError.
 */
import { isIP } from 'node:net';
import { CyberTipXmlError } from '../cybertip-xml-error';

export type ValueParser<T> = (element: string, text: string) => T;

const invalid = (element: string, detail: string) => new CyberTipXmlError('invalid-value', element, detail);
const quoted = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

export const asText: ValueParser<string> = (_element, text) => text;

/** xsd:boolean: true, false, 1 or 0. */
export const asBoolean: ValueParser<boolean> = (element, text) => {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw invalid(element, `${quoted(text)} is not a boolean (true, false, 1 or 0)`);
};

export const asIntegerBetween =
  (min: number, max: number): ValueParser<number> =>
  (element, text) => {
    const value = /^[+-]?\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw invalid(element, `${quoted(text)} is not a whole number from ${min} to ${max}`);
    }
    return value;
  };

export const asDecimalBetween =
  (min: number, max: number): ValueParser<number> =>
  (element, text) => {
    const value = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value) || value < min || value > max) {
      throw invalid(element, `${quoted(text)} is not a number from ${min} to ${max}`);
    }
    return value;
  };

/** A report or file number: digits only, kept as text so no precision is ever lost. */
export const asDigits: ValueParser<string> = (element, text) => {
  if (!/^\d{1,20}$/.test(text)) throw invalid(element, `${quoted(text)} is not a report number (digits only)`);
  return text;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** xsd:dateTime (ISO 8601 with a time; the offset may be left out). Kept as sent. */
export const asDateTime: ValueParser<string> = (element, text) => {
  const parts = DATE_TIME.exec(text);
  if (!parts || !isCalendarDate(parts[1], parts[2], parts[3]) || Number(parts[4]) > 23 || Number(parts[5]) > 59 || Number(parts[6] ?? 0) > 59) {
    throw invalid(element, `${quoted(text)} is not an ISO 8601 date-time (e.g. 2024-05-01T13:45:00Z)`);
  }
  return text;
};

/** xsd:date, `YYYY-MM-DD`. */
export const asDate: ValueParser<string> = (element, text) => {
  const parts = DATE.exec(text);
  if (!parts || !isCalendarDate(parts[1], parts[2], parts[3])) throw invalid(element, `${quoted(text)} is not a date (YYYY-MM-DD)`);
  return text;
};

function isCalendarDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

export const asIpAddress: ValueParser<string> = (element, text) => {
  if (isIP(text) === 0) throw invalid(element, `${quoted(text)} is not an IPv4 or IPv6 address`);
  return text;
};

export const asOneOf =
  <T extends string>(values: readonly T[]): ValueParser<T> =>
  (element, text) => {
    if (!(values as readonly string[]).includes(text)) {
      throw invalid(element, `${quoted(text)} is not one of: ${values.map((value) => `"${value}"`).join(', ')}`);
    }
    return text as T;
  };

/** Hex digest lengths of the hash types whose value is a hex string; other types are kept as sent. */
const HEX_DIGEST_LENGTHS: Record<string, number> = { MD5: 32, SHA1: 40, SHA256: 64, SHA384: 96, SHA512: 128, PDQ: 64 };

/** The canonical name of a hash type: upper case, no dash (`sha-256` → `SHA256`). */
export function canonicalHashType(hashType: string): string {
  return hashType.toUpperCase().replace(/[-_\s]/g, '');
}

export function checkHashValue(element: string, hashType: string, value: string): string {
  const length = HEX_DIGEST_LENGTHS[canonicalHashType(hashType)];
  if (length !== undefined && !new RegExp(`^[0-9a-fA-F]{${length}}$`).test(value)) {
    throw invalid(element, `${quoted(value)} is not a ${hashType} hash (${length} hexadecimal digits)`);
  }
  return value;
}
