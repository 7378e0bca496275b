import type { HostingProviderProps } from '../../domain/hosting-provider';
import type { NoticeDocument } from '../../domain/notice-document';
import type { NoticeReceipt, TakedownNoticeSender } from '../../ports/takedown-notice-sender';

/** Keeps every notice in memory instead of sending it: for tests and demos. Can be told to fail. */
export class RecordingNoticeSender implements TakedownNoticeSender {
  readonly sent: Array<{ provider: HostingProviderProps; document: NoticeDocument }> = [];
  failWith?: string;

  async send(provider: HostingProviderProps, document: NoticeDocument): Promise<NoticeReceipt> {
    if (this.failWith) throw new Error(this.failWith);
    this.sent.push({ provider, document });
    return { channel: 'recorded', detail: `recorded notice ${document.noticeId} attempt ${document.attempt}` };
  }
}
