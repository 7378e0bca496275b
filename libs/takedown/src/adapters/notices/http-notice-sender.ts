import type { HostingProviderProps } from '../../domain/hosting-provider';
import type { NoticeDocument } from '../../domain/notice-document';
import type { NoticeReceipt, TakedownNoticeSender } from '../../ports/takedown-notice-sender';

/**
 * POSTs the notice as JSON to the provider's notice webhook. A 2xx answer is a delivery;
 * anything else, or no answer within the timeout, fails (and is retried). The
 * Idempotency-Key lets the provider drop the one duplicate a crash can cause.
 */
export class HttpNoticeSender implements TakedownNoticeSender {
  constructor(private readonly options: { timeoutMs: number; userAgent?: string } = { timeoutMs: 10000 }) {}

  async send(provider: HostingProviderProps, document: NoticeDocument): Promise<NoticeReceipt> {
    if (!provider.noticeWebhookUrl) throw new Error(`provider "${provider.name}" has no notice webhook`);
    const response = await fetch(provider.noticeWebhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `${document.noticeId}:${document.attempt}`,
        'user-agent': this.options.userAgent ?? 'Vigil-Takedown/1',
      },
      body: JSON.stringify(document.json),
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    // The provider's answer is not needed; drop it without reading it all.
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new Error(`the notice webhook answered HTTP ${response.status}`);
    return { channel: 'webhook', detail: `HTTP ${response.status} from ${new URL(provider.noticeWebhookUrl).host}` };
  }
}
