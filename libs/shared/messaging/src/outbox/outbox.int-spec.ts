import { envelope, type EventEnvelope } from '@vigil/contracts';
import { platformTablesMigration, type TransactionRunner } from '@vigil/persistence';
import { CuttableTcpProxy, migratedTestDatabase, type MigratedTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import type { DataSource } from 'typeorm';
import { InProcessMessageBus } from '../adapters/in-process/in-process-message-bus';
import type { MessageBus } from '../ports/message-bus';
import { InboxConsumer } from './inbox-consumer';
import { appendToOutbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { withRequestId } from '../trace/request-context';

const SCHEMA = 'outbox_test';
const submitted = () => envelope('report.submitted.v1', 'tipline', { reportId: 'r', reference: 'VGL-AAAA-BBBB', incidentType: 'csam', source: 'public', urls: [], media: [] });

describe('transactional outbox and inbox (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let transactions: TransactionRunner;

  let setup: MigratedTestDatabase;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(() => [`CREATE TABLE "${SCHEMA}".effects (event_id uuid PRIMARY KEY)`])] });
    ({ database, dataSource } = setup);
    transactions = setup.transactions;
  });
  afterAll(() => setup.close());
  beforeEach(async () => dataSource.query(`TRUNCATE "${SCHEMA}".outbox, "${SCHEMA}".inbox, "${SCHEMA}".effects`));

  it('publishes an event only if its transaction commits', async () => {
    const published: EventEnvelope[] = [];
    const bus = { publish: async (event: EventEnvelope) => void published.push(event) } as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA });
    const committed = submitted();
    const rolledBack = submitted();
    await transactions.run((manager) => appendToOutbox(manager, SCHEMA, [committed]));
    await expect(
      transactions.run(async (manager) => {
        await appendToOutbox(manager, SCHEMA, [rolledBack]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await relay.drain()).toBe(1);
    expect(await relay.drain()).toBe(0);
    expect(published.map((event) => event.id)).toEqual([committed.id]);
    expect(await relay.backlog()).toEqual({ pending: 0, oldestAgeSeconds: 0 });
  });

  it('stamps the current request id into events written during a request, and leaves one already named', async () => {
    const published: EventEnvelope[] = [];
    const bus = { publish: async (event: EventEnvelope) => void published.push(event) } as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA });
    const during = submitted();
    const named = { ...submitted(), requestId: 'upstream-request-0001' };
    const outside = submitted();
    await withRequestId('request-0123456789', () => transactions.run((manager) => appendToOutbox(manager, SCHEMA, [during, named])));
    await transactions.run((manager) => appendToOutbox(manager, SCHEMA, [outside]));
    await relay.drain();
    expect(published.map((event) => event.requestId)).toEqual(['request-0123456789', 'upstream-request-0001', undefined]);
  });

  it('keeps events in the outbox while the bus is down, in order, and drains them after', async () => {
    let up = false;
    const published: string[] = [];
    const bus = { publish: async (event: EventEnvelope) => {
      if (!up) throw new Error('redis unreachable');
      published.push(event.id);
    } } as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA });
    const events = [submitted(), submitted(), submitted()];
    await transactions.run((manager) => appendToOutbox(manager, SCHEMA, events));
    await expect(relay.drain()).rejects.toThrow(/publishing stopped/);
    expect((await relay.backlog()).pending).toBe(3);
    const [row] = await dataSource.query(`SELECT attempts, last_error FROM "${SCHEMA}".outbox ORDER BY seq LIMIT 1`);
    expect(row).toEqual({ attempts: 1, last_error: 'redis unreachable' });
    up = true;
    expect(await relay.drain()).toBe(3);
    expect(published).toEqual(events.map((event) => event.id));
  });

  it('publishes a batch in one bus call when the bus can, and keeps the whole batch when that call fails', async () => {
    let up = false;
    const calls: string[][] = [];
    const bus = {
      publish: async () => {
        throw new Error('the relay must use publishAll when the bus has it');
      },
      publishAll: async (events: readonly EventEnvelope[]) => {
        if (!up) throw new Error('redis unreachable');
        calls.push(events.map((event) => event.id));
      },
    } as unknown as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA });
    const events = [submitted(), submitted(), submitted()];
    await transactions.run((manager) => appendToOutbox(manager, SCHEMA, events));
    await expect(relay.drain()).rejects.toThrow(/publishing stopped after 0 events: redis unreachable/);
    expect((await relay.backlog()).pending).toBe(3);
    const rows = await dataSource.query(`SELECT attempts, last_error FROM "${SCHEMA}".outbox ORDER BY seq`);
    expect(rows).toEqual([{ attempts: 1, last_error: 'redis unreachable' }, { attempts: 0, last_error: null }, { attempts: 0, last_error: null }]);
    up = true;
    expect(await relay.drain()).toBe(3);
    expect(calls).toEqual([events.map((event) => event.id)]);
    expect((await relay.backlog()).pending).toBe(0);
  });

  it('wakes on commit through LISTEN/NOTIFY, well before its poll interval', async () => {
    const published: string[] = [];
    const bus = { publish: async (event: EventEnvelope) => void published.push(event.id) } as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, intervalMs: 60000, listenUrl: database.url });
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const event = submitted();
    const started = Date.now();
    await transactions.run((manager) => appendToOutbox(manager, SCHEMA, [event]));
    while (published.length === 0 && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 10));
    await relay.stop();
    expect(published).toEqual([event.id]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('listens again after Postgres drops its connection (a restart), so commits still wake it at once', async () => {
    const direct = new URL(database.url);
    const proxy = await CuttableTcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const listenUrl = new URL(database.url);
    listenUrl.host = proxy.url;
    const published: string[] = [];
    const bus = { publish: async (event: EventEnvelope) => void published.push(event.id) } as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, intervalMs: 60000, listenUrl: listenUrl.toString() });
    try {
      relay.start();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await proxy.restore();
      await new Promise((resolve) => setTimeout(resolve, 2500)); // it tries again every second
      const event = submitted();
      const started = Date.now();
      await transactions.run((manager) => appendToOutbox(manager, SCHEMA, [event]));
      while (published.length === 0 && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(published).toEqual([event.id]);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await relay.stop();
      await proxy.cut();
    }
  });

  it('gathers a burst of commits into a few batches instead of one relay transaction per commit', async () => {
    const published: string[] = [];
    const bus = { publish: async (event: EventEnvelope) => void published.push(event.id) } as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA, intervalMs: 60000, coalesceMs: 1500, listenUrl: database.url });
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const burst = Array.from({ length: 20 }, () => submitted());
    for (const event of burst) await transactions.run((manager) => appendToOutbox(manager, SCHEMA, [event]));
    const started = Date.now();
    while (published.length < burst.length && Date.now() - started < 10000) await new Promise((resolve) => setTimeout(resolve, 20));
    await relay.stop();
    expect(published).toEqual(burst.map((event) => event.id));
    // Rows published in one relay transaction share its now().
    const [{ batches }] = await dataSource.query(`SELECT count(DISTINCT published_at)::int AS batches FROM "${SCHEMA}".outbox`);
    expect(batches).toBeLessThanOrEqual(3);
  });

  it('relays several events written together byte for byte, quotes, backslashes, braces and accents included', async () => {
    const published: EventEnvelope[] = [];
    const bus = { publish: async (event: EventEnvelope) => void published.push(event) } as MessageBus;
    const relay = new OutboxRelay(dataSource, bus, { schema: SCHEMA });
    const awkward = envelope('report.submitted.v1', 'tipline', { reportId: 'r', note: 'a "quoted" {brace}, a back\\slash, a comma, NULL, l’été 🙂' });
    const events = [submitted(), awkward, submitted()];
    await transactions.run((manager) => appendToOutbox(manager, SCHEMA, events));
    expect(await relay.drain()).toBe(3);
    expect(published).toEqual(events);
  });

  it('handles a redelivered event once in effect, and rolls back the inbox row when the handler fails', async () => {
    let failNext = true;
    const consumer = new InboxConsumer(transactions, SCHEMA, 'hash-detection', {
      'report.submitted.v1': async (_payload, event) => {
        await transactions.manager.query(`INSERT INTO "${SCHEMA}".effects (event_id) VALUES ($1)`, [event.id]);
        if (failNext) {
          failNext = false;
          throw new Error('crash after the effect, before commit');
        }
      },
    });
    const event = submitted();
    await expect(consumer.handle(event)).rejects.toThrow('crash after the effect');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".effects`)).toEqual([{ n: 0 }]);
    await consumer.handle(event);
    await consumer.handle(event);
    await consumer.handle(JSON.parse(JSON.stringify(event)));
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".effects`)).toEqual([{ n: 1 }]);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".inbox`)).toEqual([{ n: 1 }]);
  });

  it('dead-letters an invalid event with the field named, and never runs the handler', async () => {
    const bus = new InProcessMessageBus({ attempts: 3, backoffMs: 1 });
    let ran = 0;
    const consumer = new InboxConsumer(transactions, SCHEMA, 'hash-detection', { 'report.submitted.v1': async () => void ran++ });
    await bus.subscribe('hash-detection', consumer.handle);
    await bus.publish(envelope('report.submitted.v1', 'tipline', { reportId: 42 }));
    const [letter] = await bus.deadLetters('hash-detection');
    expect(letter.reason).toMatch(/payload\.reportId/);
    expect(letter.attempts).toBe(1);
    expect(ran).toBe(0);
  });
});
