import { Inject, Injectable } from '@nestjs/common';
import { HashFileUseCase, MatchHashesUseCase, type FileMatchResult, type HashMatchResult, type HashQuery } from '@vigil/hashes';
import type { PartnerPrincipal, StaffUser } from '@vigil/security';
import { randomUUID } from 'node:crypto';
import { MatchAuditLog } from './match-audit';
import { hashUploadedImage, type HashedUpload } from './media-upload';

/** Who is asking: a partner with an API key, or a staff member trying the API out. */
export interface MatchCaller {
  partner?: PartnerPrincipal;
  user?: StaffUser;
}

/** Which shape of the API was called, for the audit. */
export type MatchApiVia = 'vigil' | 'arachnid-shield' | 'hma';

export interface HashesAnswer {
  requestId: string;
  results: HashMatchResult[];
}

export interface FileAnswer extends FileMatchResult {
  requestId: string;
  file: HashedUpload;
}

/**
 * The one path every shape of the match API takes: look up, audit (one row per request,
 * committed before the answer leaves), answer with a request id the audit row carries.
 */
@Injectable()
export class MatchApiService {
  constructor(
    @Inject(MatchHashesUseCase) private readonly matcher: MatchHashesUseCase,
    @Inject(HashFileUseCase) private readonly hasher: HashFileUseCase,
    @Inject(MatchAuditLog) private readonly audit: MatchAuditLog,
  ) {}

  async matchHashes(caller: MatchCaller, queries: HashQuery[], via: MatchApiVia): Promise<HashesAnswer> {
    const requestId = randomUUID();
    const results = await this.matcher.execute(queries);
    await this.recordAudit(caller, requestId, via, { kind: 'hashes', hashCount: queries.length, ...matchesIn(results) });
    return { requestId, results };
  }

  async matchFile(caller: MatchCaller, bytes: Buffer | undefined, field: string, via: MatchApiVia): Promise<FileAnswer> {
    const requestId = randomUUID();
    const file = await hashUploadedImage(bytes, this.hasher, field);
    const answer = await this.matcher.matchFile(file);
    await this.recordAudit(caller, requestId, via, { kind: 'file', hashCount: answer.results.length, fileMatched: answer.verdict.matched, ...matchesIn(answer.results) });
    return { requestId, file, ...answer };
  }

  /** Hashes a file without looking it up (HMA's hasher); audited all the same. */
  async hashFile(caller: MatchCaller, bytes: Buffer | undefined, field: string, via: MatchApiVia): Promise<HashedUpload> {
    const file = await hashUploadedImage(bytes, this.hasher, field);
    await this.recordAudit(caller, randomUUID(), via, { kind: 'hash-only', hashCount: 0, matchedCount: 0, matchedEntries: [] });
    return file;
  }

  private recordAudit(caller: MatchCaller, requestId: string, via: MatchApiVia, request: AuditedRequest): Promise<void> {
    // Never the media nor the hashes asked about: who asked, how much, and what matched.
    return this.audit.record({
      actor: caller.partner ? `partner:${caller.partner.partnerId}` : (caller.user?.username ?? 'unknown'),
      action: 'view',
      resourceType: 'match-request',
      resourceId: requestId,
      detail: { via, keyId: caller.partner?.keyId, ...request },
    });
  }
}

interface AuditedRequest {
  kind: 'hashes' | 'file' | 'hash-only';
  hashCount: number;
  matchedCount: number;
  matchedEntries: string[];
  fileMatched?: boolean;
}

function matchesIn(results: HashMatchResult[]): Pick<AuditedRequest, 'matchedCount' | 'matchedEntries'> {
  const matched = results.filter((result) => result.matched);
  return { matchedCount: matched.length, matchedEntries: [...new Set(matched.map((result) => result.entryId as string))] };
}
