import { type Clock, NotFoundError, ConflictError } from '@vigil/kernel';
import { buildPackageContent, MANIFEST_FORMAT, manifestBody, type JurisdictionSection, type PackageKind, type PackageManifest } from '../../domain/investigation-package';
import type { CaseRepository } from '../../ports/case.repository';
import type { ContentDigest, PackageRenderer, PackageRepository } from '../../ports/package.ports';

/**
 * Builds the next version of a case's package (or lead): the JSON for systems, the PDF for
 * people, and the manifest with each part's SHA-256 and its own, so a recipient can verify
 * nothing changed. Versions are never overwritten.
 */
export class BuildPackageUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly packages: PackageRepository,
    private readonly renderer: PackageRenderer,
    private readonly digest: ContentDigest,
    private readonly clock: Clock,
  ) {}

  async execute(caseId: string, kind: PackageKind, jurisdiction: JurisdictionSection, builtBy: string): Promise<{ version: number; kind: PackageKind; manifest: PackageManifest }> {
    const kase = await this.cases.findById(caseId);
    if (!kase) throw new NotFoundError('case', caseId);
    if (kase.status !== 'open') throw new ConflictError(`case ${kase.reference} is ${kase.status}: build the package of the open case`);
    const version = await this.packages.nextVersion(caseId);
    const builtAt = this.clock.now();
    const content = buildPackageContent({ kase, kind, version, builtAt, builtBy, jurisdiction });
    const json = JSON.stringify(content, null, 2);
    const jsonBytes = new TextEncoder().encode(json);
    const pdf = await this.renderer.renderPdf(content);
    const base = {
      format: MANIFEST_FORMAT,
      caseReference: kase.reference,
      kind,
      version,
      algorithm: 'sha256' as const,
      parts: [
        { name: `${kase.reference}-v${version}.json`, mediaType: 'application/json', bytes: jsonBytes.byteLength, sha256: this.digest.sha256Hex(jsonBytes) },
        { name: `${kase.reference}-v${version}.pdf`, mediaType: 'application/pdf', bytes: pdf.byteLength, sha256: this.digest.sha256Hex(pdf) },
      ],
    };
    const manifest: PackageManifest = { ...base, manifestSha256: this.digest.sha256Hex(new TextEncoder().encode(manifestBody(base))) };
    await this.packages.save({ caseId, version, kind, json, pdf, manifest, builtAt: builtAt.toISOString(), builtBy });
    return { version, kind, manifest };
  }
}
