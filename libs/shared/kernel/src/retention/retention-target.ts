/**
 * One kind of record the purge job can delete, implemented by the store that owns it. The
 * target decides what "due" means for its records (closed since, removed since…) relative to
 * the cut-off; it deletes a record with everything that hangs off it, nothing else.
 */
export interface RetentionTarget {
  recordType: string;
  /** Ids of records due before `cutoff`, in id order after `afterId`, at most `limit`. */
  findDue(cutoff: Date, limit: number, afterId?: string): Promise<string[]>;
  /** Deletes those records (still checking they are due) in the caller's transaction; returns how many went. */
  purge(ids: readonly string[], cutoff: Date): Promise<number>;
}
