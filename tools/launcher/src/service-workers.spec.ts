import { perWorkerRateLimit, workerCount, workersVariable } from './service-workers';

describe('services-mode worker settings', () => {
  it('runs one process unless asked, an app\'s own variable winning over VIGIL_WORKERS', () => {
    expect(workerCount('tipline', {})).toBe(1);
    expect(workerCount('tipline', { VIGIL_WORKERS: '3' })).toBe(3);
    expect(workerCount('tipline', { VIGIL_WORKERS: '3', TIPLINE_WORKERS: '2' })).toBe(2);
    expect(workerCount('hash-detection', { TIPLINE_WORKERS: '2' })).toBe(1);
    expect(workersVariable('referral-hub')).toBe('REFERRAL_HUB_WORKERS');
  });

  it('takes "auto" as one worker per CPU', () => {
    expect(workerCount('tipline', { TIPLINE_WORKERS: 'auto' }, 6)).toBe(6);
    expect(workerCount('tipline', { VIGIL_WORKERS: 'AUTO' }, 2)).toBe(2);
  });

  it('refuses a count that is not a whole number from 1 to 64, naming the variable', () => {
    expect(() => workerCount('tipline', { TIPLINE_WORKERS: '0' })).toThrow('TIPLINE_WORKERS must be a whole number from 1 to 64 or "auto", got "0"');
    expect(() => workerCount('tipline', { VIGIL_WORKERS: '1.5' })).toThrow(/^VIGIL_WORKERS must be/);
    expect(() => workerCount('tipline', { VIGIL_WORKERS: 'two' })).toThrow(/got "two"/);
  });

  it('splits the per-client public limit between workers, never below one', () => {
    expect(perWorkerRateLimit(30, 1)).toBe(30);
    expect(perWorkerRateLimit(30, 2)).toBe(15);
    expect(perWorkerRateLimit(31, 2)).toBe(16);
    expect(perWorkerRateLimit(1, 4)).toBe(1);
  });
});
