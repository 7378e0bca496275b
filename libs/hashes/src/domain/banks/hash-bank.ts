import { ValidationError } from '@vigil/kernel';

export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'pdq'] as const;
export type HashType = (typeof HASH_TYPES)[number];

/** CSAM on the industry A1/A2/B1/B2 scale, material harmful to a child but not CSAM, or custom labels. */
export const STANDARD_CLASSIFICATIONS = ['csam-a1', 'csam-a2', 'csam-b1', 'csam-b2', 'harmful-abusive-material'] as const;

/** A positive bank's matches are reported; a negative bank lists known false positives that suppress them. */
export type BankKind = 'positive' | 'negative';

export interface HashBankProps {
  id: string;
  name: string;
  kind: BankKind;
  source: string;
  terms: string;
  owner: string;
  /** Maximum PDQ Hamming distance that counts as a match for this bank (0–256; PDQ's usual is 31). */
  pdqThreshold: number;
  createdAt: string;
}

export function validateBank(props: HashBankProps): HashBankProps {
  if (!props.name.trim()) throw new ValidationError('name: a bank needs a name', 'name');
  if (!Number.isInteger(props.pdqThreshold) || props.pdqThreshold < 0 || props.pdqThreshold > 256) {
    throw new ValidationError('pdqThreshold: must be an integer from 0 to 256', 'pdqThreshold');
  }
  return { ...props, name: props.name.trim() };
}

const HEX_LENGTH: Record<HashType, number> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

/** Normalises a hash value to lowercase hex, or says what is wrong with it. */
export function normaliseHashValue(type: HashType, value: string): string {
  const hex = value.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== HEX_LENGTH[type]) {
    throw new ValidationError(`value: a ${type} hash is ${HEX_LENGTH[type]} hexadecimal characters`, 'value');
  }
  return hex;
}

export interface HashEntryProps {
  id: string;
  bankId: string;
  hashType: HashType;
  value: string;
  classification: string;
  series?: string;
  victimIdentified: boolean;
  addedBy: string;
  addedAt: string;
  notes?: string;
  disabledAt?: string;
  disabledReason?: string;
}
