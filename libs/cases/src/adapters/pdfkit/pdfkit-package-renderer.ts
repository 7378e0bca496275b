import PDFDocument from 'pdfkit';
import type { PackageContent } from '../../domain/investigation-package';
import type { PackageRenderer } from '../../ports/package.ports';

/** Section headings in both official languages: the package goes to anglophone and francophone services. */
const HEADINGS = {
  title: { package: 'Investigation package / Dossier d’enquête', lead: 'Lead / Renseignement' },
  disposition: 'Disposition / Décision',
  referrals: 'Referrals and sources / Signalements et sources',
  identifiers: 'Suspect identifiers / Identifiants du suspect',
  jurisdiction: 'Jurisdiction / Compétence territoriale',
  evidence: 'Evidence references (hashes and metadata) / Références aux éléments de preuve (empreintes et métadonnées)',
};

/**
 * The package for people, rendered with pdfkit's built-in fonts. It holds the same content as the
 * JSON; the manifest's SHA-256 of this PDF is what a recipient checks.
 */
export class PdfkitPackageRenderer implements PackageRenderer {
  async renderPdf(content: PackageContent): Promise<Uint8Array> {
    const document = new PDFDocument({ size: 'LETTER', margin: 56, info: { Title: `${content.caseReference} v${content.version}`, Author: 'Vigil referral hub' } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      document.on('data', (chunk: Buffer) => chunks.push(chunk));
      document.on('end', () => resolve(Buffer.concat(chunks)));
      document.on('error', reject);
    });

    document.font('Helvetica-Bold').fontSize(16).text(HEADINGS.title[content.kind]);
    document.font('Helvetica').fontSize(10).text(`${content.caseReference} · version ${content.version} · ${content.builtAt} · ${content.builtBy}`);

    this.heading(document, HEADINGS.disposition);
    this.line(document, content.disposition.summary);
    this.line(document, `Actionable / Donnant lieu à une action: ${content.disposition.actionable ? 'yes / oui' : 'no / non'}`);

    this.heading(document, HEADINGS.referrals);
    for (const referral of content.referrals) {
      const sender = referral.sender ? ` (${referral.sender.name}${referral.sender.country ? `, ${referral.sender.country}` : ''})` : '';
      this.line(document, `${referral.origin}${sender} ${referral.reference} · ${referral.incidentType} · ${referral.receivedAt} · ${referral.urgency}`);
      if (referral.summary) this.line(document, `   ${referral.summary}`);
      for (const url of referral.urls ?? []) this.line(document, `   ${url}`);
    }

    this.heading(document, HEADINGS.identifiers);
    for (const item of content.identifiers) this.line(document, `${item.kind}: ${item.value}${item.observedAt ? ` @ ${item.observedAt}` : ''} (${item.source})`);
    if (content.identifiers.length === 0) this.line(document, '—');

    this.heading(document, HEADINGS.jurisdiction);
    const recommended = content.jurisdiction['recommended'] as { reason?: string; policeService?: { name?: { en?: string; fr?: string } }; confidence?: number } | undefined;
    if (recommended) {
      this.line(document, `${recommended.policeService?.name?.en ?? ''} / ${recommended.policeService?.name?.fr ?? ''} (${recommended.confidence ?? ''})`);
      if (recommended.reason) this.line(document, recommended.reason);
    }
    for (const conflict of (content.jurisdiction['conflicts'] as Array<{ description: string }> | undefined) ?? []) this.line(document, `Conflict / Conflit: ${conflict.description}`);

    this.heading(document, HEADINGS.evidence);
    if (content.kind === 'lead') this.line(document, `${content.evidenceCount} reference(s), listed in the full package / énumérées dans le dossier complet`);
    for (const evidence of content.evidence) {
      this.line(document, `${evidence.hashes.map((hash) => `${hash.algorithm}:${hash.value}`).join(' ')}${evidence.fileName ? ` · ${evidence.fileName}` : ''}${evidence.classification ? ` · ${evidence.classification}` : ''}`);
    }
    document.end();
    return new Uint8Array(await done);
  }

  private heading(document: PDFKit.PDFDocument, text: string): void {
    document.moveDown().font('Helvetica-Bold').fontSize(12).text(text).font('Helvetica').fontSize(10);
  }

  private line(document: PDFKit.PDFDocument, text: string): void {
    document.text(text);
  }
}
