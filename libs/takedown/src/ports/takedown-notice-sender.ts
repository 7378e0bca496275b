import type { HostingProviderProps } from '../domain/hosting-provider';
import type { NoticeDocument } from '../domain/notice-document';

export interface NoticeReceipt {
  /** email, webhook, recorded… */
  channel: string;
  /** What the far end answered ("HTTP 202", the SMTP message id), shown in the notice's history. */
  detail: string;
}

/**
 * Delivers a notice to a provider (outbound port). Throws when delivery failed; the notice is
 * then retried sooner than a re-send. Adapters should pass `noticeId`/`attempt` on (an
 * Idempotency-Key header, a Message-ID) so a provider can recognise a duplicate.
 */
export interface TakedownNoticeSender {
  send(provider: HostingProviderProps, document: NoticeDocument): Promise<NoticeReceipt>;
}

export const TAKEDOWN_NOTICE_SENDER = Symbol('TakedownNoticeSender');
