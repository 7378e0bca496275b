import type { HostingProviderProps } from '../../domain/hosting-provider';
import type { NoticeDocument } from '../../domain/notice-document';
import type { NoticeReceipt, TakedownNoticeSender } from '../../ports/takedown-notice-sender';

/** Sends by the provider's webhook when it has one (machine-readable, faster), otherwise by email. */
export class ProviderChannelNoticeSender implements TakedownNoticeSender {
  constructor(private readonly webhook: TakedownNoticeSender, private readonly email: TakedownNoticeSender) {}

  send(provider: HostingProviderProps, document: NoticeDocument): Promise<NoticeReceipt> {
    return (provider.noticeWebhookUrl ? this.webhook : this.email).send(provider, document);
  }
}
