import { type DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { MetricsAccessGuard, METRICS_TOKEN, STAFF_ACCOUNT_STATUS } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { QueueBoardSessionController } from './queue-board-session.controller';
import { ServiceMetrics } from './service-metrics';
import type { StaffAccountStatus } from './staff-token';

export interface ObservabilityOptions {
  metrics: ServiceMetrics;
  /** METRICS_TOKEN: the bearer token Prometheus scrapes with; unset, only admin/auditor staff tokens read /metrics. */
  metricsToken: string | undefined;
  /** Verifies staff tokens on /metrics and the queue board, as the global guard does. */
  jwtSecret: string;
  /** Whether the queue board is mounted (BullMQ bus), so its session route exists only then. */
  queueBoard: boolean;
  /** The service's staff accounts: a disabled account's token opens /metrics no more than anything else. */
  staffAccounts?: StaffAccountStatus;
}

/** /metrics and, with a BullMQ bus, the queue board's session route. */
@Module({})
export class ObservabilityModule {
  static register(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [JwtModule.register({ secret: options.jwtSecret })],
      controllers: options.queueBoard ? [MetricsController, QueueBoardSessionController] : [MetricsController],
      providers: [
        { provide: ServiceMetrics, useValue: options.metrics },
        { provide: METRICS_TOKEN, useValue: options.metricsToken },
        { provide: STAFF_ACCOUNT_STATUS, useValue: options.staffAccounts },
        MetricsAccessGuard,
      ],
    };
  }
}
