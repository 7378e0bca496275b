import { demoKnownImages } from '@vigil/test-fixtures';
import { api, eventually, reportForm, staffToken, type PlatformUrls } from './platform-harness';

export type { PlatformUrls } from './platform-harness';

interface QueueRow {
  id: string;
  reference: string;
  priority: string;
  status: string;
  priorityReasons: Array<{ rule: string; detail: string }>;
  media: Array<{ matchState: string; sha256: string; match?: { reason: string } }>;
}

interface CaseRow {
  id: string;
  reference: string;
  reports: Array<{ sourceReportId: string; reference: string; priorityReasons: string[] }>;
}

/**
 * The first flow, over HTTP only: a public report with a known (synthetic) image reaches the
 * tipline, hash-detection matches it, the tipline raises its priority with the reason, an
 * analyst escalates it, and the referral hub opens a case holding it.
 */
export async function driveFirstFlow(urls: PlatformUrls): Promise<{ report: QueueRow; kase: CaseRow }> {
  const [known] = await demoKnownImages();
  const submitted = await api<{ reference: string; receivedAt: string }>(`${urls.tipline}/api/v1/reports`, {
    method: 'POST',
    body: reportForm({ incidentType: 'online-luring', description: 'E2E: a stranger sent this picture.', urls: ['https://example.org/e2e/profile'] }, [{ name: 'picture.png', bytes: known.bytes }]),
  });
  if (submitted.status !== 201) throw new Error(`submitting answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  const reference = submitted.body.reference;

  const analyst = await staffToken(urls.tipline, 'analyst');
  const report = await eventually(async () => {
    const { body } = await api<QueueRow>(`${urls.tipline}/api/v1/reports/${reference}`, { token: analyst });
    return body.media?.[0]?.matchState === 'matched' ? body : undefined;
  }, 'the media match to reach the tipline');

  const escalated = await api(`${urls.tipline}/api/v1/reports/${report.id}/escalate`, { method: 'POST', token: analyst, body: JSON.stringify({ summary: 'E2E escalation' }) });
  if (escalated.status !== 200) throw new Error(`escalating answered ${escalated.status}`);

  const investigator = await staffToken(urls.referralHub, 'investigator');
  const listed = await eventually(async () => {
    const { body } = await api<CaseRow[]>(`${urls.referralHub}/api/v1/cases`, { token: investigator });
    return body.find((row) => row.reports.some((item) => item.sourceReportId === report.id));
  }, 'the referral hub to open a case');
  const { body: kase } = await api<CaseRow>(`${urls.referralHub}/api/v1/cases/${listed.id}`, { token: investigator });
  return { report, kase };
}
