import { renderPackageAsCyberTipXml, type StoredPackage } from '@vigil/cases';
import type { Response } from 'express';

/** `cybertip-xml`: the package as an NCMEC CyberTipline report, for foreign partners that take that format. */
export const PACKAGE_FORMATS = ['json', 'pdf', 'manifest', 'cybertip-xml'] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

/**
 * Sends one part byte for byte as stored, so its SHA-256 matches the manifest. The CyberTipline
 * XML is derived from the stored JSON on request and carries the manifest's SHA-256 instead.
 */
export function sendPackagePart(response: Response, stored: StoredPackage, format: PackageFormat): void {
  const [jsonPart, pdfPart] = stored.manifest.parts;
  if (format === 'pdf') {
    response.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${pdfPart.name}"`);
    response.send(Buffer.from(stored.pdf));
  } else if (format === 'json') {
    response.type('application/json').setHeader('Content-Disposition', `inline; filename="${jsonPart.name}"`);
    response.send(Buffer.from(stored.json, 'utf8'));
  } else if (format === 'cybertip-xml') {
    response.type('application/xml').setHeader('Content-Disposition', `attachment; filename="${jsonPart.name.replace(/\.json$/, '.cybertip.xml')}"`);
    response.send(renderPackageAsCyberTipXml(stored));
  } else {
    response.json(stored.manifest);
  }
}
