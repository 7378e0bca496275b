import { INCIDENT_TYPES } from '@vigil/reports';
import { parseConfig, syntheticBodies, targetVerdict } from './tipline-intake.bench';

describe('tipline intake bench inputs', () => {
  it('makes varied public reports: every incident type, one to three distinct http(s) URLs, a description', () => {
    const bodies = syntheticBodies(90, 7).map((body) => JSON.parse(body) as { incidentType: string; description: string; urls: string[] });
    expect(new Set(bodies.map((body) => body.incidentType))).toEqual(new Set(INCIDENT_TYPES));
    for (const body of bodies) {
      expect(body.urls.length).toBeGreaterThanOrEqual(1);
      expect(body.urls.length).toBeLessThanOrEqual(3);
      expect(new Set(body.urls).size).toBe(body.urls.length);
      for (const url of body.urls) expect(new URL(url).protocol).toBe('https:');
      expect(body.description.split(' ').length).toBeGreaterThan(20);
    }
    expect(new Set(bodies.map((body) => body.description)).size).toBe(bodies.length);
  });

  it('gives the same bodies for the same seed and others for another', () => {
    expect(syntheticBodies(20, 7)).toEqual(syntheticBodies(20, 7));
    expect(syntheticBodies(20, 8)).not.toEqual(syntheticBodies(20, 7));
  });

  it('reads its options and refuses unknown or malformed ones', () => {
    expect(parseConfig(['--duration=5', '--connections=8'])).toMatchObject({ durationSeconds: 5, connections: 8, warmupSeconds: 3 });
    expect(() => parseConfig(['--durations=5'])).toThrow(/unknown option --durations/);
    expect(() => parseConfig(['--duration=fast'])).toThrow(/unrecognised argument/);
    expect(() => parseConfig(['--connections=0'])).toThrow(/at least 1/);
    expect(parseConfig([]).workers).toBe(1);
    expect(parseConfig(['--workers=2']).workers).toBe(2);
    expect(() => parseConfig(['--workers=0'])).toThrow(/--workers must be at least 1/);
    expect(parseConfig(['--rate=1000']).rate).toBe(1000);
    expect(parseConfig([]).rate).toBeUndefined();
    expect(() => parseConfig(['--rate=0'])).toThrow(/--rate must be at least 1/);
  });

  it('judges the target on the answered rate and the p99, and at an offered rate on what was offered', () => {
    expect(targetVerdict(undefined, 1200, 45)).toMatch(/: met$/);
    expect(targetVerdict(undefined, 999, 45)).toMatch(/: NOT met$/);
    expect(targetVerdict(undefined, 1200, 51)).toMatch(/: NOT met$/);
    expect(targetVerdict(1000, 999.5, 33)).toMatch(/1000 reports\/s offered \(100\.0 % answered\): met$/);
    expect(targetVerdict(1000, 980, 33)).toMatch(/: NOT met$/);
    expect(targetVerdict(800, 800, 20)).toMatch(/: NOT met$/);
    expect(targetVerdict(1000, 1000, 60)).toMatch(/: NOT met$/);
  });
});
