/**
 * The evidence files that came with reports: the original bytes, kept by the tipline only.
 * Other services never read this store directly; hash-detection's review queue fetches a file
 * over the tipline's staff API, so every read is authorised and audited here.
 *
 * The adapter keeps `content` encrypted at rest (envelope encryption through the kernel's
 * RecordCipher port) and hands plaintext back on `get`; nothing above the port sees ciphertext.
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
