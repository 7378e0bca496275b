import { isDomainError, type Clock } from '@vigil/kernel';
import { providerForHost } from '../../domain/hosting-provider';
import { normaliseUrl, TrackedUrl } from '../../domain/tracked-url';
import type { ProviderRepository } from '../../ports/provider.repository';
import type { UrlRepository } from '../../ports/url.repository';
import type { IssueNoticeUseCase } from '../issue-notice/issue-notice.use-case';

/** The parts of report.submitted.v1 this use case needs. */
export interface ReportedUrls {
  reportId: string;
  reference: string;
  urls: string[];
}

/** The parts of takedown.requested.v1 this use case needs. */
export interface TakedownRequest extends ReportedUrls {
  requestedBy: string;
  classification?: string;
}

export interface RecordedUrls {
  /** Ids of the URLs listed or updated, in the order given. */
  urlIds: string[];
  /** Addresses that could not be listed, with the reason (e.g. not http/https). */
  skipped: Array<{ url: string; reason: string }>;
}

/**
 * Lists the URLs of reports. A reported URL is only listed (status reported) until a person
 * confirms it: takedown.requested.v1 (an analyst confirmed it in the tipline) issues the notice.
 * Both run inside the event's inbox transaction, so a redelivered event changes nothing twice.
 */
export class RecordReportedUrlsUseCase {
  constructor(
    private readonly urls: UrlRepository,
    private readonly providers: ProviderRepository,
    private readonly notices: IssueNoticeUseCase,
    private readonly clock: Clock,
    private readonly ids: () => string,
  ) {}

  /** report.submitted.v1: list new URLs; a confirmed URL that was removed and is reported again gets a new notice. */
  async recordReported(report: ReportedUrls): Promise<RecordedUrls> {
    const actor = `report ${report.reference}`;
    return this.each(report.urls, async (url, isNew) => {
      if (!isNew) url.sighted(this.clock.now(), actor, `reported again in ${report.reference}`);
      if (url.status === 'reappeared' && url.takedownRequested) {
        await this.notices.issueFor(url, actor, `reappeared after removal (reported in ${report.reference}): new notice`);
      } else {
        await this.urls.save(url);
      }
    }, actor, `reported in ${report.reference}`);
  }

  /** takedown.requested.v1: an analyst confirmed these URLs; each gets a notice unless one is open. */
  async recordRequested(request: TakedownRequest): Promise<RecordedUrls> {
    const reason = `takedown requested by ${request.requestedBy} for report ${request.reference}`;
    return this.each(request.urls, async (url, isNew) => {
      url.classify(request.classification);
      if (!isNew && url.status === 'removed') url.sighted(this.clock.now(), request.requestedBy, `${reason}: reported online again`);
      if (!isNew && url.status === 'notice-sent') url.sighted(this.clock.now(), request.requestedBy, `${reason}: a notice is already open`);
      await this.notices.issueFor(url, request.requestedBy, reason);
    }, `report ${request.reference}`, `reported in ${request.reference}`);
  }

  private async each(rawUrls: string[], apply: (url: TrackedUrl, isNew: boolean) => Promise<void>, actor: string, reason: string): Promise<RecordedUrls> {
    const result: RecordedUrls = { urlIds: [], skipped: [] };
    // Runs in the event's transaction: the lock keeps a provider registered meanwhile from missing these URLs.
    await this.providers.lockAssignment();
    const providers = await this.providers.list();
    for (const raw of rawUrls) {
      let normalised: string;
      try {
        normalised = normaliseUrl(raw).url;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        result.skipped.push({ url: raw, reason: error.message });
        continue;
      }
      const existing = await this.urls.findByUrl(normalised);
      const url =
        existing ??
        TrackedUrl.list({ id: this.ids(), url: normalised, at: this.clock.now(), actor, reason, providerId: providerForHost(normaliseUrl(normalised).host, providers)?.id });
      await apply(url, !existing);
      result.urlIds.push(url.id);
    }
    return result;
  }
}
