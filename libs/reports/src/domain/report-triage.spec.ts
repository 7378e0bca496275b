import { ConflictError, ValidationError } from '@vigil/kernel';
import { Report } from './report';
import { ReportTriage } from './report-triage';

const at = new Date('2026-11-23T10:00:00Z');
const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);

describe('ReportTriage', () => {
  it('refuses a second analyst while the claim holds, naming who holds it, and lets them in once it expires', () => {
    const triage = ReportTriage.start('r1');
    triage.claim('ana', at, 30);
    expect(() => triage.claim('ben', later(10), 30)).toThrow(ConflictError);
    expect(() => triage.claim('ben', later(10), 30)).toThrow(/claimed by ana/);
    expect(() => triage.addNote('ben', later(10), 'mine now')).toThrow(/claimed by ana/);
    expect(triage.claim('ben', later(31), 30).by).toBe('ben');
    expect(triage.snapshot().timeline.map((entry) => [entry.by, entry.action])).toEqual([
      ['ana', 'claimed'],
      ['ben', 'claimed'],
    ]);
  });

  it('lets the holder renew and release; another analyst may not release, a supervisor may', () => {
    const triage = ReportTriage.start('r1');
    triage.claim('ana', at, 30);
    triage.claim('ana', later(5), 30);
    expect(() => triage.release('ben', later(6), false)).toThrow(/claimed by ana/);
    triage.release('sue', later(6), true);
    expect(triage.activeClaim(later(6))).toBeUndefined();
    expect(triage.snapshot().timeline.at(-1)).toMatchObject({ by: 'sue', action: 'released', summary: "released ana's claim" });
  });

  it('records the first triage once, at the first analyst action', () => {
    const triage = ReportTriage.start('r1');
    triage.addNote('ana', later(3), 'looked at it');
    triage.addNote('ben', later(9), 'me too');
    expect(triage.snapshot()).toMatchObject({ firstTriagedAt: later(3).toISOString(), firstTriagedBy: 'ana' });
  });

  it('confirms or corrects the classification with Criminal Code offence categories, refusing unknown ones', () => {
    const triage = ReportTriage.start('r1');
    expect(triage.classify('ana', at, { incidentType: 'sextortion-financial', offences: ['s.346', 's.162.1'], reportedType: 'sextortion-financial' }).confirmed).toBe(true);
    const corrected = triage.classify('ana', at, { incidentType: 'online-luring', offences: ['s.172.1'], reportedType: 'sextortion-financial' });
    expect(corrected).toMatchObject({ confirmed: false, incidentType: 'online-luring', offences: ['s.172.1'] });
    expect(triage.snapshot().timeline.at(-1)?.summary).toBe('corrected sextortion-financial → online-luring (s.172.1)');
    expect(() => triage.classify('ana', at, { incidentType: 'csam', offences: ['s.999'], reportedType: 'csam' })).toThrow(/offences: "s.999"/);
    expect(() => triage.classify('ana', at, { incidentType: 'gossip', offences: [], reportedType: 'csam' })).toThrow(ValidationError);
  });

  it('splits into incidents whose URLs must be the report’s own', () => {
    const triage = ReportTriage.start('r1');
    const urls = ['https://a.example/1', 'https://b.example/2'];
    const split = triage.split(
      'ana',
      at,
      [
        { id: 'r1:1', incidentType: 'csam', description: 'images', urls: [urls[0]], offences: ['s.163.1'] },
        { id: 'r1:2', incidentType: 'online-luring', description: 'chat', urls: [urls[1]] },
      ],
      urls,
    );
    expect(split.map((incident) => incident.offences)).toEqual([['s.163.1'], []]);
    expect(() => triage.split('ana', at, [{ id: 'x', incidentType: 'csam', description: '', urls: ['https://elsewhere.example/'] }], urls)).toThrow(/incidents\[0\]\.urls/);
    expect(() => triage.split('ana', at, [], urls)).toThrow(/incidents/);
  });

  it('records decisions: takedown, forwarding abroad with an ISO country code, closing with a reason', () => {
    const triage = ReportTriage.start('r1');
    triage.requestTakedown('ana', at, ['https://a.example/1']);
    expect(() => triage.forwardAbroad('ana', at, 'France', 'Point de Contact')).toThrow(/country/);
    triage.forwardAbroad('ana', at, 'fr', 'Point de Contact', 'hosted in France');
    expect(() => triage.close('ana', at, '  ')).toThrow(/reason/);
    triage.claim('ana', at, 30);
    triage.close('ana', later(1), 'duplicate of VGL-0000-0002');
    const state = triage.snapshot();
    expect(state.decisions.map((decision) => decision.kind)).toEqual(['takedown-requested', 'forwarded-abroad', 'closed']);
    expect(state.decisions[1]).toMatchObject({ country: 'FR', hotline: 'Point de Contact' });
    expect(state.claim).toBeUndefined();
  });

  it('requests a takedown once per URL: a repeat of the same URLs is a conflict, a new URL alone goes through', () => {
    const triage = ReportTriage.start('r1');
    expect(triage.requestTakedown('ana', at, ['https://a.example/1', 'https://a.example/2'])).toEqual(['https://a.example/1', 'https://a.example/2']);
    expect(() => triage.requestTakedown('bo', later(1), ['https://a.example/2', 'https://a.example/1'])).toThrow(ConflictError);
    expect(() => triage.requestTakedown('bo', later(1), ['https://a.example/1'])).toThrow(/already requested for this URL \(last by ana at 2026-11-23T10:00:00.000Z\)/);
    expect(triage.requestTakedown('bo', later(2), ['https://a.example/1', 'https://a.example/3'])).toEqual(['https://a.example/3']);
    const timeline = triage.snapshot().timeline.filter((entry) => entry.action === 'takedown-requested');
    expect(timeline.map((entry) => entry.summary)).toEqual(['takedown requested for 2 URL(s)', 'takedown requested for 1 URL(s)']);
  });

  it('lets a supervisor assign a held report to another analyst', () => {
    const triage = ReportTriage.start('r1');
    triage.claim('ana', at, 30);
    triage.assign('sue', 'ben', later(1), 30);
    expect(triage.activeClaim(later(2))?.by).toBe('ben');
    expect(triage.snapshot().timeline.at(-1)?.summary).toBe('assigned to ben (was held by ana)');
  });
});

describe('Report analyst decisions', () => {
  const report = () =>
    Report.submit({ id: 'r1', reference: 'VGL-0000-0001', source: 'public', incidentType: 'csam', description: 'x', urls: [], media: [], receivedAt: at });

  it('overrides the priority down as well as up, recording who, from and to', () => {
    const subject = report();
    expect(subject.overridePriority('critical', 'child named in chat', 'ana', at)).toEqual({ from: 'normal', to: 'critical' });
    expect(subject.overridePriority('low', 'duplicate', 'ben', later(1))).toEqual({ from: 'critical', to: 'low' });
    const state = subject.snapshot();
    expect(state.priority).toBe('low');
    expect(state.priorityReasons.at(-1)).toEqual({ level: 'low', rule: 'analyst-override', detail: 'ben: critical → low: duplicate', at: later(1).toISOString() });
    expect(() => subject.overridePriority('urgent', 'x', 'ana', at)).toThrow(/priority/);
    expect(() => subject.overridePriority('high', ' ', 'ana', at)).toThrow(/reason/);
  });

  it('raises a report the reporter flagged as urgent, keeping their reason', () => {
    const subject = report();
    subject.flagUrgent('child in imminent danger', at);
    expect(subject.snapshot().priority).toBe('high');
    expect(subject.snapshot().priorityReasons.at(-1)).toMatchObject({ rule: 'reporter-urgent', detail: 'child in imminent danger' });
  });

  it('closes once; a closed report cannot be escalated or re-prioritised', () => {
    const subject = report();
    subject.close();
    expect(subject.snapshot().status).toBe('closed');
    expect(() => subject.close()).toThrow(ConflictError);
    expect(() => subject.escalate('ana', at)).toThrow(ConflictError);
    expect(() => subject.overridePriority('high', 'x', 'ana', at)).toThrow(ConflictError);
  });
});
