import type { DynamicModule, INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ServiceName } from '@vigil/contracts';
import { BullMqMessageBus, type EventHandler, type MessageBus, type OutboxRelayHandle } from '@vigil/messaging';
import type { Logger } from 'pino';
import { requestIdMiddleware, requestLoggingMiddleware, requestMetricsMiddleware } from './http-observability';
import { rootLogger } from './logger';
import { PinoNestLogger } from './nest-logger';
import { ObservabilityModule } from './observability.module';
import { observedEventHandler } from './observed-event-handler';
import type { StaffAccountStatus } from './staff-token';
import { mountQueueBoard } from './queue-board';
import { withService } from './service-context';
import { ServiceMetrics, type ServiceGauge } from './service-metrics';

/**
 * Logs, metrics and the queue board of one service, assembled once by bootstrapService: a
 * logger bound to the service's name, its metric registry, the Nest module serving /metrics,
 * and the hooks that put them on the HTTP app and the event consumer.
 */
export class ServiceObservability {
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly queueBoard: boolean;

  constructor(
    private readonly options: { service: ServiceName; bus: MessageBus; relay: OutboxRelayHandle; jwtSecret: string; metricsToken?: string; logger?: Logger; rootLogger?: Logger; highVolumePaths?: readonly string[] },
  ) {
    this.logger = options.logger ?? rootLogger().child({ service: options.service });
    this.metrics = new ServiceMetrics({ service: options.service, bus: options.bus, relay: options.relay, logger: this.logger });
    this.queueBoard = options.bus instanceof BullMqMessageBus;
  }

  addGauges(gauges: readonly ServiceGauge[]): void {
    for (const gauge of gauges) this.metrics.addGauge(gauge);
  }

  module(staffAccounts?: StaffAccountStatus): DynamicModule {
    return ObservabilityModule.register({ metrics: this.metrics, metricsToken: this.options.metricsToken, jwtSecret: this.options.jwtSecret, queueBoard: this.queueBoard, staffAccounts });
  }

  /** Over the unbound root logger: Nest's static Logger is shared by every service of the process. */
  nestLogger(): PinoNestLogger {
    return new PinoNestLogger(this.options.rootLogger ?? rootLogger(), this.options.service);
  }

  /** First middleware of all, so even a request refused by a later one has an id, a log line and a count. */
  instrumentRequests(app: INestApplication): void {
    app.use(requestIdMiddleware(this.options.service));
    app.use(requestLoggingMiddleware(this.logger, this.options.highVolumePaths));
    app.use(requestMetricsMiddleware(this.metrics));
  }

  /** After the security headers, so the board's pages get them too. */
  mountQueueBoard(app: INestApplication, staffAccounts?: StaffAccountStatus): void {
    if (mountQueueBoard(app, this.options.bus, new JwtService({ secret: this.options.jwtSecret }), staffAccounts)) this.logger.info('queue board at /admin/queues (admin only)');
  }

  observeEvents(handler: EventHandler): EventHandler {
    const observed = observedEventHandler(handler, this.logger, this.metrics);
    return (event) => withService(this.options.service, () => observed(event));
  }
}

/** METRICS_TOKEN: long enough not to be guessed, when set at all. */
export function metricsTokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < 24) throw new Error('METRICS_TOKEN must be at least 24 characters (e.g. `openssl rand -hex 24`)');
  return token;
}
