import type { Clock } from '@vigil/kernel';
import { nextNoticeDue } from '../../domain/notice';
import { noticeDocument } from '../../domain/notice-document';
import type { ProviderRepository } from '../../ports/provider.repository';
import type { TakedownNoticeSender } from '../../ports/takedown-notice-sender';
import type { UrlRepository } from '../../ports/url.repository';
import type { TakedownPolicy } from '../takedown-policy';

export interface SendReport {
  sent: number;
  failed: number;
}

/** How long "send now" waits for a sweep that claimed the notice first, and how often it looks. */
export interface SendNowWait {
  waitMs: number;
  pollMs: number;
}

// A little above the webhook sender's own timeout (10 s), so a sweep's attempt is normally seen.
const DEFAULT_SEND_NOW_WAIT: SendNowWait = { waitMs: 12_000, pollMs: 100 };

/**
 * Sends every open notice that is due (new ones, and re-sends every resend interval until
 * removal is confirmed). Each notice is claimed first (its due time moves to the end of a
 * lease, in a short transaction with FOR UPDATE SKIP LOCKED), so two sweeps never send the
 * same notice. If the process dies between sending and recording, the lease expires and the
 * notice is sent once more: at-least-once, with the notice id and attempt in every delivery
 * so the provider can spot the duplicate.
 */
export class SendDueNoticesUseCase {
  constructor(
    private readonly urls: UrlRepository,
    private readonly providers: ProviderRepository,
    private readonly sender: TakedownNoticeSender,
    private readonly clock: Clock,
    private readonly policy: TakedownPolicy,
    private readonly sendNowWait: SendNowWait = DEFAULT_SEND_NOW_WAIT,
  ) {}

  /**
   * "Send now" for one notice that a person just issued (or asked to re-send), which had
   * `attemptsBefore` attempts then. A sweep may have claimed it in the moment between: then this
   * waits for that sweep's attempt instead of answering "nothing sent", so the person sees how the
   * delivery went. Gives up after `waitMs` (the notice stays claimed by the sweep and its attempt
   * shows on the URL's page when recorded).
   */
  async sendNow(noticeId: string, attemptsBefore: number): Promise<SendReport> {
    const report = await this.execute({ onlyNoticeId: noticeId });
    if (report.sent + report.failed > 0) return report;
    for (let waited = 0; waited < this.sendNowWait.waitMs; waited += this.sendNowWait.pollMs) {
      const attempts = await this.urls.attemptsOf(noticeId);
      const latest = attempts.length > attemptsBefore ? attempts[attempts.length - 1] : undefined;
      if (latest) return latest.delivered ? { sent: 1, failed: 0 } : { sent: 0, failed: 1 };
      await new Promise((resolve) => setTimeout(resolve, this.sendNowWait.pollMs));
    }
    return report;
  }

  async execute(options: { onlyNoticeId?: string } = {}): Promise<SendReport> {
    const now = this.clock.now();
    const claimed = await this.urls.claimDueNotices(now, new Date(now.getTime() + this.policy.leaseMs), this.policy.batchSize, options.onlyNoticeId);
    const report: SendReport = { sent: 0, failed: 0 };
    for (const notice of claimed) {
      const [url, provider] = await Promise.all([this.urls.findById(notice.urlId), this.providers.findById(notice.providerId)]);
      if (!url || !provider) continue; // foreign keys make this impossible; nothing to send to
      const document = noticeDocument({ notice, url: url.props, provider });
      let delivered = false;
      let channel = 'none';
      let detail: string;
      try {
        const receipt = await this.sender.send(provider, document);
        delivered = true;
        channel = receipt.channel;
        detail = receipt.detail;
      } catch (error) {
        detail = `failed: ${(error as Error).message}`;
      }
      const at = this.clock.now();
      await this.urls.recordAttempt({ noticeId: notice.id, attempt: document.attempt, at: at.toISOString(), delivered, channel, detail }, nextNoticeDue(at, delivered, this.policy));
      if (delivered) report.sent += 1;
      else report.failed += 1;
    }
    return report;
  }
}
