import { runBenchmark } from './pdq-throughput';

describe('pdq-throughput benchmark', () => {
  it('runs end to end on a couple of small synthetic JPEGs and reports positive rates', async () => {
    const figures = await runBenchmark({ images: 2, width: 160, height: 120, passes: 1 });
    for (const rate of Object.values(figures)) {
      expect(Number.isFinite(rate)).toBe(true);
      expect(rate).toBeGreaterThan(0);
    }
  }, 60000);
});
