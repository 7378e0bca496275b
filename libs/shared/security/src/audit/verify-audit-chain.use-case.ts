import { AuditChainVerifier, type AuditChainResult } from './audit-chain';
import type { AuditLogReader } from './audit-log.reader';

/** Walks a service's whole audit chain in seq order, a page at a time, and reports the first break. */
export class VerifyAuditChainUseCase {
  constructor(private readonly reader: AuditLogReader, private readonly pageSize = 5000) {}

  async execute(): Promise<AuditChainResult> {
    const verifier = new AuditChainVerifier();
    let after = '0';
    for (;;) {
      const page = await this.reader.chainAfter(after, this.pageSize);
      for (const row of page) if (!verifier.add(row)) return verifier.result;
      if (page.length < this.pageSize) return verifier.result;
      after = page[page.length - 1].seq;
    }
  }
}

/** One line for people: `N rows verified`, or where and why the chain broke. */
export function describeAuditChainResult(result: AuditChainResult): string {
  if (result.ok) return `${result.verified} rows verified`;
  return `chain broken at seq ${result.break.seq} (${result.break.reason}): ${result.break.message}; ${result.verified} rows verified before it`;
}
