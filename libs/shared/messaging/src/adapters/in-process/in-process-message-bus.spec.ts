import { envelope } from '@vigil/contracts';
import { NonRetryableEventError } from '../../ports/message-bus';
import { InProcessMessageBus } from './in-process-message-bus';

const event = () => envelope('report.submitted.v1', 'tipline', { reportId: 'r' });

describe('InProcessMessageBus', () => {
  it('holds events for a consumer until it subscribes', async () => {
    const bus = new InProcessMessageBus({ attempts: 1, backoffMs: 1 });
    await bus.publish(event());
    const seen: string[] = [];
    await bus.subscribe('hash-detection', async (e) => void seen.push(e.type));
    expect(seen).toEqual(['report.submitted.v1']);
  });

  it('retries, then dead-letters with the reason, and replays', async () => {
    const bus = new InProcessMessageBus({ attempts: 3, backoffMs: 1 });
    let calls = 0;
    let healthy = false;
    await bus.subscribe('hash-detection', async () => {
      calls++;
      if (!healthy) throw new Error('database unavailable');
    });
    await bus.publish(event());
    expect(calls).toBe(3);
    const [letter] = await bus.deadLetters('hash-detection');
    expect(letter).toMatchObject({ reason: 'database unavailable', attempts: 3, eventType: 'report.submitted.v1' });
    healthy = true;
    await bus.replay('hash-detection', letter.id);
    expect(calls).toBe(4);
    expect(await bus.deadLetters('hash-detection')).toEqual([]);
  });

  it('dead-letters a non-retryable event at once', async () => {
    const bus = new InProcessMessageBus({ attempts: 5, backoffMs: 1 });
    let calls = 0;
    await bus.subscribe('hash-detection', async () => {
      calls++;
      throw new NonRetryableEventError('invalid report.submitted.v1 event: payload.urls: must be an array');
    });
    await bus.publish(event());
    expect(calls).toBe(1);
    expect((await bus.deadLetters('hash-detection'))[0].reason).toMatch(/payload\.urls/);
  });
});
