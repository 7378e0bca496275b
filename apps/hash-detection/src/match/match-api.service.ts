import { Inject, Injectable, Optional } from '@nestjs/common';
import { HashFileUseCase, HashVideoUseCase, MatchHashesUseCase, type FileMatchResult, type HashMatchResult, type HashQuery, type VideoMatchResult } from '@vigil/hashes';
import type { PartnerPrincipal, StaffUser } from '@vigil/security';
import { randomUUID } from 'node:crypto';
import { MatchAuditLog } from './match-audit';
import { hashUploadedImage, hashUploadedVideo, type HashedUpload, type HashedVideoUpload } from './media-upload';
import { VIDEO_UPLOAD_REFUSAL } from './video-upload.config';

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

export interface VideoAnswer extends VideoMatchResult {
  requestId: string;
  file: HashedVideoUpload;
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
    // Absent when video uploads are off (no memory-backed folder); the refusal says why.
    @Optional() @Inject(HashVideoUseCase) private readonly videoHasher?: HashVideoUseCase,
    @Optional() @Inject(VIDEO_UPLOAD_REFUSAL) private readonly videoRefusal?: string,
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

  /** Matches one video: its digests, then its sampled frames' PDQ (see MatchHashesUseCase.matchVideo). */
  async matchVideo(caller: MatchCaller, bytes: Buffer, field: string, via: MatchApiVia): Promise<VideoAnswer> {
    const requestId = randomUUID();
    const file = await hashUploadedVideo(bytes, this.videoHasher, this.videoRefusal, field);
    const answer = await this.matcher.matchVideo(file);
    const frameEntries = answer.frames.matches.map((match) => match.entryId);
    const matched = matchesIn(answer.results);
    await this.recordAudit(caller, requestId, via, {
      kind: 'video',
      hashCount: answer.results.length + answer.frames.sampled,
      fileMatched: answer.verdict.matched,
      matchedCount: matched.matchedCount + answer.frames.matched,
      matchedEntries: [...new Set([...matched.matchedEntries, ...frameEntries])],
    });
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
  kind: 'hashes' | 'file' | 'video' | 'hash-only';
  hashCount: number;
  matchedCount: number;
  matchedEntries: string[];
  fileMatched?: boolean;
}

function matchesIn(results: HashMatchResult[]): Pick<AuditedRequest, 'matchedCount' | 'matchedEntries'> {
  const matched = results.filter((result) => result.matched);
  return { matchedCount: matched.length, matchedEntries: [...new Set(matched.map((result) => result.entryId as string))] };
}
