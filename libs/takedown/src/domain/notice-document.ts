import type { HostingProviderProps } from './hosting-provider';
import type { NoticeProps } from './notice';
import type { TrackedUrlProps } from './tracked-url';

/**
 * What a hosting provider receives: the same facts as an email (subject and text) and as a
 * webhook's JSON body. It names the URL and why, never carries the material itself.
 */
export interface NoticeDocument {
  noticeId: string;
  /** 1 for the first delivery, then 2, 3… for the daily re-sends. */
  attempt: number;
  subject: string;
  text: string;
  json: {
    type: 'vigil.takedown-notice';
    version: 1;
    noticeId: string;
    attempt: number;
    url: string;
    host: string;
    classification: string | null;
    firstReportedAt: string;
    noticeIssuedAt: string;
    provider: { id: string; name: string };
  };
}

export function noticeDocument(input: { notice: NoticeProps; url: Pick<TrackedUrlProps, 'url' | 'host' | 'classification' | 'firstReportedAt'>; provider: Pick<HostingProviderProps, 'id' | 'name'> }): NoticeDocument {
  const { notice, url, provider } = input;
  const attempt = notice.attempts + 1;
  const resend = attempt > 1 ? ` (reminder ${attempt - 1}: the content was still online at our last check)` : '';
  const subject = `Takedown notice ${notice.id}${attempt > 1 ? ` – reminder ${attempt - 1}` : ''}: ${url.host}`;
  const text = [
    `To ${provider.name},`,
    '',
    `This is a notice${resend} that the following address on your service hosts material that appears to be child sexual abuse material${url.classification ? ` (classification: ${url.classification})` : ''}:`,
    '',
    `    ${url.url}`,
    '',
    `First reported: ${url.firstReportedAt}. Notice issued: ${notice.issuedAt}.`,
    'Please remove the material and preserve any related records for law enforcement. Do not forward the material itself to anyone.',
    'We re-send this notice every 24 hours until we confirm the address no longer serves the material.',
    '',
    `Notice reference: ${notice.id} (attempt ${attempt})`,
  ].join('\n');
  return {
    noticeId: notice.id,
    attempt,
    subject,
    text,
    json: {
      type: 'vigil.takedown-notice',
      version: 1,
      noticeId: notice.id,
      attempt,
      url: url.url,
      host: url.host,
      classification: url.classification ?? null,
      firstReportedAt: url.firstReportedAt,
      noticeIssuedAt: notice.issuedAt,
      provider: { id: provider.id, name: provider.name },
    },
  };
}
