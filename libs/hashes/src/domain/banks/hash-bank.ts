import { ValidationError } from '@vigil/kernel';

export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'pdq'] as const;
export type HashType = (typeof HASH_TYPES)[number];

/**
 * CSAM on the industry A1/A2/B1/B2 scale, material harmful to a child but not CSAM, or custom
 * labels. `csam` alone is CSAM whose grade the source did not give (a VICS category 1 item).
 */
export const STANDARD_CLASSIFICATIONS = ['csam-a1', 'csam-a2', 'csam-b1', 'csam-b2', 'harmful-abusive-material', 'csam'] as const;

/** The industry scale's own codes (A = prepubescent, B = pubescent; 1 = sex act, 2 = lascivious exhibition). */
export const INDUSTRY_CATEGORIES = ['A1', 'A2', 'B1', 'B2'] as const;
export type IndustryCategory = (typeof INDUSTRY_CATEGORIES)[number];

/**
 * A custom label: a lowercase slug that cannot be mistaken for a CSAM grade (nothing starting
 * with `csam`, and no letter-digit code such as `c1`, which is a typo for the scale more often
 * than a label).
 */
const CUSTOM_CLASSIFICATION = /^(?!csam)(?![a-z][0-9]$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_CLASSIFICATION_LENGTH = 64;

/**
 * The classification a curator or a file gave, in its canonical form: a standard value, a bare
 * industry code (`A1` → `csam-a1`), or a custom lowercase slug (`cgi-animation`). Returns
 * undefined for anything else (`csam-a3`, `Category 9`, free text), which callers refuse.
 */
export function parseClassification(input: string): string | undefined {
  const value = input.trim().toLowerCase();
  if ((STANDARD_CLASSIFICATIONS as readonly string[]).includes(value)) return value;
  if ((INDUSTRY_CATEGORIES as readonly string[]).includes(value.toUpperCase())) return `csam-${value}`;
  if (value.length <= MAX_CLASSIFICATION_LENGTH && CUSTOM_CLASSIFICATION.test(value)) return value;
  return undefined;
}

/** Like parseClassification, for a single field of a command: a clear error instead of undefined. */
export function normaliseClassification(input: string): string {
  const value = parseClassification(input);
  if (!value) {
    throw new ValidationError(
      `classification: "${input}" is not one of ${STANDARD_CLASSIFICATIONS.join(', ')}, an industry code (A1, A2, B1, B2) or a custom lowercase label such as "cgi-animation"`,
      'classification',
    );
  }
  return value;
}

/** The industry code of a graded CSAM classification, or undefined (harmful material, custom, ungraded). */
export function industryCategoryOf(classification: string): IndustryCategory | undefined {
  const match = /^csam-([ab][12])$/.exec(classification);
  return match ? (match[1].toUpperCase() as IndustryCategory) : undefined;
}

/** A positive bank's matches are reported; a negative bank lists known false positives that suppress them. */
export type BankKind = 'positive' | 'negative';

export interface HashBankProps {
  id: string;
  name: string;
  kind: BankKind;
  source: string;
  terms: string;
  owner: string;
  /** Maximum PDQ Hamming distance that counts as a match for this bank (0–31; PDQ's usual is 31). */
  pdqThreshold: number;
  createdAt: string;
}

/**
 * PDQ's recommended match distance, and the radius the index searches. A bank may be stricter,
 * never looser: a threshold above what the index is asked for would be silently ignored.
 */
export const MAX_PDQ_THRESHOLD = 31;

export function validateBank(props: HashBankProps): HashBankProps {
  if (!props.name.trim()) throw new ValidationError('name: a bank needs a name', 'name');
  if (!Number.isInteger(props.pdqThreshold) || props.pdqThreshold < 0 || props.pdqThreshold > MAX_PDQ_THRESHOLD) {
    throw new ValidationError(`pdqThreshold: must be an integer from 0 to ${MAX_PDQ_THRESHOLD}`, 'pdqThreshold');
  }
  for (const field of ['source', 'terms', 'owner'] as const) {
    if (!props[field].trim()) throw new ValidationError(`${field}: a bank's provenance needs its ${field}`, field);
  }
  return { ...props, name: props.name.trim(), source: props.source.trim(), terms: props.terms.trim(), owner: props.owner.trim() };
}

/** What a curator may change on a bank after creating it (its kind never changes: that would flip every match). */
export type BankChanges = Partial<Pick<HashBankProps, 'name' | 'source' | 'terms' | 'owner' | 'pdqThreshold'>>;

export function changeBank(bank: HashBankProps, changes: BankChanges): HashBankProps {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return validateBank({ ...bank, ...defined });
}

/** Hexadecimal characters of each hash type. */
export const HASH_HEX_LENGTH: Readonly<Record<HashType, number>> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

/** Normalises a hash value to lowercase hex, or says what is wrong with it. */
export function normaliseHashValue(type: HashType, value: string): string {
  const hex = value.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== HASH_HEX_LENGTH[type]) {
    throw new ValidationError(`value: a ${type} hash is ${HASH_HEX_LENGTH[type]} hexadecimal characters`, 'value');
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
  /** Who disabled the entry. */
  disabledBy?: string;
  /** When a temporary disable ends; the expiry sweep re-enables the entry then. */
  disabledUntil?: string;
}
