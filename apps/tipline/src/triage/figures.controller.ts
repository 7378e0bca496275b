import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@vigil/kernel';
import { REPORT_FIGURES, type ReportFigures, type ReportFiguresResult } from '@vigil/reports';
import { Roles } from '@vigil/security';

const DAY = 24 * 60 * 60 * 1000;
const MAX_RANGE_DAYS = 366;

/** The program's figures: volume by day, type and source; time to first triage; share escalated. */
@ApiTags('figures')
@ApiBearerAuth()
@Controller('api/v1/figures')
export class FiguresController {
  constructor(@Inject(REPORT_FIGURES) private readonly figures: ReportFigures) {}

  @Get()
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Reports per day by type and source, time to first triage (median, p90, minutes), share escalated, over reports received in [from, to)' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 date or date-time (default: 30 days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 date or date-time, exclusive (default: now)' })
  async get(@Query('from') from?: string, @Query('to') to?: string): Promise<ReportFiguresResult> {
    const end = to ? parseDate(to, 'to') : new Date();
    const start = from ? parseDate(from, 'from') : new Date(end.getTime() - 30 * DAY);
    if (start.getTime() >= end.getTime()) throw new ValidationError('from: must be before to', 'from');
    if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY) throw new ValidationError(`to: at most ${MAX_RANGE_DAYS} days after from`, 'to');
    return this.figures.figures(start, end);
  }
}

function parseDate(value: string, field: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new ValidationError(`${field}: an ISO 8601 date or date-time, e.g. 2026-11-01`, field);
  return date;
}
