import { PdfkitPackageRenderer } from './pdfkit-package-renderer';
import type { PackageContent } from '../../domain/investigation-package';

describe('PdfkitPackageRenderer', () => {
  it('renders a PDF document from the package content', async () => {
    const content: PackageContent = {
      format: 'vigil.investigation-package/1', kind: 'package', caseId: 'c', caseReference: 'VGL-C-2026-000001', version: 1, builtAt: '2026-11-23T12:00:00.000Z', builtBy: 'inv',
      disposition: { summary: 'Résumé', urgency: 'P1', urgencyDefinition: 'imminent risk to a child', actionable: true, referralCount: 1, bySource: { tipline: 1 } },
      referrals: [{ id: 'r', origin: 'tipline', reference: 'VGL-AAAA', incidentType: 'online-luring', receivedAt: '2026-11-23T10:00:00.000Z', urgency: 'P1', actionable: true, summary: 'Un résumé', urls: [] }],
      identifiers: [{ kind: 'email', value: 'suspect@example.com', source: 'test' }],
      jurisdiction: { recommended: { reason: 'postal code', confidence: 0.9, policeService: { name: { en: 'Ottawa Police Service', fr: "Service de police d'Ottawa" } } }, conflicts: [] },
      evidence: [{ hashes: [{ algorithm: 'sha256', value: 'ab'.repeat(32) }] }], evidenceCount: 1,
    };
    const pdf = Buffer.from(await new PdfkitPackageRenderer().renderPdf(content));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });
});
