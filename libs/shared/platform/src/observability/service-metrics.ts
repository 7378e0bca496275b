import type { ServiceName } from '@vigil/contracts';
import type { MessageBus, OutboxRelayHandle } from '@vigil/messaging';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface GaugeReading {
  labels?: Record<string, string>;
  value: number;
}

/**
 * A gauge a service adds to its /metrics (triage backlog, match index size...). It is read on
 * each scrape, so `read` must be a cheap query.
 */
export interface ServiceGauge {
  name: string;
  help: string;
  labelNames?: readonly string[];
  read(): Promise<GaugeReading[]>;
}

export interface MetricSources {
  service: ServiceName;
  bus: MessageBus;
  relay: OutboxRelayHandle;
  logger: Logger;
}

/** A scrape must answer even when Redis or Postgres hangs: a reading that is this late is skipped. */
const READ_TIMEOUT_MS = 2000;

/**
 * The Prometheus registry of one service. Its own registry (not prom-client's global one), so
 * the three services of embedded mode, which share a process, each expose only their own figures;
 * every series carries a `service` label.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly eventsConsumed: Counter<'event_type' | 'outcome'>;
  private readonly eventDuration: Histogram<'event_type'>;
  private readonly readFailures: Counter<'gauge'>;

  constructor(private readonly sources: MetricSources) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service: sources.service });
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({ name: 'vigil_http_requests_total', help: 'HTTP requests answered, by method, route template and status', labelNames: ['method', 'route', 'status'], registers });
    this.httpDuration = new Histogram({
      name: 'vigil_http_request_duration_seconds',
      help: 'HTTP request latency, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.eventsConsumed = new Counter({ name: 'vigil_events_consumed_total', help: 'Integration events delivered to this service, by type and outcome (handled or failed)', labelNames: ['event_type', 'outcome'], registers });
    this.eventDuration = new Histogram({ name: 'vigil_event_handling_duration_seconds', help: 'Time to handle one delivered event, inbox transaction included', labelNames: ['event_type'], registers });
    this.readFailures = new Counter({ name: 'vigil_metrics_read_failures_total', help: 'Scrape-time readings that failed or timed out (their gauge is left empty)', labelNames: ['gauge'], registers });
    for (const gauge of this.platformGauges()) this.addGauge(gauge);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeEvent(eventType: string, outcome: 'handled' | 'failed', seconds: number): void {
    this.eventsConsumed.inc({ event_type: eventType, outcome });
    this.eventDuration.observe({ event_type: eventType }, seconds);
  }

  /** Adds a gauge read on every scrape; a failed or slow reading leaves it empty and is counted. */
  addGauge(definition: ServiceGauge): void {
    const { readFailures, sources } = this;
    new Gauge({
      name: definition.name,
      help: definition.help,
      labelNames: [...(definition.labelNames ?? [])],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const reading of await withTimeout(definition.read(), READ_TIMEOUT_MS)) this.set(reading.labels ?? {}, reading.value);
        } catch (error) {
          readFailures.inc({ gauge: definition.name });
          sources.logger.warn({ gauge: definition.name, reason: (error as Error).message }, 'metric reading failed');
        }
      },
    });
  }

  private platformGauges(): ServiceGauge[] {
    const { bus, relay, service } = this.sources;
    return [
      {
        name: 'vigil_outbox_pending_events',
        help: 'Events committed but not yet relayed to the bus',
        read: async () => [{ value: (await relay.backlog()).pending }],
      },
      {
        name: 'vigil_outbox_oldest_pending_age_seconds',
        help: 'Age of the oldest event waiting in the outbox (0 when none): the relay lag',
        read: async () => [{ value: (await relay.backlog()).oldestAgeSeconds }],
      },
      {
        name: 'vigil_bus_queue_jobs',
        help: "Jobs in this service's bus queue, by state (waiting, active, delayed, failed)",
        labelNames: ['queue', 'state'],
        read: async () => {
          if (!bus.queueDepth) return [];
          const counts = await bus.queueDepth(service);
          return ['waiting', 'active', 'delayed', 'failed'].map((state) => ({ labels: { queue: service, state }, value: counts[state] ?? 0 }));
        },
      },
      {
        name: 'vigil_bus_dead_letters',
        help: "Events dead-lettered for this service (invalid, or failed every retry)",
        labelNames: ['queue'],
        read: async () => {
          const failed = bus.queueDepth ? (await bus.queueDepth(service)).failed ?? 0 : (await bus.deadLetters(service)).length;
          return [{ labels: { queue: service }, value: failed }];
        },
      },
    ];
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
