import { createTransport, type Transporter } from 'nodemailer';
import type { HostingProviderProps } from '../../domain/hosting-provider';
import type { NoticeDocument } from '../../domain/notice-document';
import type { NoticeReceipt, TakedownNoticeSender } from '../../ports/takedown-notice-sender';

export interface EmailNoticeOptions {
  /** smtp(s):// URL of the relay; without one, messages are only rendered (jsonTransport) and nothing leaves the machine. */
  smtpUrl?: string;
  from: string;
  /** Told about each message rendered without SMTP, so the demo shows what would have been sent. */
  onRendered?: (message: string) => void;
}

/**
 * Emails the notice to the provider's abuse contact through nodemailer. The Message-ID is
 * derived from the notice id and attempt, so a duplicate after a crash is recognisable.
 */
export class EmailNoticeSender implements TakedownNoticeSender {
  private readonly transport: Transporter;

  constructor(private readonly options: EmailNoticeOptions) {
    this.transport = options.smtpUrl ? createTransport(options.smtpUrl) : createTransport({ jsonTransport: true });
  }

  get delivers(): boolean {
    return Boolean(this.options.smtpUrl);
  }

  async send(provider: HostingProviderProps, document: NoticeDocument): Promise<NoticeReceipt> {
    if (!provider.contactEmail) throw new Error(`provider "${provider.name}" has no contact email`);
    const domain = this.options.from.split('@')[1] ?? 'vigil.invalid';
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: provider.contactEmail,
      subject: document.subject,
      text: document.text,
      messageId: `<notice-${document.noticeId}-${document.attempt}@${domain}>`,
      headers: { 'X-Vigil-Notice': `${document.noticeId}:${document.attempt}` },
    });
    if (!this.delivers) {
      this.options.onRendered?.(`notice ${document.noticeId} (attempt ${document.attempt}) to ${provider.contactEmail} rendered, not sent (no TAKEDOWN_SMTP_URL)`);
      return { channel: 'email (not sent: no SMTP configured)', detail: `rendered ${info.messageId} for ${provider.contactEmail}` };
    }
    return { channel: 'email', detail: `${info.messageId} accepted for ${provider.contactEmail}` };
  }
}
