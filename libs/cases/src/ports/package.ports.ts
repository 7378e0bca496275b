import type { DisseminationSnapshot } from '../domain/dissemination';
import type { PackageContent, PackageKind, PackageManifest } from '../domain/investigation-package';
import type { EventEnvelope } from '@vigil/contracts';

/** One built version of a case's package: the JSON text, the PDF and the manifest, as sent. */
export interface StoredPackage {
  caseId: string;
  version: number;
  kind: PackageKind;
  json: string;
  pdf: Uint8Array;
  manifest: PackageManifest;
  builtAt: string;
  builtBy: string;
}

export type PackageSummary = Pick<StoredPackage, 'caseId' | 'version' | 'kind' | 'builtAt' | 'builtBy'> & { manifestSha256: string };

export interface PackageRepository {
  nextVersion(caseId: string): Promise<number>;
  /** Throws ConflictError when this version was taken meanwhile (two builds at once). */
  save(stored: StoredPackage): Promise<void>;
  find(caseId: string, version: number): Promise<StoredPackage | undefined>;
  latest(caseId: string, kind: PackageKind): Promise<StoredPackage | undefined>;
  list(caseId: string): Promise<PackageSummary[]>;
}

/** Renders a package for people (PDF, bilingual headings). */
export interface PackageRenderer {
  renderPdf(content: PackageContent): Promise<Uint8Array>;
}

export interface ContentDigest {
  sha256Hex(bytes: Uint8Array): string;
}

export interface DisseminationRepository {
  /**
   * Saves the dissemination and appends its events to the outbox, in one transaction. A new one
   * (version 1) is inserted; a change (version n) is written only over version n - 1, else
   * DisseminationVersionConflict naming the stored version, and nothing is written.
   */
  save(dissemination: DisseminationSnapshot, events: EventEnvelope[]): Promise<void>;
  findById(id: string): Promise<DisseminationSnapshot | undefined>;
  listForPoliceService(policeServiceId: string, limit: number): Promise<DisseminationSnapshot[]>;
  listForCase(caseId: string): Promise<DisseminationSnapshot[]>;
  /** Not acknowledged and sent before `sentBefore`, oldest first. */
  unacknowledgedSince(sentBefore: Date, limit: number): Promise<DisseminationSnapshot[]>;
}

export const PACKAGE_REPOSITORY = Symbol('PackageRepository');
export const PACKAGE_RENDERER = Symbol('PackageRenderer');
export const CONTENT_DIGEST = Symbol('ContentDigest');
export const DISSEMINATION_REPOSITORY = Symbol('DisseminationRepository');
