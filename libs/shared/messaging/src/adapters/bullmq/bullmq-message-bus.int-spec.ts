import { envelope, type EventEnvelope, type ServiceName } from '@vigil/contracts';
import { CuttableTcpProxy, TEST_REDIS_URL, uniqueSuffix } from '@vigil/test-fixtures';
import { NonRetryableEventError } from '../../ports/message-bus';
import { BullMqMessageBus } from './bullmq-message-bus';

/** Against the real Redis: each test uses its own queue prefix. */
function newBus(attempts = 3) {
  return new BullMqMessageBus({
    redisUrl: TEST_REDIS_URL,
    prefix: `test-${uniqueSuffix()}`,
    retry: { attempts, backoffMs: 20 },
    routes: (): ServiceName[] => ['hash-detection', 'referral-hub'],
  });
}

function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = async () => {
      const value = await probe();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out'));
      setTimeout(tick, 25);
    };
    void tick();
  });
}

const event = (): EventEnvelope => envelope('report.submitted.v1', 'tipline', { reportId: 'r1' });

describe('BullMqMessageBus (real Redis)', () => {
  let bus: BullMqMessageBus;
  afterEach(async () => bus?.close());

  it('delivers each event to every subscribing service, once each', async () => {
    bus = newBus();
    const seen: Record<string, string[]> = { 'hash-detection': [], 'referral-hub': [] };
    await bus.subscribe('hash-detection', async (e) => void seen['hash-detection'].push(e.id));
    await bus.subscribe('referral-hub', async (e) => void seen['referral-hub'].push(e.id));
    const sent = event();
    await bus.publish(sent);
    await bus.publish(sent); // the same event id again: the queue keeps one job
    await waitFor(() => (seen['hash-detection'].length && seen['referral-hub'].length ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual({ 'hash-detection': [sent.id], 'referral-hub': [sent.id] });
  });

  it('keeps events for a consumer that subscribes later', async () => {
    bus = newBus();
    const sent = event();
    await bus.publish(sent);
    const seen: string[] = [];
    await bus.subscribe('hash-detection', async (e) => void seen.push(e.id));
    await waitFor(() => (seen.length ? true : undefined));
    expect(seen).toEqual([sent.id]);
  });

  it('retries a failing handler with backoff until it succeeds', async () => {
    bus = newBus(4);
    let calls = 0;
    await bus.subscribe('hash-detection', async () => {
      calls++;
      if (calls < 3) throw new Error(`transient failure ${calls}`);
    });
    await bus.publish(event());
    await waitFor(() => (calls >= 3 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(3);
    expect(await bus.deadLetters('hash-detection')).toEqual([]);
  });

  it('dead-letters after the last attempt with the reason, and replays it', async () => {
    bus = newBus(2);
    let healthy = false;
    let handled = 0;
    await bus.subscribe('hash-detection', async () => {
      if (!healthy) throw new Error('downstream unavailable');
      handled++;
    });
    const sent = event();
    await bus.publish(sent);
    const letters = await waitFor(async () => {
      const found = await bus.deadLetters('hash-detection');
      return found.length ? found : undefined;
    });
    expect(letters[0]).toMatchObject({ eventId: sent.id, eventType: 'report.submitted.v1', reason: 'downstream unavailable', attempts: 2 });
    healthy = true;
    await bus.replay('hash-detection', letters[0].id);
    await waitFor(() => (handled ? true : undefined));
    expect(await bus.deadLetters('hash-detection')).toEqual([]);
  });

  it('dead-letters an invalid event at once, without retrying, and keeps consuming', async () => {
    bus = newBus(5);
    let calls = 0;
    const good: string[] = [];
    await bus.subscribe('hash-detection', async (e) => {
      calls++;
      if ((e.payload as { reportId?: string }).reportId === 'bad') throw new NonRetryableEventError('invalid report.submitted.v1 event: payload.urls: must be an array');
      good.push(e.id);
    });
    await bus.publish(envelope('report.submitted.v1', 'tipline', { reportId: 'bad' }));
    const next = event();
    await bus.publish(next);
    const letters = await waitFor(async () => {
      const found = await bus.deadLetters('hash-detection');
      return found.length && good.length ? found : undefined;
    });
    expect(letters).toHaveLength(1);
    expect(letters[0].reason).toMatch(/payload\.urls/);
    expect(letters[0].attempts).toBe(1);
    expect(good).toEqual([next.id]);
    expect(calls).toBe(2);
  });

  it('publishes a batch to every consumer in its order, once each even when the batch is published again', async () => {
    bus = newBus();
    const batch = Array.from({ length: 25 }, () => event());
    await bus.publishAll(batch);
    await bus.publishAll(batch.slice(0, 10)); // a relay retrying after a failure part-way
    const seen: Record<string, string[]> = { 'hash-detection': [], 'referral-hub': [] };
    // One at a time, so delivery order is the queue's order.
    const ordered = new BullMqMessageBus({ redisUrl: TEST_REDIS_URL, prefix: bus.queueName('hash-detection').split('.')[0], concurrency: 1, routes: () => [] });
    try {
      await ordered.subscribe('hash-detection', async (e) => void seen['hash-detection'].push(e.id));
      await ordered.subscribe('referral-hub', async (e) => void seen['referral-hub'].push(e.id));
      await waitFor(() => (seen['hash-detection'].length >= 25 && seen['referral-hub'].length >= 25 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await ordered.close();
    }
    expect(seen['hash-detection']).toEqual(batch.map((e) => e.id));
    expect(seen['referral-hub']).toEqual(batch.map((e) => e.id));
  });

  it('fails publishing fast while Redis is unreachable, so the outbox keeps the event', async () => {
    const offline = new BullMqMessageBus({ redisUrl: 'redis://127.0.0.1:1', prefix: `test-${uniqueSuffix()}` });
    await expect(offline.publish(event())).rejects.toThrow();
    const started = Date.now();
    await expect(offline.publishAll([event(), event()])).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await offline.health()).ok).toBe(false);
    await offline.close();
  });

  it('subscribes without waiting for Redis while it is down, so a service can start in an outage, and consumes once it is back', async () => {
    const redis = new URL(TEST_REDIS_URL);
    const proxy = await CuttableTcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    await proxy.cut();
    const prefix = `test-${uniqueSuffix()}`;
    const routes = (): ServiceName[] => ['hash-detection'];
    const consumer = new BullMqMessageBus({ redisUrl: `redis://${proxy.url}`, prefix, routes });
    bus = new BullMqMessageBus({ redisUrl: TEST_REDIS_URL, prefix, routes });
    try {
      const seen: string[] = [];
      const subscribing = consumer.subscribe('hash-detection', async (e) => void seen.push(e.id));
      const waitedForRedis = new Promise((_, reject) => setTimeout(() => reject(new Error('subscribe waited for Redis')), 6000).unref());
      await Promise.race([subscribing, waitedForRedis]);
      const sent = event();
      await bus.publish(sent);
      await proxy.restore();
      await waitFor(() => (seen.length ? true : undefined), 20000);
      expect(seen).toEqual([sent.id]);
    } finally {
      await proxy.restore();
      await consumer.close();
      await proxy.cut();
    }
  });
});
