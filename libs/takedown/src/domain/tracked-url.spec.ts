import { ConflictError, ValidationError } from '@vigil/kernel';
import { normaliseUrl, TrackedUrl } from './tracked-url';

const at = (iso: string) => new Date(iso);

describe('normaliseUrl', () => {
  it('lowercases the scheme and host, drops the fragment, default port and credentials, keeps path and query as they are', () => {
    expect(normaliseUrl('HTTPS://User:Secret@Files.Example.ORG:443/Path/IMG.jpg?A=1#frag')).toEqual({ url: 'https://files.example.org/Path/IMG.jpg?A=1', host: 'files.example.org' });
    expect(normaliseUrl('http://example.org:8080/a').url).toBe('http://example.org:8080/a');
    expect(normaliseUrl('  http://EXAMPLE.org  ').url).toBe('http://example.org/');
  });

  it('makes two spellings of one page the same entry', () => {
    expect(normaliseUrl('https://Example.org/page#top').url).toBe(normaliseUrl('https://example.org:443/page').url);
  });

  it('refuses what cannot be checked or taken down, naming the field', () => {
    expect(() => normaliseUrl('ftp://example.org/file')).toThrow(ValidationError);
    expect(() => normaliseUrl('ftp://example.org/file')).toThrow(/^url: only http and https/);
    expect(() => normaliseUrl('not a url')).toThrow(/^url: "not a url" is not a valid web address/);
  });
});

describe('TrackedUrl', () => {
  const listed = () => TrackedUrl.list({ id: 'u1', url: 'https://Example.org/a#x', at: at('2026-11-23T10:00:00Z'), actor: 'report VGL-1', reason: 'reported in VGL-1', providerId: 'p1' });

  it('starts reported, due a check at once, with a dated history line saying who and why', () => {
    const url = listed();
    expect(url.props).toMatchObject({ url: 'https://example.org/a', host: 'example.org', status: 'reported', nextCheckAt: '2026-11-23T10:00:00.000Z', version: 0 });
    expect(url.newHistory).toEqual([{ at: '2026-11-23T10:00:00.000Z', to: 'reported', actor: 'report VGL-1', reason: 'reported in VGL-1' }]);
  });

  it('goes reported → notice-sent → removed → reappeared → notice-sent, each change recorded', () => {
    const url = listed();
    url.noticeIssued(at('2026-11-23T11:00:00Z'), 'analyst', 'confirmed');
    url.confirmRemoved(at('2026-11-24T09:00:00Z'), 'removal-checker', 'HTTP 404');
    expect(url.props).toMatchObject({ status: 'removed', removedAt: '2026-11-24T09:00:00.000Z', nextCheckAt: undefined });
    url.sighted(at('2026-11-30T09:00:00Z'), 'crawler', 'known hash observed');
    expect(url.props).toMatchObject({ status: 'reappeared', removedAt: undefined, nextCheckAt: '2026-11-30T09:00:00.000Z' });
    url.noticeIssued(at('2026-11-30T09:00:00Z'), 'crawler', 'automatic');
    expect(url.props.history.map((entry) => `${entry.from ?? ''}>${entry.to} ${entry.actor}: ${entry.reason}`)).toEqual([
      '>reported report VGL-1: reported in VGL-1',
      'reported>notice-sent analyst: confirmed',
      'notice-sent>removed removal-checker: HTTP 404',
      'removed>reappeared crawler: known hash observed',
      'reappeared>notice-sent crawler: automatic',
    ]);
  });

  it('records a sighting of a URL that is not removed without changing its status', () => {
    const url = listed();
    url.sighted(at('2026-11-24T10:00:00Z'), 'report VGL-2', 'reported again in VGL-2');
    expect(url.status).toBe('reported');
    expect(url.newHistory.at(-1)).toMatchObject({ from: 'reported', to: 'reported', reason: 'reported again in VGL-2' });
  });

  it('refuses changes the status rules forbid, and status changes without a reason', () => {
    const url = listed();
    url.markNotActionable(at('2026-11-23T12:00:00Z'), 'supervisor', 'adult content, not CSAM');
    expect(() => url.confirmRemoved(at('2026-11-23T13:00:00Z'), 'x', 'gone')).toThrow(ConflictError);
    expect(() => url.confirmRemoved(at('2026-11-23T13:00:00Z'), 'x', 'gone')).toThrow(/status: a not-actionable URL cannot become removed/);
    expect(() => listed().markNotActionable(at('2026-11-23T12:00:00Z'), 'supervisor', '  ')).toThrow(/reason: a status change needs a reason/);
  });

  it('cannot be sent a notice without a hosting provider', () => {
    const url = TrackedUrl.list({ id: 'u2', url: 'https://unknown.example/a', at: at('2026-11-23T10:00:00Z'), actor: 'a', reason: 'r' });
    expect(() => url.noticeIssued(at('2026-11-23T10:00:00Z'), 'analyst', 'confirmed')).toThrow(/no hosting provider is registered for unknown\.example/);
  });

  it('stops scheduling checks once it is no longer active', () => {
    const url = listed();
    url.checked(at('2026-11-23T10:05:00Z'), 'up: HTTP 200', at('2026-11-23T11:05:00Z'));
    expect(url.props).toMatchObject({ lastCheckResult: 'up: HTTP 200', nextCheckAt: '2026-11-23T11:05:00.000Z' });
    url.confirmRemoved(at('2026-11-23T11:05:00Z'), 'removal-checker', 'HTTP 410');
    url.checked(at('2026-11-23T11:05:00Z'), 'removed: HTTP 410', at('2026-11-23T12:05:00Z'));
    expect(url.props.nextCheckAt).toBeUndefined();
  });
});
