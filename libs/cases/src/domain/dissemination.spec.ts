import { Dissemination, DisseminationVersionConflict, isOverdue } from './dissemination';

const sent = () =>
  Dissemination.send({
    id: 'd-1', caseId: 'c-1', caseReference: 'VGL-C-2026-000001', policeServiceId: 'ottawa-police-service', kind: 'package', packageVersion: 1,
    manifestSha256: 'a'.repeat(64), disseminatedBy: 'inv', disseminatedAt: '2026-11-20T00:00:00.000Z',
  });

describe('Dissemination', () => {
  it('is acknowledged once; a retried acknowledgement changes nothing', () => {
    const dissemination = sent();
    expect(dissemination.acknowledge('partner:ops', new Date('2026-11-21T00:00:00Z'))).toBe(true);
    expect(dissemination.acknowledge('partner:ops', new Date('2026-11-22T00:00:00Z'))).toBe(false);
    expect(dissemination.snapshot()).toMatchObject({ acknowledgedBy: 'partner:ops', acknowledgedAt: '2026-11-21T00:00:00.000Z' });
  });

  it('takes outcomes after acknowledgement, refusing unknown outcomes and future dates', () => {
    const dissemination = sent();
    const now = new Date('2026-11-23T00:00:00Z');
    expect(() => dissemination.reportOutcome({ outcome: 'arrest', at: '2026-11-22T00:00:00Z' }, 'p', now)).toThrow(/acknowledge the referral/);
    dissemination.acknowledge('p', now);
    expect(() => dissemination.reportOutcome({ outcome: 'jailed' as never, at: '2026-11-22T00:00:00Z' }, 'p', now)).toThrow(/outcome must be one of/);
    expect(() => dissemination.reportOutcome({ outcome: 'arrest', at: 'yesterday' }, 'p', now)).toThrow(/ISO 8601/);
    expect(() => dissemination.reportOutcome({ outcome: 'arrest', at: '2026-12-01T00:00:00Z' }, 'p', now)).toThrow(/future/);
    expect(dissemination.reportOutcome({ outcome: 'child-safeguarded', at: '2026-11-22T00:00:00Z', note: ' ok ' }, 'p', now)).toEqual({
      outcome: 'child-safeguarded', at: '2026-11-22T00:00:00.000Z', note: 'ok', reportedBy: 'p', reportedAt: '2026-11-23T00:00:00.000Z',
    });
  });

  it('counts versions: each change goes up by one; a stale expected version is refused, a repeated acknowledgement never is', () => {
    const dissemination = sent();
    const now = new Date('2026-11-23T00:00:00Z');
    expect(dissemination.version).toBe(1);
    expect(() => dissemination.acknowledge('p', now, 2)).toThrow(DisseminationVersionConflict);
    expect(dissemination.acknowledge('p', now, 1)).toBe(true);
    expect(dissemination.acknowledge('p', now, 1)).toBe(false);
    expect(dissemination.version).toBe(2);
    expect(() => dissemination.reportOutcome({ outcome: 'arrest', at: '2026-11-22T00:00:00Z' }, 'p', now, 1)).toThrow(/is at version 2, not 1/);
    dissemination.reportOutcome({ outcome: 'arrest', at: '2026-11-22T00:00:00Z' }, 'p', now, 2);
    dissemination.reportOutcome({ outcome: 'charges', at: '2026-11-22T00:00:00Z' }, 'p', now);
    expect(dissemination.snapshot()).toMatchObject({ version: 4, outcomes: [{ outcome: 'arrest' }, { outcome: 'charges' }] });
  });

  it('is overdue when unacknowledged past the allowed hours', () => {
    const state = sent().snapshot();
    expect(isOverdue(state, new Date('2026-11-22T23:00:00Z'), 72)).toBe(false);
    expect(isOverdue(state, new Date('2026-11-23T01:00:00Z'), 72)).toBe(true);
    expect(isOverdue({ ...state, acknowledgedAt: '2026-11-21T00:00:00.000Z' }, new Date('2026-12-30T00:00:00Z'), 72)).toBe(false);
  });
});
