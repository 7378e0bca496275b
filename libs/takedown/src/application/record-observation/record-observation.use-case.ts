import type { Clock } from '@vigil/kernel';
import { providerForHost } from '../../domain/hosting-provider';
import { normaliseUrl, TrackedUrl } from '../../domain/tracked-url';
import type { KnownHashChecker, KnownHashHit, ObservedHashes } from '../../ports/known-hash-checker';
import type { ProviderRepository } from '../../ports/provider.repository';
import type { Transactions } from '../../ports/transactions';
import type { UrlRepository } from '../../ports/url.repository';
import type { IssueNoticeUseCase } from '../issue-notice/issue-notice.use-case';

export type ObservationOutcome =
  | 'not-listed' // unknown URL, no known hash: nothing to do
  | 'listed-and-noticed' // known hash at a new URL: listed, notice issued
  | 'listed-awaiting-provider' // known hash at a new URL whose host has no provider yet
  | 'noticed' // a listed URL confirmed by a known hash: notice issued
  | 'reappeared-and-noticed' // a removed URL is back online: new notice
  | 'sighting-recorded'; // a listed URL seen again; nothing else changes

export interface ObservationResult {
  outcome: ObservationOutcome;
  reason: string;
  urlId?: string;
  noticeId?: string;
  match?: KnownHashHit;
}

/**
 * Re-upload detection: a crawler (or a partner) saw a file at a URL. A known hash at a new URL
 * lists it and issues a notice automatically; a removed URL seen online again reappears and
 * gets a new notice. A URL a person marked not actionable is left to them (the sighting is recorded).
 */
export class RecordObservationUseCase {
  constructor(
    private readonly urls: UrlRepository,
    private readonly providers: ProviderRepository,
    private readonly knownHashes: KnownHashChecker,
    private readonly notices: IssueNoticeUseCase,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly ids: () => string,
  ) {}

  async execute(input: ObservedHashes & { url: string; observedBy: string }): Promise<ObservationResult> {
    const { url: normalised, host } = normaliseUrl(input.url);
    const hashes = { sha256: input.sha256, md5: input.md5, pdq: input.pdq, pdqQuality: input.pdqQuality };
    const match = hashes.sha256 || hashes.md5 || hashes.pdq ? await this.knownHashes.lookup(hashes) : undefined;
    const known = match ? `known hash ${match.bankName}/${match.entryId} observed (${match.reason})` : undefined;
    return this.transactions.run(async () => {
      const existing = await this.urls.findByUrl(normalised);
      const at = this.clock.now();
      if (!existing) {
        if (!match || !known) return { outcome: 'not-listed', reason: 'no known hash matched and the URL is not listed' };
        await this.providers.lockAssignment();
        const providerId = providerForHost(host, await this.providers.list())?.id;
        const url = TrackedUrl.list({ id: this.ids(), url: normalised, at, actor: input.observedBy, reason: known, providerId, classification: match.classification });
        const issued = await this.notices.issueFor(url, input.observedBy, `automatic: ${known}`);
        return { outcome: issued.notice ? 'listed-and-noticed' : 'listed-awaiting-provider', reason: issued.waiting ?? known, urlId: url.id, noticeId: issued.notice?.id, match };
      }
      existing.sighted(at, input.observedBy, known ?? 'seen online again');
      if (match) existing.classify(existing.props.classification ?? match.classification);
      const reappeared = existing.status === 'reappeared';
      if ((reappeared && (match || existing.takedownRequested)) || (match && existing.status === 'reported')) {
        const issued = await this.notices.issueFor(existing, input.observedBy, `automatic: ${known ?? 'a removed URL is online again'}`);
        return { outcome: reappeared ? 'reappeared-and-noticed' : 'noticed', reason: issued.waiting ?? known ?? 'online again after removal', urlId: existing.id, noticeId: issued.notice?.id, match };
      }
      await this.urls.save(existing);
      return { outcome: 'sighting-recorded', reason: `the URL is already ${existing.status}`, urlId: existing.id, match };
    });
  }
}
