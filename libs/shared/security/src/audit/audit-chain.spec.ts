import { AUDIT_CHAIN_GENESIS, auditRowHash, canonicalAuditRow, canonicalJson, verifyAuditChain, type AuditChainRow } from './audit-chain';

function chain(count: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prevHash = AUDIT_CHAIN_GENESIS;
  for (let i = 1; i <= count; i++) {
    const content = { seq: String(i), prevHash, at: new Date(Date.UTC(2026, 10, 23, 12, 0, i, 5)), actor: `analyst-${i % 2}`, action: 'view', resourceType: 'evidence', resourceId: `e-${i}`, detail: i % 3 === 0 ? null : { reason: 'triage', n: i } };
    const rowHash = auditRowHash(content);
    rows.push({ ...content, rowHash });
    prevHash = rowHash;
  }
  return rows;
}

describe('canonical audit row hashing', () => {
  it('sorts object keys at every level, so jsonb key order does not change the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
    const row = { seq: '7', prevHash: AUDIT_CHAIN_GENESIS, at: new Date('2026-11-23T10:00:00.123Z'), actor: 'a', action: 'view', resourceType: 'r', resourceId: 'i' };
    expect(auditRowHash({ ...row, detail: { x: 1, y: 'two' } })).toBe(auditRowHash({ ...row, detail: { y: 'two', x: 1 } }));
  });

  it('drops undefined fields and treats a missing detail as null, as the database stores them', () => {
    const row = { seq: '1', prevHash: AUDIT_CHAIN_GENESIS, at: new Date('2026-11-23T10:00:00.000Z'), actor: 'a', action: 'view', resourceType: 'r', resourceId: 'i' };
    expect(auditRowHash({ ...row, detail: { x: 1, gone: undefined } })).toBe(auditRowHash({ ...row, detail: { x: 1 } }));
    expect(auditRowHash({ ...row, detail: undefined })).toBe(auditRowHash({ ...row, detail: null }));
  });

  it('covers every field: changing any one changes the hash', () => {
    const base = { seq: '3', prevHash: 'a'.repeat(64), at: new Date('2026-11-23T10:00:00.000Z'), actor: 'a', action: 'view', resourceType: 'r', resourceId: 'i', detail: { k: 1 } };
    const variants = [
      { ...base, seq: '4' },
      { ...base, prevHash: 'b'.repeat(64) },
      { ...base, at: new Date('2026-11-23T10:00:00.001Z') },
      { ...base, actor: 'b' },
      { ...base, action: 'export' },
      { ...base, resourceType: 's' },
      { ...base, resourceId: 'j' },
      { ...base, detail: { k: 2 } },
    ];
    const hashes = new Set([base, ...variants].map(auditRowHash));
    expect(hashes.size).toBe(variants.length + 1);
    expect(auditRowHash(base)).toMatch(/^[0-9a-f]{64}$/);
    // Field boundaries are unambiguous: moving a character from one field to the next is a different row.
    expect(canonicalAuditRow({ ...base, actor: 'ab', action: 'c' })).not.toBe(canonicalAuditRow({ ...base, actor: 'a', action: 'bc' }));
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and counts its rows', () => {
    expect(verifyAuditChain(chain(10))).toEqual({ ok: true, verified: 10 });
    expect(verifyAuditChain([])).toEqual({ ok: true, verified: 0 });
  });

  it('reports a changed row as a hash mismatch at its seq', () => {
    const rows = chain(10);
    rows[4] = { ...rows[4], actor: 'someone-else' };
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, verified: 4, break: { seq: '5', reason: 'hash-mismatch' } });
  });

  it('reports a row rewritten with a fresh hash as a prev mismatch on the row after it', () => {
    const rows = chain(10);
    const forged = { ...rows[4], detail: { reason: 'forged' } };
    rows[4] = { ...forged, rowHash: auditRowHash(forged) };
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, verified: 5, break: { seq: '6', reason: 'prev-mismatch' } });
  });

  it('reports a deleted row as a gap at the seq that follows it', () => {
    const rows = chain(10);
    rows.splice(6, 1);
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, verified: 6, break: { seq: '8', reason: 'gap' } });
    expect(verifyAuditChain(chain(3).slice(1))).toMatchObject({ ok: false, verified: 0, break: { seq: '2', reason: 'gap' } });
  });

  it('reports a row whose prev_hash was altered as a prev mismatch', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], prevHash: AUDIT_CHAIN_GENESIS };
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, break: { seq: '3', reason: 'prev-mismatch' } });
  });
});
