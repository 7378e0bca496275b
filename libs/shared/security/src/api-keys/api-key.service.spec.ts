import type { AuditRecord, AuditTrail } from '../audit/audit-trail';
import { ApiKeyService } from './api-key.service';
import type { ApiKeyRecord, ApiKeyStore } from './api-key.store';

/** A complete in-memory ApiKeyStore that counts reads, to observe the cache. */
class InMemoryApiKeyStore implements ApiKeyStore {
  readonly rows = new Map<string, ApiKeyRecord>();
  reads = 0;
  touches: string[] = [];
  async insert(record: ApiKeyRecord): Promise<void> {
    this.rows.set(record.keyId, { ...record });
  }
  async find(keyId: string): Promise<ApiKeyRecord | undefined> {
    this.reads++;
    const row = this.rows.get(keyId);
    return row && { ...row };
  }
  async list(): Promise<ApiKeyRecord[]> {
    return [...this.rows.values()];
  }
  async revoke(keyId: string, by: string, at: Date): Promise<ApiKeyRecord | undefined> {
    const row = this.rows.get(keyId);
    if (row && !row.revokedAt) Object.assign(row, { revokedAt: at, revokedBy: by });
    return row && { ...row };
  }
  async touch(keyId: string, at: Date): Promise<void> {
    this.touches.push(keyId);
    const row = this.rows.get(keyId);
    if (row) row.lastUsedAt = at;
  }
}

class RecordingAudit implements AuditTrail {
  readonly entries: AuditRecord[] = [];
  async record(entry: AuditRecord): Promise<void> {
    this.entries.push(entry);
  }
}

describe('ApiKeyService', () => {
  let now: Date;
  let store: InMemoryApiKeyStore;
  let audit: RecordingAudit;
  let service: ApiKeyService;

  beforeEach(() => {
    now = new Date('2026-03-01T12:00:00Z');
    store = new InMemoryApiKeyStore();
    audit = new RecordingAudit();
    service = new ApiKeyService(store, audit, { now: () => now, cacheTtlMs: 30_000 });
  });

  const create = (extra: Partial<Parameters<ApiKeyService['create']>[0]> = {}) =>
    service.create({ partnerId: 'example-platform', partnerName: 'Example Platform', scopes: ['match'], ...extra }, 'admin');

  it('returns the key once and stores only a hash of its secret', async () => {
    const { key, view } = await create();
    const stored = store.rows.get(view.keyId);
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key.slice(21));
    expect(JSON.stringify(await service.list())).not.toContain(key.slice(21));
    expect(view).toMatchObject({ partnerId: 'example-platform', scopes: ['match'], createdBy: 'admin', status: 'active' });
    expect(audit.entries).toEqual([expect.objectContaining({ actor: 'admin', action: 'create', resourceType: 'api-key', resourceId: view.keyId })]);
  });

  it('verifies a good key into the partner principal', async () => {
    const { key, view } = await create({ rateLimitPerMinute: 10 });
    expect(await service.verify(key)).toEqual({
      ok: true,
      principal: { keyId: view.keyId, partnerId: 'example-platform', partnerName: 'Example Platform', scopes: ['match'], rateLimitPerMinute: 10 },
    });
  });

  it('refuses malformed keys, unknown keys and wrong secrets with a reason', async () => {
    const { key } = await create();
    expect(await service.verify('not-a-key')).toEqual({ ok: false, reason: expect.stringMatching(/malformed/) });
    expect(await service.verify(`vgl_ffffffffffffffff_${key.slice(21)}`)).toEqual({ ok: false, reason: 'the API key is not valid' });
    const secret = key.slice(21);
    const wrong = `${key.slice(0, 21)}${secret.startsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
    expect(await service.verify(wrong)).toEqual({ ok: false, reason: 'the API key is not valid' });
  });

  it('refuses an expired key', async () => {
    const { key } = await create({ expiresAt: new Date('2026-03-01T13:00:00Z') });
    expect((await service.verify(key)).ok).toBe(true);
    now = new Date('2026-03-01T13:00:00Z');
    expect(await service.verify(key)).toEqual({ ok: false, reason: 'the API key expired at 2026-03-01T13:00:00.000Z' });
    expect((await service.list())[0].status).toBe('expired');
  });

  it('refuses to create a key that is already expired or has no scope', async () => {
    await expect(create({ expiresAt: new Date('2026-03-01T11:00:00Z') })).rejects.toThrow(/expiresAt: must be in the future/);
    await expect(create({ scopes: [] })).rejects.toThrow(/scopes: a key needs at least one scope/);
  });

  it('caches verified keys, and a revocation through this service takes effect at once', async () => {
    const { key, view } = await create();
    await service.verify(key);
    await service.verify(key);
    expect(store.reads).toBe(1);
    await service.revoke(view.keyId, 'admin');
    expect(await service.verify(key)).toEqual({ ok: false, reason: 'the API key was revoked at 2026-03-01T12:00:00.000Z' });
    expect(audit.entries.map((entry) => entry.action)).toEqual(['create', 'change']);
  });

  it('sees a revocation made elsewhere (another replica) once the cache entry is 30 s old', async () => {
    const { key, view } = await create();
    await service.verify(key);
    await new ApiKeyService(store, audit, { now: () => now }).revoke(view.keyId, 'admin');
    now = new Date(now.getTime() + 29_000);
    expect((await service.verify(key)).ok).toBe(true);
    now = new Date(now.getTime() + 1_000);
    expect((await service.verify(key)).ok).toBe(false);
  });

  it('records the last use at most once a minute per key', async () => {
    const { key } = await create();
    await service.verify(key);
    await service.verify(key);
    now = new Date(now.getTime() + 61_000);
    await service.verify(key);
    expect(store.touches).toHaveLength(2);
  });

  it('answers 404 for revoking an unknown key', async () => {
    await expect(service.revoke('0000000000000000', 'admin')).rejects.toThrow(/API key 0000000000000000 was not found/);
  });
});
