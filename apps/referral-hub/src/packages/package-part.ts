import type { StoredPackage } from '@vigil/cases';
import type { Response } from 'express';

export const PACKAGE_FORMATS = ['json', 'pdf', 'manifest'] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

/** Sends one part byte for byte as stored, so its SHA-256 matches the manifest. */
export function sendPackagePart(response: Response, stored: StoredPackage, format: PackageFormat): void {
  const [jsonPart, pdfPart] = stored.manifest.parts;
  if (format === 'pdf') {
    response.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${pdfPart.name}"`);
    response.send(Buffer.from(stored.pdf));
  } else if (format === 'json') {
    response.type('application/json').setHeader('Content-Disposition', `inline; filename="${jsonPart.name}"`);
    response.send(Buffer.from(stored.json, 'utf8'));
  } else {
    response.json(stored.manifest);
  }
}
