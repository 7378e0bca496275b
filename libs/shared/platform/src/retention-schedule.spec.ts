import { RetentionPolicy, type RetentionTarget } from '@vigil/kernel';
import { PurgeExpiredRecordsUseCase, type AuditRecord } from '@vigil/security';
import { RetentionSchedule } from './retention-schedule';

const NOW = new Date('2026-11-23T00:00:00Z');

function scheduleWith(target: RetentionTarget, log: string[]) {
  const policy = RetentionPolicy.fromSettings([{ recordType: 'relayed-outbox-event', description: 'relayed events', defaultKeepDays: 30 }], {});
  const audit: AuditRecord[] = [];
  const purge = new PurgeExpiredRecordsUseCase(policy, [target], { record: async (entry) => void audit.push(entry) }, (work) => work(), () => NOW);
  return { schedule: new RetentionSchedule(purge, 60, (message) => log.push(message)), audit };
}

describe('RetentionSchedule', () => {
  it('logs what a run purged, and keeps going after a failed run', async () => {
    const due = ['e-1', 'e-2'];
    let fail = true;
    const target: RetentionTarget = {
      recordType: 'relayed-outbox-event',
      findDue: async () => (fail ? Promise.reject(new Error('database unavailable')) : due.splice(0)),
      purge: async (ids) => ids.length,
    };
    const log: string[] = [];
    const { schedule, audit } = scheduleWith(target, log);
    await schedule.runOnce();
    expect(log).toEqual(['retention purge failed: database unavailable']);
    fail = false;
    await schedule.runOnce();
    expect(log[1]).toBe('retention: relayed-outbox-event: 2 purged, kept 30 days (cut-off 2026-10-24T00:00:00.000Z)');
    expect(audit).toHaveLength(1);
  });

  it('never runs two purges at once, and stop waits for the one in progress', async () => {
    let release!: () => void;
    let calls = 0;
    const target: RetentionTarget = {
      recordType: 'relayed-outbox-event',
      findDue: () => {
        calls++;
        return new Promise((resolve) => (release = () => resolve([])));
      },
      purge: async () => 0,
    };
    const { schedule } = scheduleWith(target, []);
    const first = schedule.runOnce();
    const second = schedule.runOnce();
    expect(second).toBe(first);
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    expect(calls).toBe(1);
  });
});
