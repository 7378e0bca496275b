import { ValidationError } from '../errors';
import { RetentionPolicy, retentionVariable } from './retention-policy';

const RULES = [
  { recordType: 'closed-report', description: 'closed reports', defaultKeepDays: 730 },
  { recordType: 'relayed-outbox-event', description: 'relayed events', defaultKeepDays: 30 },
];
const NOW = new Date('2026-11-23T12:00:00Z');

describe('RetentionPolicy', () => {
  it('names one variable per record type', () => {
    expect(retentionVariable('relayed-outbox-event')).toBe('RETENTION_RELAYED_OUTBOX_EVENT_DAYS');
  });

  it('uses the default period unless its variable sets another, and counts the cut-off back from now', () => {
    const policy = RetentionPolicy.fromSettings(RULES, { RETENTION_CLOSED_REPORT_DAYS: '10' });
    expect(policy.cutoff('closed-report', NOW)).toEqual(new Date('2026-11-13T12:00:00Z'));
    expect(policy.cutoff('relayed-outbox-event', NOW)).toEqual(new Date('2026-10-24T12:00:00Z'));
  });

  it('keeps a type for ever when its variable is "off"', () => {
    const policy = RetentionPolicy.fromSettings(RULES, { RETENTION_CLOSED_REPORT_DAYS: 'off' });
    expect(policy.rule('closed-report').keepDays).toBeUndefined();
    expect(policy.cutoff('closed-report', NOW)).toBeUndefined();
  });

  it.each(['0', '-3', '1.5', 'ninety', '36501'])('refuses %s days, naming the variable', (value) => {
    const attempt = () => RetentionPolicy.fromSettings(RULES, { RETENTION_CLOSED_REPORT_DAYS: value });
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/RETENTION_CLOSED_REPORT_DAYS must be a whole number of days from 1 to 36500, or "off"/);
  });

  it('refuses a rule set with a duplicate or badly named record type, and an unknown type', () => {
    expect(() => RetentionPolicy.fromSettings([...RULES, RULES[0]], {})).toThrow(/defined twice/);
    expect(() => RetentionPolicy.fromSettings([{ ...RULES[0], recordType: 'Closed Report' }], {})).toThrow(/kebab-case/);
    expect(() => RetentionPolicy.fromSettings(RULES, {}).rule('victim')).toThrow(/no retention rule/);
  });
});
