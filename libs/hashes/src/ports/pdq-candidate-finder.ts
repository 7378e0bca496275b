/** Finds bank entries whose PDQ hash is within a Hamming distance of a query hash. */
export interface PdqCandidateFinder {
  findNear(pdqHex: string, maxDistance: number): Promise<Array<{ entryId: string; distance: number }>>;
}

export const PDQ_CANDIDATE_FINDER = Symbol('PdqCandidateFinder');

/** Told when curators change banks, so an in-memory index stays current without a rebuild. */
export interface BankChangeListener {
  entryAdded(entry: { id: string; hashType: string; value: string }): void;
}
