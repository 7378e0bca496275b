import { Body, Controller, DefaultValuePipe, Get, HttpCode, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotFoundError, ValidationError } from '@vigil/kernel';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import {
  AdvanceIcseUseCase,
  RecordIdentificationUseCase,
  VICTIM_REPOSITORY,
  VictimFiguresUseCase,
  type IdentifiedVictim,
  type VictimFigures,
  type VictimRepository,
} from '@vigil/victim-identification';
import { IcseChangeRequest, RecordIdentificationRequest } from './victims.dto';

const READERS = ['victim-id-officer', 'supervisor'] as const;

/** The victim-identification log: pseudonymous records only, every read audited. */
@ApiTags('victims')
@ApiBearerAuth()
@Controller('api/v1/victims')
export class VictimsController {
  constructor(
    @Inject(VICTIM_REPOSITORY) private readonly victims: VictimRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    private readonly record: RecordIdentificationUseCase,
    private readonly icse: AdvanceIcseUseCase,
    private readonly figures: VictimFiguresUseCase,
  ) {}

  @Post()
  @Roles('victim-id-officer')
  @ApiOperation({ summary: 'Record an identified victim under a pseudonym; hash-detection is told (victim.identified.v1) to flag the series and hashes' })
  async create(@CurrentUser() user: StaffUser, @Body() body: RecordIdentificationRequest): Promise<IdentifiedVictim> {
    const victim = await this.record.execute(body, user.username);
    await this.audit.record({ actor: user.username, action: 'create', resourceType: 'identified-victim', resourceId: victim.id, detail: { pseudonym: victim.pseudonym } });
    return victim;
  }

  // Declared before ':id' so "figures" is never read as an id.
  @Get('figures')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Victims identified in a year, by age band × gender (GBA Plus), counts below 5 shown as "<5"' })
  @ApiQuery({ name: 'year', required: true, type: Number, example: 2026 })
  async yearFigures(@CurrentUser() user: StaffUser, @Query('year') year?: string): Promise<VictimFigures> {
    if (!year || !/^\d{4}$/.test(year)) throw new ValidationError('year: a four-digit year such as 2026', 'year');
    const figures = await this.figures.forYear(Number(year));
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'victim-figures', resourceId: year });
    return figures;
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The log, newest identification first (audited)' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async list(@CurrentUser() user: StaffUser, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100): Promise<IdentifiedVictim[]> {
    const rows = await this.victims.list(Math.min(Math.max(limit, 1), 500));
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'identified-victim', resourceId: '*', detail: { count: rows.length } });
    return rows;
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One record with its ICSE state and history (audited)' })
  async get(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string): Promise<IdentifiedVictim> {
    const victim = await this.victims.findById(id);
    if (!victim) throw new NotFoundError('identified victim', id);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'identified-victim', resourceId: id });
    return victim;
  }

  @Post(':id/icse')
  @HttpCode(200)
  @Roles('victim-id-officer')
  @ApiOperation({ summary: 'Move the ICSE submission on: submitted, then accepted with INTERPOL’s reference (audited)' })
  async changeIcse(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: IcseChangeRequest): Promise<IdentifiedVictim> {
    const victim = await this.icse.execute(id, body.state, user.username, body.interpolReference);
    await this.audit.record({ actor: user.username, action: 'change', resourceType: 'identified-victim', resourceId: id, detail: { icse: body.state, interpolReference: body.interpolReference } });
    return victim;
  }
}
