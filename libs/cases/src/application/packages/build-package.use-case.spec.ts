import { FixedClock } from '@vigil/kernel';
import { createHash } from 'node:crypto';
import { InMemoryCaseRepository } from '../../adapters/in-memory/in-memory-case.repository';
import { Case } from '../../domain/case';
import { identifier } from '../../domain/identifiers';
import { manifestBody, type PackageContent } from '../../domain/investigation-package';
import { receiveReferral } from '../../domain/referral';
import type { PackageRepository, StoredPackage } from '../../ports/package.ports';
import { BuildPackageUseCase } from './build-package.use-case';

class MemoryPackages implements PackageRepository {
  readonly rows: StoredPackage[] = [];
  async nextVersion(caseId: string) {
    return this.rows.filter((row) => row.caseId === caseId).length + 1;
  }
  async save(stored: StoredPackage) {
    this.rows.push(stored);
  }
  async find(caseId: string, version: number) {
    return this.rows.find((row) => row.caseId === caseId && row.version === version);
  }
  async latest(caseId: string, kind: string) {
    return this.rows.filter((row) => row.caseId === caseId && row.kind === kind).at(-1);
  }
  async list() {
    return [];
  }
}

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('BuildPackageUseCase', () => {
  it('builds numbered versions whose manifest lists each part’s SHA-256 and its own; a lead carries no evidence list', async () => {
    const cases = new InMemoryCaseRepository();
    const referral = receiveReferral({
      id: 'r-1', sourceReportId: 's-1', origin: 'ncmec', reference: '900000001', incidentType: 'csam', summary: 'Material shared.', priority: 'normal', priorityReasons: [],
      urls: ['https://example.org/x'], evidence: [{ hashes: [{ algorithm: 'sha256', value: 'ab'.repeat(32) }], fileName: 'example.png' }],
      identifiers: [identifier('email', 'suspect@example.com', 'test')!], locations: [], childIdentified: false, priorReports: [], annotations: [], receivedAt: '2026-11-23T10:00:00.000Z',
    });
    await cases.save([Case.open({ id: 'c-1', reference: 'VGL-C-2026-000001', openedAt: new Date('2026-11-23T10:00:00Z'), referral })]);
    const packages = new MemoryPackages();
    const pdf = new TextEncoder().encode('%PDF-fake');
    const rendered: PackageContent[] = [];
    const useCase = new BuildPackageUseCase(cases, packages, { renderPdf: async (content) => (rendered.push(content), pdf) }, { sha256Hex: sha }, new FixedClock(new Date('2026-11-23T12:00:00Z')));

    const first = await useCase.execute('c-1', 'package', { recommended: { reason: 'test' } }, 'inv');
    const lead = await useCase.execute('c-1', 'lead', {}, 'inv');
    expect([first.version, lead.version]).toEqual([1, 2]);
    const stored = packages.rows[0];
    expect(first.manifest.parts).toEqual([
      { name: 'VGL-C-2026-000001-v1.json', mediaType: 'application/json', bytes: Buffer.byteLength(stored.json), sha256: sha(stored.json) },
      { name: 'VGL-C-2026-000001-v1.pdf', mediaType: 'application/pdf', bytes: pdf.byteLength, sha256: sha(pdf) },
    ]);
    expect(first.manifest.manifestSha256).toBe(sha(manifestBody(first.manifest)));
    expect(rendered[0]).toMatchObject({ kind: 'package', version: 1, evidenceCount: 1, evidence: [{ fileName: 'example.png' }], disposition: { urgency: 'P3', referralCount: 1, bySource: { ncmec: 1 } } });
    expect(rendered[0].referrals[0]).toMatchObject({ summary: 'Material shared.', urls: ['https://example.org/x'] });
    expect(rendered[1]).toMatchObject({ kind: 'lead', evidenceCount: 1, evidence: [] });
    expect(rendered[1].referrals[0].summary).toBeUndefined();
    await expect(useCase.execute('nope', 'package', {}, 'inv')).rejects.toThrow(/case nope was not found/);
  });
});
