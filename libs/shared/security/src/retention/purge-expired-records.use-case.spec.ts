import { RetentionPolicy, type RetentionTarget } from '@vigil/kernel';
import type { AuditRecord, AuditTrail } from '../audit/audit-trail';
import { describePurgeOutcome, PurgeExpiredRecordsUseCase } from './purge-expired-records.use-case';

const NOW = new Date('2026-11-23T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/** An in-memory store of records that became eligible for retention at `since`. */
class InMemoryTarget implements RetentionTarget {
  readonly records = new Map<string, Date>();
  purgeCalls = 0;
  constructor(readonly recordType: string) {}

  async findDue(cutoff: Date, limit: number, afterId?: string): Promise<string[]> {
    return [...this.records.entries()]
      .filter(([id, since]) => since < cutoff && (afterId === undefined || id > afterId))
      .map(([id]) => id)
      .sort()
      .slice(0, limit);
  }

  async purge(ids: readonly string[], cutoff: Date): Promise<number> {
    this.purgeCalls++;
    let count = 0;
    for (const id of ids) if ((this.records.get(id) ?? NOW) < cutoff && this.records.delete(id)) count++;
    return count;
  }
}

class RecordingAudit implements AuditTrail {
  readonly entries: AuditRecord[] = [];
  async record(entry: AuditRecord): Promise<void> {
    this.entries.push(entry);
  }
}

function setup(env: Record<string, string> = {}) {
  const policy = RetentionPolicy.fromSettings(
    [
      { recordType: 'closed-report', description: 'closed reports', defaultKeepDays: 30 },
      { recordType: 'relayed-outbox-event', description: 'relayed events', defaultKeepDays: 7 },
    ],
    env,
  );
  const reports = new InMemoryTarget('closed-report');
  const events = new InMemoryTarget('relayed-outbox-event');
  for (let i = 0; i < 7; i++) reports.records.set(`r-${i}`, daysAgo(i < 5 ? 40 : 10));
  events.records.set('e-old', daysAgo(8));
  events.records.set('e-new', daysAgo(1));
  const audit = new RecordingAudit();
  const transactions: string[] = [];
  const purge = new PurgeExpiredRecordsUseCase(policy, [reports, events], audit, async (work) => {
    transactions.push('begin');
    return work();
  }, () => NOW, 2);
  return { purge, reports, events, audit, transactions };
}

describe('PurgeExpiredRecordsUseCase', () => {
  it('purges what is due in batches, keeps the rest, and audits each record type once with its count and ids', async () => {
    const { purge, reports, events, audit, transactions } = setup();
    const outcomes = await purge.execute();
    expect(outcomes.map((outcome) => [outcome.recordType, outcome.count])).toEqual([['closed-report', 5], ['relayed-outbox-event', 1]]);
    expect([...reports.records.keys()]).toEqual(['r-5', 'r-6']);
    expect([...events.records.keys()]).toEqual(['e-new']);
    expect(reports.purgeCalls).toBe(3); // batches of 2: 2 + 2 + 1
    expect(transactions).toHaveLength(2); // one transaction per record type
    expect(audit.entries).toEqual([
      { actor: 'retention-purge', action: 'purge', resourceType: 'retention:closed-report', resourceId: daysAgo(30).toISOString(), detail: { count: 5, keepDays: 30, cutoff: daysAgo(30).toISOString(), ids: ['r-0', 'r-1', 'r-2', 'r-3', 'r-4'] } },
      { actor: 'retention-purge', action: 'purge', resourceType: 'retention:relayed-outbox-event', resourceId: daysAgo(7).toISOString(), detail: { count: 1, keepDays: 7, cutoff: daysAgo(7).toISOString(), ids: ['e-old'] } },
    ]);
    expect(describePurgeOutcome(outcomes[0])).toBe(`closed-report: 5 purged, kept 30 days (cut-off ${daysAgo(30).toISOString()})`);
  });

  it('on a dry run lists everything due across batches and changes nothing, not even the audit log', async () => {
    const { purge, reports, events, audit } = setup();
    const outcomes = await purge.execute({ dryRun: true });
    expect(outcomes.map((outcome) => [outcome.recordType, outcome.ids])).toEqual([['closed-report', ['r-0', 'r-1', 'r-2', 'r-3', 'r-4']], ['relayed-outbox-event', ['e-old']]]);
    expect(reports.records.size).toBe(7);
    expect(events.records.size).toBe(2);
    expect(reports.purgeCalls).toBe(0);
    expect(audit.entries).toEqual([]);
  });

  it('leaves a type kept for ever alone and writes no audit entry when nothing was due', async () => {
    const { purge, reports, audit } = setup({ RETENTION_CLOSED_REPORT_DAYS: 'off', RETENTION_RELAYED_OUTBOX_EVENT_DAYS: '30' });
    const outcomes = await purge.execute();
    expect(outcomes.map((outcome) => [outcome.recordType, outcome.keepDays, outcome.count])).toEqual([['closed-report', undefined, 0], ['relayed-outbox-event', 30, 0]]);
    expect(reports.records.size).toBe(7);
    expect(audit.entries).toEqual([]);
    expect(describePurgeOutcome(outcomes[0])).toBe('closed-report: kept for ever (retention off)');
  });

  it('fails (so the transaction rolls back) when a store purges fewer records than were due', async () => {
    const { purge, reports } = setup();
    reports.purge = async () => 1;
    await expect(purge.execute()).rejects.toThrow(/closed-report purged 1 of 2 due records; rolled back/);
  });

  it('refuses a target without a rule', () => {
    const policy = RetentionPolicy.fromSettings([], {});
    expect(() => new PurgeExpiredRecordsUseCase(policy, [new InMemoryTarget('victim')], new RecordingAudit(), (work) => work())).toThrow(/no retention rule for record type "victim"/);
  });
});
