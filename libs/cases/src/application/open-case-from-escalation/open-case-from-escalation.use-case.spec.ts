import type { ReportEscalatedV1, ReportEscalatedV2 } from '@vigil/contracts';
import { FixedClock } from '@vigil/kernel';
import { InMemoryCaseRepository } from '../../adapters/in-memory/in-memory-case.repository';
import { ReceiveReferralUseCase } from '../receive-referral/receive-referral.use-case';
import { OpenCaseFromEscalationUseCase } from './open-case-from-escalation.use-case';

/** Synthetic: example.org addresses, a 555 number, documentation IPs (RFC 5737). */
const v1: ReportEscalatedV1 = {
  reportId: 'r-1', reference: 'VGL-AAAA-BBBB', incidentType: 'online-luring', priority: 'high', priorityReasons: [], urls: [], mediaSha256: ['ab'.repeat(32)],
  summary: 'An adult wrote to a child from Suspect@Example.org; postal code K1A 0B1.', escalatedBy: 'analyst', escalatedAt: '2026-11-23T10:00:00Z', source: 'public',
};

const v2: ReportEscalatedV2 = {
  reportId: 'r-2', reference: 'VGL-CCCC-DDDD', incidentType: 'online-luring', priority: 'high', priorityReasons: [], urls: ['https://example.org/p'],
  summary: 'An adult keeps messaging a child.', escalatedBy: 'analyst', escalatedAt: '2026-11-23T10:00:00Z', source: 'industry',
  mediaHashes: [{ sha256: 'ab'.repeat(32), md5: 'cd'.repeat(16) }, {}],
  suspect: {
    emails: ['Someone@Example.org'], usernames: [{ platform: 'Example Social', username: 'Example_User' }], phones: ['+16135550142'],
    ips: [{ address: '198.51.100.20', observedAt: '2026-11-20T08:00:00Z', event: 'Login' }], paymentHandles: ['paypal:someone@example.org'], deviceIds: [{ type: 'IMEI', value: '490154203237518' }],
  },
};

describe('OpenCaseFromEscalationUseCase', () => {
  let cases: InMemoryCaseRepository;
  let openCase: OpenCaseFromEscalationUseCase;

  beforeEach(() => {
    cases = new InMemoryCaseRepository();
    let ids = 0;
    openCase = new OpenCaseFromEscalationUseCase(new ReceiveReferralUseCase(cases, new FixedClock(new Date('2026-11-23T10:00:00Z')), () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`));
  });

  async function referralOf(reportId: string) {
    const kase = await cases.findBySourceReportId(reportId);
    return kase!.reports.find((referral) => referral.sourceReportId === reportId)!;
  }

  it('takes v2’s structured identifiers — a phone named nowhere in the summary — for linking and jurisdiction', async () => {
    await openCase.execute(v2);
    const referral = await referralOf('r-2');
    expect(referral.identifiers.map(({ kind, value, observedAt }) => ({ kind, value, ...(observedAt ? { observedAt } : {}) }))).toEqual([
      { kind: 'email', value: 'someone@example.org' },
      { kind: 'username', value: 'example_user@example social' },
      { kind: 'phone', value: '+16135550142' },
      { kind: 'ip', value: '198.51.100.20', observedAt: '2026-11-20T08:00:00Z' },
      { kind: 'payment', value: 'paypal:someone@example.org' },
      { kind: 'device', value: 'imei:490154203237518' },
    ]);
    expect(referral.locations).toEqual([
      { kind: 'phone', value: '+16135550142', source: 'tipline report', sourceCode: 'tipline-report' },
      { kind: 'ip', value: '198.51.100.20', source: 'tipline report (Login)', sourceCode: 'tipline-report', sourceValues: { event: 'Login' }, observedAt: '2026-11-20T08:00:00Z' },
    ]);
    expect(referral.evidence).toEqual([{ hashes: [{ algorithm: 'sha256', value: 'ab'.repeat(32) }, { algorithm: 'md5', value: 'cd'.repeat(16) }] }]);
  });

  it('keeps the accounts a report names without saying whose, labelled so, never as the suspect’s', async () => {
    const empty = { emails: [], usernames: [], phones: [], ips: [], paymentHandles: [], deviceIds: [] };
    await openCase.execute({ ...v2, reportId: 'r-3', source: 'public', suspect: { ...empty, emails: ['suspect@example.org'] }, accountsNamed: { ...empty, emails: ['child@example.org'] } });
    const referral = await referralOf('r-3');
    expect(referral.identifiers.map(({ value, source }) => [value, source])).toEqual([
      ['suspect@example.org', 'tipline report'],
      ['child@example.org', 'tipline report: named by the reporter, not said to be the suspect’s'],
    ]);
    expect(referral.identifiers.map(({ value, sourceCode }) => [value, sourceCode])).toEqual([
      ['suspect@example.org', 'tipline-report'],
      ['child@example.org', 'tipline-named'],
    ]);
  });

  it('links a v2 escalation to an open case by a structured identifier alone', async () => {
    await openCase.execute({ ...v1, summary: 'No identifiers here.', analystNote: 'call +1 613 555 0142' });
    const result = await openCase.execute(v2);
    expect(result).toMatchObject({ created: true, attachedBecause: expect.stringContaining('same phone +16135550142') });
  });

  it('still reads a v1 escalation’s identifiers and postal code from its free text', async () => {
    await openCase.execute(v1);
    const referral = await referralOf('r-1');
    expect(referral.identifiers).toEqual([expect.objectContaining({ kind: 'email', value: 'suspect@example.org', source: 'tipline escalation summary' })]);
    expect(referral.locations).toEqual([{ kind: 'postal-code', value: 'K1A 0B1', source: 'tipline escalation summary', sourceCode: 'tipline-summary' }]);
    expect(referral.evidence).toEqual([{ hashes: [{ algorithm: 'sha256', value: 'ab'.repeat(32) }] }]);
  });
});
