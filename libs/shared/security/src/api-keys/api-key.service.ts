import { ConflictError, NotFoundError, ValidationError } from '@vigil/kernel';
import type { AuditTrail } from '../audit/audit-trail';
import type { ApiKeyRecord, ApiKeyStore } from './api-key.store';
import { apiKeySecretMatches, generateApiKeyToken, hashApiKeySecret, parseApiKeyToken } from './api-key-token';
import { PARTNER_SCOPE_VALUES, type PartnerPrincipal, type PartnerScope } from './partner-access.decorator';

export interface CreateApiKeyCommand {
  partnerId: string;
  partnerName: string;
  scopes: PartnerScope[];
  expiresAt?: Date;
  rateLimitPerMinute?: number;
}

/** What an administrator sees of a key: everything but the secret and its hash. */
export interface ApiKeyView {
  keyId: string;
  partnerId: string;
  partnerName: string;
  scopes: PartnerScope[];
  rateLimitPerMinute?: number;
  createdBy: string;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  lastUsedAt?: string;
  status: 'active' | 'expired' | 'revoked';
}

export type ApiKeyVerification = { ok: true; principal: PartnerPrincipal } | { ok: false; reason: string };

export interface ApiKeyServiceOptions {
  /**
   * How long a key read from the database is trusted before it is read again (default 30 s).
   * A revocation made through this process takes effect at once; one made through another
   * process (a replica) takes effect within this window.
   */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /** last_used_at is written at most this often per key, so busy keys cost no write per request. */
  touchIntervalMs?: number;
  now?: () => Date;
  log?: (message: string) => void;
}

interface CachedKey {
  record: ApiKeyRecord | undefined;
  loadedAt: number;
}

/** Issues, lists, revokes and verifies partner API keys. */
export class ApiKeyService {
  private readonly cache = new Map<string, CachedKey>();
  private readonly lastTouched = new Map<string, number>();
  private readonly cacheTtlMs: number;
  private readonly cacheMaxEntries: number;
  private readonly touchIntervalMs: number;
  private readonly now: () => Date;

  constructor(private readonly store: ApiKeyStore, private readonly audit: AuditTrail, private readonly options: ApiKeyServiceOptions = {}) {
    this.cacheTtlMs = options.cacheTtlMs ?? 30_000;
    this.cacheMaxEntries = options.cacheMaxEntries ?? 10_000;
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Creates a key and returns it with its secret: the only time the secret is ever shown. */
  async create(command: CreateApiKeyCommand, createdBy: string): Promise<{ key: string; view: ApiKeyView }> {
    const now = this.now();
    if (command.scopes.length === 0) throw new ValidationError('scopes: a key needs at least one scope', 'scopes');
    const unknown = command.scopes.filter((scope) => !PARTNER_SCOPE_VALUES.includes(scope));
    if (unknown.length > 0) throw new ValidationError(`scopes: unknown scope ${unknown.join(', ')} (known: ${PARTNER_SCOPE_VALUES.join(', ')})`, 'scopes');
    if (command.expiresAt && command.expiresAt.getTime() <= now.getTime()) throw new ValidationError('expiresAt: must be in the future', 'expiresAt');
    const { keyId, secret, token } = generateApiKeyToken();
    const record: ApiKeyRecord = {
      keyId,
      secretHash: hashApiKeySecret(secret),
      partnerId: command.partnerId,
      partnerName: command.partnerName,
      scopes: [...new Set(command.scopes)],
      rateLimitPerMinute: command.rateLimitPerMinute,
      createdBy,
      createdAt: now,
      expiresAt: command.expiresAt,
    };
    try {
      await this.store.insert(record);
    } catch (error) {
      // 64 random bits: a collision is astronomically unlikely, but answer it cleanly.
      if ((error as { code?: string }).code === '23505') throw new ConflictError('key id collision: try again');
      throw error;
    }
    await this.audit.record({ actor: createdBy, action: 'create', resourceType: 'api-key', resourceId: keyId, detail: { partnerId: record.partnerId, scopes: record.scopes, expiresAt: record.expiresAt?.toISOString() } });
    return { key: token, view: this.view(record) };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.store.list()).map((record) => this.view(record));
  }

  async revoke(keyId: string, by: string): Promise<ApiKeyView> {
    const record = await this.store.revoke(keyId, by, this.now());
    if (!record) throw new NotFoundError('API key', keyId);
    this.cache.delete(keyId);
    await this.audit.record({ actor: by, action: 'change', resourceType: 'api-key', resourceId: keyId, detail: { revoked: true, partnerId: record.partnerId } });
    return this.view(record);
  }

  /** Checks a presented key: well formed, known, secret right, not revoked, not expired. */
  async verify(token: string): Promise<ApiKeyVerification> {
    const parsed = parseApiKeyToken(token);
    if (!parsed) return { ok: false, reason: 'the API key is malformed (expected vgl_<key id>_<secret>)' };
    const record = await this.load(parsed.keyId);
    if (!record || !apiKeySecretMatches(parsed.secret, record.secretHash)) return { ok: false, reason: 'the API key is not valid' };
    const now = this.now();
    if (record.revokedAt) return { ok: false, reason: `the API key was revoked at ${record.revokedAt.toISOString()}` };
    if (record.expiresAt && record.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: `the API key expired at ${record.expiresAt.toISOString()}` };
    this.touch(record.keyId, now);
    return {
      ok: true,
      principal: { keyId: record.keyId, partnerId: record.partnerId, partnerName: record.partnerName, scopes: record.scopes, rateLimitPerMinute: record.rateLimitPerMinute },
    };
  }

  private async load(keyId: string): Promise<ApiKeyRecord | undefined> {
    const nowMs = this.now().getTime();
    const cached = this.cache.get(keyId);
    if (cached && nowMs - cached.loadedAt < this.cacheTtlMs) return cached.record;
    const record = await this.store.find(keyId);
    // Unknown ids are cached too, so a flood of made-up keys costs one query per id per window.
    this.cache.delete(keyId);
    this.cache.set(keyId, { record, loadedAt: nowMs });
    if (this.cache.size > this.cacheMaxEntries) this.cache.delete(this.cache.keys().next().value as string);
    return record;
  }

  private touch(keyId: string, at: Date): void {
    const last = this.lastTouched.get(keyId) ?? 0;
    if (at.getTime() - last < this.touchIntervalMs) return;
    this.lastTouched.set(keyId, at.getTime());
    this.store.touch(keyId, at).catch((error: Error) => this.options.log?.(`could not record the last use of API key ${keyId}: ${error.message}`));
  }

  private view(record: ApiKeyRecord): ApiKeyView {
    const now = this.now().getTime();
    const status = record.revokedAt ? 'revoked' : record.expiresAt && record.expiresAt.getTime() <= now ? 'expired' : 'active';
    return {
      keyId: record.keyId,
      partnerId: record.partnerId,
      partnerName: record.partnerName,
      scopes: record.scopes,
      rateLimitPerMinute: record.rateLimitPerMinute,
      createdBy: record.createdBy,
      createdAt: record.createdAt.toISOString(),
      expiresAt: record.expiresAt?.toISOString(),
      revokedAt: record.revokedAt?.toISOString(),
      revokedBy: record.revokedBy,
      lastUsedAt: record.lastUsedAt?.toISOString(),
      status,
    };
  }
}
