import type { HashEntryProps, HashType } from '../../domain/banks/hash-bank';
import { isPositive } from '../../domain/review/review-classification';
import type { ReviewOutcome, ReviewItemSnapshot } from '../../domain/review/review-item';
import type { HashBankRepository } from '../../ports/hash-bank.repository';
import type { CurateBankEntriesUseCase } from '../curate-banks/curate-bank-entries.use-case';
import type { CurateBanksUseCase } from '../curate-banks/curate-banks.use-case';

export const REVIEWED_BANK_NAME = 'Reviewed by Vigil';
/** PDQ hashes below this quality are not matched on; banking one would only invite false matches. */
const MIN_PDQ_QUALITY = 50;

/** The curation a supervisor's override may need: entries are disabled, re-enabled or corrected, never deleted. */
export type ReviewedEntryCuration = Pick<CurateBankEntriesUseCase, 'disableEntry' | 'enableEntry' | 'correctEntry'>;

export interface BankReconciliation {
  added: HashEntryProps[];
  /** Disabled, re-enabled or re-classified to follow an override. */
  changed: HashEntryProps[];
}

/**
 * The bank our own reviewers' outcomes go to: the one configured (REVIEW_BANK_ID), or the
 * "Reviewed by Vigil" bank, created the first time a review concludes positively. A positive
 * outcome adds the media's SHA-256, MD5 and (good enough) PDQ; a supervisor's override to
 * not-csam disables them with the reason, and one to another class corrects their classification.
 */
export class ReviewedBank {
  constructor(
    private readonly banks: HashBankRepository,
    private readonly curate: CurateBanksUseCase,
    private readonly configuredBankId?: string,
    private readonly curation?: ReviewedEntryCuration,
  ) {}

  async reconcile(item: ReviewItemSnapshot, outcome: ReviewOutcome): Promise<BankReconciliation> {
    const positive = isPositive(outcome.classification);
    const bankId = positive ? await this.bankId() : await this.existingBankId();
    if (!bankId) return { added: [], changed: [] };
    const hashes = hashesOf(item);
    // Look first rather than catch the unique violation: inside the caller's transaction a
    // failed INSERT would abort everything after it.
    const present = (await this.banks.findExact(hashes.map((hash) => ({ type: hash.hashType, value: hash.value })))).filter((candidate) => candidate.entry.bankId === bankId);
    const by = outcome.by.join(', ');
    const why = `review item ${item.id} (report ${item.reportReference}): ${outcome.rule}, ${outcome.reason}`;
    const changed: HashEntryProps[] = [];
    // Only a supervisor's override changes entries already banked: a consensus on another copy
    // of the same media does not silently undo an earlier judgement.
    const curation = outcome.rule === 'override' ? this.curation : undefined;
    for (const { entry } of present) {
      if (!curation) break;
      if (!positive && !entry.disabledAt) changed.push(await curation.disableEntry({ bankId, entryId: entry.id, reason: `not CSAM after ${why}`, by }));
      if (positive && entry.disabledAt) changed.push(await curation.enableEntry({ bankId, entryId: entry.id, by }));
      if (positive && entry.classification !== outcome.classification) {
        changed.push(await curation.correctEntry({ bankId, entryId: entry.id, corrections: { classification: outcome.classification, notes: why }, by }));
      }
    }
    if (!positive) return { added: [], changed };
    const banked = new Set(present.map(({ entry }) => `${entry.hashType}:${entry.value}`));
    const added: HashEntryProps[] = [];
    for (const hash of hashes.filter((candidate) => !banked.has(`${candidate.hashType}:${candidate.value}`))) {
      added.push(await this.curate.addEntry({ bankId, ...hash, classification: outcome.classification, addedBy: by, notes: why }));
    }
    return { added, changed };
  }

  private async bankId(): Promise<string> {
    const existing = await this.existingBankId();
    if (existing) return existing;
    const created = await this.curate.createBank({
      name: REVIEWED_BANK_NAME,
      kind: 'positive',
      source: 'Vigil human review: hashes of media our reviewers classified by consensus or supervisor override',
      terms: 'Internal: from this platform’s own review queue',
      owner: 'Vigil review team',
    });
    return created.id;
  }

  private async existingBankId(): Promise<string | undefined> {
    if (this.configuredBankId) {
      if (!(await this.banks.findBank(this.configuredBankId))) throw new Error(`REVIEW_BANK_ID ${this.configuredBankId} names no bank`);
      return this.configuredBankId;
    }
    return (await this.banks.listBanks()).find((bank) => bank.name === REVIEWED_BANK_NAME)?.id;
  }
}

function hashesOf(item: ReviewItemSnapshot): Array<{ hashType: HashType; value: string }> {
  return [
    { hashType: 'sha256', value: item.sha256 },
    { hashType: 'md5', value: item.md5 },
    ...(item.pdq && (item.pdqQuality ?? 0) >= MIN_PDQ_QUALITY ? [{ hashType: 'pdq' as const, value: item.pdq }] : []),
  ];
}
