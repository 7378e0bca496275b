import { ConflictError, ValidationError } from '@vigil/kernel';
import { Report } from './report';
import { isReportReference, newReportReference } from './report-reference';

const at = new Date('2026-11-23T10:00:00Z');
const media = { mediaId: 'm1', filename: 'shot.png', contentType: 'image/png', bytes: 10, sha256: 'a'.repeat(64), md5: 'b'.repeat(32) };

function submit(overrides: Partial<Parameters<typeof Report.submit>[0]> = {}) {
  return Report.submit({ id: 'r1', reference: 'VGL-0000-0001', source: 'public', incidentType: 'online-luring', description: 'x', urls: [], media: [media], receivedAt: at, ...overrides });
}

describe('Report', () => {
  it('rejects an unknown incident type, naming the field', () => {
    expect(() => submit({ incidentType: 'gossip' })).toThrow(ValidationError);
    expect(() => submit({ incidentType: 'gossip' })).toThrow(/incidentType/);
  });

  it('refuses an empty report', () => {
    expect(() => submit({ description: '  ', urls: [], media: [] })).toThrow(/description/);
  });

  it('starts sextortion reports at high priority with the reason shown', () => {
    const state = submit({ incidentType: 'sextortion-financial' }).snapshot();
    expect(state.priority).toBe('high');
    expect(state.priorityReasons[0]).toMatchObject({ rule: 'active-sextortion', level: 'high' });
  });

  it('raises priority on a known-hash match and keeps every reason', () => {
    const report = submit();
    expect(report.snapshot().priority).toBe('normal');
    report.recordMediaMatch('m1', { bankName: 'Bank', classification: 'csam-a1', matchKind: 'exact', distance: 0, reason: 'sha256 equal' }, at);
    const state = report.snapshot();
    expect(state.priority).toBe('high');
    expect(state.priorityReasons.map((reason) => reason.rule)).toEqual(['default', 'known-hash-match']);
    expect(state.media[0].matchState).toBe('matched');
  });

  it('does not downgrade a matched item to unknown', () => {
    const report = submit();
    report.recordMediaMatch('m1', { bankName: 'B', classification: 'c', matchKind: 'exact', distance: 0, reason: 'r' }, at);
    report.recordMediaUnknown('m1');
    expect(report.snapshot().media[0].matchState).toBe('matched');
  });

  it('escalates once and records the event', () => {
    const report = submit();
    report.pullEvents();
    report.escalate('analyst', at);
    expect(report.pullEvents().map((event) => event.type)).toEqual(['report.escalated']);
    expect(() => report.escalate('analyst', at)).toThrow(ConflictError);
  });

  it('removes duplicate URLs', () => {
    expect(submit({ urls: ['https://a.example/x', 'https://a.example/x'] }).snapshot().urls).toEqual(['https://a.example/x']);
  });
});

describe('report references', () => {
  it('are readable Crockford base32 and validate', () => {
    const reference = newReportReference(new Uint8Array([0, 1, 2, 3, 4, 5, 30, 31]));
    expect(reference).toBe('VGL-0123-45YZ');
    expect(isReportReference(reference)).toBe(true);
    expect(isReportReference('VGL-0I23-45YZ')).toBe(false);
  });
});
