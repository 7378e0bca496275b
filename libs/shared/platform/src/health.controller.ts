import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@vigil/security';
import type { Response } from 'express';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from './service-infrastructure';

export interface HealthReport {
  service: string;
  status: 'ok' | 'degraded' | 'down';
  database: { ok: boolean; detail: string };
  bus: { ok: boolean; detail: string };
  outbox: { pending: number; oldestAgeSeconds: number } | null;
}

/**
 * `ok`: database and bus answer. `degraded`: the bus is down, intake still works and events
 * wait in the outbox (200, so the load balancer keeps sending reports). `down`: no database (503).
 */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Database, bus and outbox status' })
  @ApiOkResponse({ description: 'ok or degraded' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const database = await this.infra.dataSource
      .query('SELECT 1')
      .then(() => ({ ok: true, detail: 'postgres answers' }))
      .catch((error: Error) => ({ ok: false, detail: `postgres unreachable: ${error.message}` }));
    const bus = await this.infra.bus.health();
    const outbox = database.ok ? await this.infra.relay.backlog().catch(() => null) : null;
    const status = !database.ok ? 'down' : bus.ok ? 'ok' : 'degraded';
    if (status === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { service: this.infra.name, status, database, bus, outbox };
  }
}
