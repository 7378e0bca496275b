import { Controller, Get, Inject, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@vigil/security';
import type { Response } from 'express';
import { MetricsAccessGuard } from './metrics-access.guard';
import { ServiceMetrics } from './service-metrics';

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(@Inject(ServiceMetrics) private readonly metrics: ServiceMetrics) {}

  /** @Public() only lifts the staff-token guard: MetricsAccessGuard takes its place (METRICS_TOKEN, or admin/auditor). */
  @Public()
  @UseGuards(MetricsAccessGuard)
  @Get('metrics')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Prometheus metrics (bearer METRICS_TOKEN, or a staff token with the admin or auditor role)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(body);
  }
}
