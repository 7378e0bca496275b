import { Controller, Get, Header, Query, Res, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { CurrentUser, Roles, type StaffUser } from '@vigil/security';
import { ExportBlocklistUseCase, TakedownFiguresUseCase } from '@vigil/takedown';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { BlocklistQuery } from './takedown.dto';

@ApiTags('takedown: figures and blocklist')
@ApiBearerAuth()
@Controller('api/v1/takedown')
export class TakedownReportsController {
  constructor(
    private readonly figures: TakedownFiguresUseCase,
    private readonly blocklist: ExportBlocklistUseCase,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  @Get('figures')
  @Roles('analyst', 'supervisor', 'reviewer', 'bank-curator')
  @ApiOperation({ summary: 'Per provider: notices, removals, median and p90 time to removal (hours), URLs still up' })
  figuresByProvider() {
    return this.figures.execute();
  }

  @Get('blocklist')
  @Roles('analyst', 'supervisor', 'reviewer', 'bank-curator')
  @Header('cache-control', 'no-store')
  @ApiProduces('text/plain', 'text/csv')
  @ApiOperation({ summary: 'ISP blocklist (Cleanfeed-style) of confirmed URLs still online: txt (one URL a line) or csv (url,host,first_reported,classification); audited as an export' })
  async export(@CurrentUser() user: StaffUser, @Query() query: BlocklistQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    const format = query.format ?? 'txt';
    let body: string;
    let count: number;
    if (format === 'csv') {
      const entries = await this.blocklist.entries();
      count = entries.length;
      body = stringify(
        entries.map((entry) => [entry.url, entry.host, entry.firstReportedAt, entry.classification ?? '']),
        { header: true, columns: ['url', 'host', 'first_reported', 'classification'] },
      );
      response.type('text/csv');
    } else {
      ({ text: body, count } = await this.blocklist.text());
      response.type('text/plain');
    }
    await this.infra.audit.record({ actor: user.username, action: 'export', resourceType: 'takedown-blocklist', resourceId: format, detail: { count } });
    return body;
  }
}
