import { Body, Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BuildPackageUseCase, CASE_REPOSITORY, PACKAGE_KINDS, PACKAGE_REPOSITORY, type CaseRepository, type PackageKind, type PackageManifest, type PackageRepository, type PackageSummary } from '@vigil/cases';
import { NotFoundError, ValidationError } from '@vigil/kernel';
import { ResolveJurisdictionUseCase } from '@vigil/jurisdictions';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { resolveCaseJurisdiction } from '../jurisdiction/case-jurisdiction';
import { sendPackagePart, PACKAGE_FORMATS, type PackageFormat } from './package-part';

export class BuildPackageRequest {
  @ApiProperty({ enum: PACKAGE_KINDS, description: 'package: the full investigation package; lead: a lighter lead (most go abroad), recorded distinctly' })
  @IsIn(PACKAGE_KINDS as unknown as string[], { message: `kind must be one of ${PACKAGE_KINDS.join(', ')}` })
  kind!: PackageKind;
}

/** Versioned investigation packages: JSON for systems, PDF (bilingual headings) for people, a SHA-256 manifest to verify both. */
@ApiTags('packages')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/packages')
export class PackagesController {
  constructor(
    @Inject(CASE_REPOSITORY) private readonly cases: CaseRepository,
    @Inject(PACKAGE_REPOSITORY) private readonly packages: PackageRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    private readonly build: BuildPackageUseCase,
    private readonly jurisdiction: ResolveJurisdictionUseCase,
  ) {}

  @Post()
  @Roles('investigator')
  @ApiOperation({ summary: 'Build the next version of the package (or lead) from the case as it stands, with the jurisdiction evidence (audited)' })
  async create(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: BuildPackageRequest): Promise<{ version: number; kind: PackageKind; manifest: PackageManifest }> {
    const kase = await this.cases.findById(id);
    if (!kase) throw new NotFoundError('case', id);
    const { resolution } = await resolveCaseJurisdiction(this.jurisdiction, kase);
    const jurisdiction = { recommended: resolution.recommended, candidates: resolution.candidates, conflicts: resolution.conflicts, unresolved: resolution.unresolved };
    const built = await this.build.execute(id, body.kind, JSON.parse(JSON.stringify(jurisdiction)) as Record<string, unknown>, user.username);
    await this.audit.record({ actor: user.username, action: 'create', resourceType: 'case-package', resourceId: `${id}/v${built.version}`, detail: { kind: built.kind, manifestSha256: built.manifest.manifestSha256 } });
    return built;
  }

  @Get()
  @Roles('investigator', 'supervisor', 'victim-id-officer')
  @ApiOperation({ summary: 'The case’s package versions (package or lead), with their manifest hashes' })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<PackageSummary[]> {
    return this.packages.list(id);
  }

  @Get(':version')
  @Roles('investigator', 'supervisor', 'victim-id-officer')
  @ApiQuery({ name: 'format', enum: PACKAGE_FORMATS, required: false })
  @ApiOperation({ summary: 'One package version as JSON, PDF, its manifest, or an NCMEC CyberTipline report (cybertip-xml) (audited)' })
  async get(
    @CurrentUser() user: StaffUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
    @Query('format') format: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const wanted = (format ?? 'json') as PackageFormat;
    if (!PACKAGE_FORMATS.includes(wanted)) throw new ValidationError(`format must be one of ${PACKAGE_FORMATS.join(', ')}`, 'format');
    const stored = await this.packages.find(id, version);
    if (!stored) throw new NotFoundError('package', `${id} v${version}`);
    await this.audit.record({ actor: user.username, action: 'export', resourceType: 'case-package', resourceId: `${id}/v${version}`, detail: { format: wanted } });
    sendPackagePart(response, stored, wanted);
  }
}
