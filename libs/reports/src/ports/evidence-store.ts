/**
 * The evidence files that came with reports: the original bytes, kept by the tipline only.
 * Other services never read this store directly; hash-detection's review queue fetches a file
 * over the tipline's staff API, so every read is authorised and audited here.
 *
 * Encryption at rest is a later change and slots in behind this port: an adapter (or a
 * decorator around this one) that encrypts `content` on `put` and decrypts on `get`, with the
 * key reference stored beside each file. Nothing above the port changes.
 */
export interface EvidenceFile {
  mediaId: string;
  reportId: string;
  /** Sniffed from the bytes at intake, never taken from the reporter's file name. */
  contentType: string;
  content: Uint8Array;
  sha256: string;
  createdAt: string;
}

export interface EvidenceStore {
  /** Stores the files in the caller's transaction when there is one. */
  put(files: readonly EvidenceFile[]): Promise<void>;
  get(mediaId: string): Promise<EvidenceFile | undefined>;
}

export const EVIDENCE_STORE = Symbol('EvidenceStore');

/**
 * Runs work as one unit: the report, its outbox event and its evidence commit together or not
 * at all. The tipline binds it to its TransactionRunner; tests run the work directly.
 */
export type AtomicWork = <T>(work: () => Promise<T>) => Promise<T>;

export const runDirectly: AtomicWork = (work) => work();
