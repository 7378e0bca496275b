import type { ServiceName } from '@vigil/contracts';
import type { PartnerScope } from '@vigil/security';
import fc from 'fast-check';
import { malformedImage, type MalformedFile } from './malformed-media';

/**
 * Malformed requests for every public and partner endpoint, generated with fast-check. Each
 * generator for an endpoint that writes produces only requests that must be refused (a
 * required field is always broken, media never decode), so any 2xx there is a finding.
 */
export interface FuzzRequest {
  endpoint: string;
  app: ServiceName;
  method: 'GET' | 'POST';
  path: string;
  /** Whose credentials: none (public), or a partner key holding this scope. */
  as: 'public' | PartnerScope;
  /** Whether a 2xx answer would mean the endpoint stored junk. */
  writes: boolean;
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; bytes: Buffer; type?: string } | { kind: 'form'; fields: Array<[string, string]>; files: Array<{ field: string } & MalformedFile> };
}

/** Stands for the real disseminated referral the partner may act on; the test substitutes it. */
export const REFERRAL_ID = '{referralId}';

// ---- building blocks ------------------------------------------------------------------------

/** Anything JSON can hold, odd strings included: control characters, unicode, huge numbers. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\uffff', '"; DROP TABLE reports; --', '<script>alert(1)</script>', '../../etc/passwd', '%00', '${jndi:ldap://x}', '𝕍𝕚𝕘𝕚𝕝', 'NaN'),
  fc.integer({ min: 201, max: 30000 }).map((length) => 'x'.repeat(length)),
);
/** A value that is never a valid string: what a field typed as a string must refuse. */
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.array(anyJson, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), anyJson, { maxKeys: 3 }));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** An object with some of these keys set to junk, and sometimes extra unknown keys. */
const junkObject = (keys: string[]) =>
  fc.record({ known: fc.dictionary(fc.constantFrom(...keys), fc.oneof(anyJson, oddString), { maxKeys: keys.length }), extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), anyJson, { maxKeys: 2 }) }).map(({ known, extra }) => ({ ...extra, ...known }));

const WRONG_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data', 'multipart/form-data; boundary=----x', 'application/json; charset=utf-16', 'application/xml', 'image/png', 'application/json'];
/** A body that is not what the endpoint reads: random bytes, broken JSON or multipart, under any declared type. */
const rawJunk = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom('{', '{"a":', '[1,2', '{"incidentType":"csam"', 'null', '"string"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '------x\r\nContent-Disposition: form-data; name="a"\r\n\r\n', '\u0000\u0000').map((text) => Buffer.from(text, 'utf8')),
  fc.integer({ min: 1, max: 40 }).map((depth) => Buffer.from('['.repeat(depth * 100) + ']'.repeat(depth * 100 - 1))),
);
const rawBody = fc.record({ bytes: rawJunk, type: fc.option(fc.constantFrom(...WRONG_TYPES), { nil: undefined }) });

// ---- staff sign-in --------------------------------------------------------------------------

const login: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({ username: fc.oneof(oddString, notAString), password: fc.oneof(oddString, notAString), extra: maybe(anyJson) }).map(({ username, password, extra }) => ({ username, password, ...(extra === undefined ? {} : { extra }) })).map((value) => ({ endpoint: 'POST /api/v1/auth/login', app: 'tipline' as const, method: 'POST' as const, path: '/api/v1/auth/login', as: 'public' as const, writes: false, body: { kind: 'json' as const, value } })),
  rawBody.map(({ bytes, type }) => ({ endpoint: 'POST /api/v1/auth/login', app: 'referral-hub' as const, method: 'POST' as const, path: '/api/v1/auth/login', as: 'public' as const, writes: false, body: { kind: 'raw' as const, bytes, type } })),
);

// ---- public report (tipline) ----------------------------------------------------------------

const badIncidentType = fc.oneof(oddString, notAString, fc.constant(null));
const urlsJunk = fc.oneof(fc.array(oddString, { maxLength: 4 }), oddString, notAString, fc.array(fc.constantFrom('javascript:alert(1)', 'ftp://example.org/x', 'http://', 'https://exa mple.org', 'file:///etc/passwd'), { minLength: 1, maxLength: 3 }));
const publicReport = (incidentTypes: readonly string[]): fc.Arbitrary<FuzzRequest> => {
  const base = { endpoint: 'POST /api/v1/reports', app: 'tipline' as const, method: 'POST' as const, path: '/api/v1/reports', as: 'public' as const, writes: true };
  return fc.oneof(
    // JSON with a wrong incident type (always) and junk in the other fields.
    fc.record({ incidentType: badIncidentType, description: maybe(fc.oneof(oddString, notAString)), urls: maybe(urlsJunk), extra: maybe(anyJson) }).map((value) => ({ ...base, body: { kind: 'json' as const, value } })),
    // A good incident type with bad URLs or an unknown property.
    fc.record({ incidentType: fc.constantFrom(...incidentTypes), urls: fc.array(fc.constantFrom('javascript:alert(1)', 'not a url', 'ftp://example.org/x', 'http://'), { minLength: 1, maxLength: 3 }), isAdmin: maybe(fc.boolean()) }).map((value) => ({ ...base, body: { kind: 'json' as const, value } })),
    rawBody.map(({ bytes, type }) => ({ ...base, body: { kind: 'raw' as const, bytes, type } })),
    // Multipart with a good incident type but media that never decode (sniffed, truncated, bombs).
    fc.record({ incidentType: fc.constantFrom(...incidentTypes), files: fc.array(malformedImage, { minLength: 1, maxLength: 3 }), field: fc.constantFrom('media', 'media', 'media', 'file', 'media[]') }).map(({ incidentType, files, field }) => ({
      ...base,
      body: { kind: 'form' as const, fields: [['incidentType', incidentType]] as Array<[string, string]>, files: files.map((file) => ({ field, ...file })) },
    })),
    // Multipart with junk fields and a file.
    fc.record({ fields: fc.array(fc.tuple(fc.constantFrom('incidentType', 'urls', 'description', 'x'), fc.string({ maxLength: 30 })), { maxLength: 5 }), file: malformedImage }).map(({ fields, file }) => ({
      ...base,
      body: { kind: 'form' as const, fields: [['incidentType', 'not-a-type'] as [string, string], ...fields.filter(([name]) => name !== 'incidentType')], files: [{ field: 'media', ...file }] },
    })),
  );
};

// ---- industry reports (tipline, JSON) -------------------------------------------------------

const industryJson: fc.Arbitrary<FuzzRequest> = fc
  .record({
    partnerReference: fc.oneof(fc.constant(''), notAString, fc.constant(null), fc.constant('x'.repeat(201))),
    incidents: maybe(fc.oneof(fc.constant([]), notAString, fc.array(junkObject(['type', 'time', 'description']), { maxLength: 3 }))),
    urls: maybe(urlsJunk),
    reportedUsers: maybe(fc.array(junkObject(['platform', 'username', 'email', 'phone', 'ipCaptureEvents']), { maxLength: 3 })),
    files: maybe(fc.array(junkObject(['sha256', 'md5', 'sha1', 'pdq', 'pdqQuality', 'location']), { maxLength: 3 })),
    urgentReason: maybe(fc.oneof(oddString, notAString)),
  })
  .map((value) => ({ endpoint: 'POST /api/v1/industry-reports', app: 'tipline' as const, method: 'POST' as const, path: '/api/v1/industry-reports', as: 'industry-reports' as const, writes: true, body: { kind: 'json' as const, value } }));

const industryFields: fc.Arbitrary<FuzzRequest> = fc
  .record({ files: fc.array(junkObject(['sha256', 'md5', 'pdq', 'pdqQuality']), { minLength: 1, maxLength: 3 }), users: fc.array(junkObject(['email', 'ipCaptureEvents', 'phone']), { maxLength: 2 }), breakIncidents: fc.boolean() })
  .map(({ files, users, breakIncidents }) => ({
    endpoint: 'POST /api/v1/industry-reports',
    app: 'tipline' as const,
    method: 'POST' as const,
    path: '/api/v1/industry-reports',
    as: 'industry-reports' as const,
    writes: true,
    // A well-formed report except that every file names a hash that cannot be right (or the incidents are missing).
    body: { kind: 'json' as const, value: { partnerReference: 'FUZZ-1', incidents: breakIncidents ? [] : [{ type: 'csam', description: 'fuzz' }], reportedUsers: users, files: files.map((file) => ({ ...file, sha256: 'zz' + String(file.sha256 ?? '') })) } },
  }));

// ---- CyberTipline XML (tipline and referral hub) --------------------------------------------

const MINIMAL_REPORT = `<?xml version="1.0" encoding="UTF-8"?>
<report ncmecReportId="900000001">
  <incidentSummary>
    <incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>
    <incidentDateTime>2024-03-10T08:15:00Z</incidentDateTime>
  </incidentSummary>
  <reporter><reportingPerson><email>reports@example.com</email></reportingPerson></reporter>
</report>`;

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;

/** Documents that must be refused: broken, hostile, out of schema or in another namespace. */
const malformedXml: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: MINIMAL_REPORT.length - 2 }).map((cut) => MINIMAL_REPORT.slice(0, cut)),
  fc.constantFrom(BILLION_LAUGHS, XXE).map((doctype) => `${doctype}${MINIMAL_REPORT.replace(/<\?xml[^>]*>/, '').replace('reports@example.com', '&lol3;&xxe;')}`),
  fc.constantFrom(BILLION_LAUGHS, XXE).map((doctype) => `${doctype}${MINIMAL_REPORT.replace(/<\?xml[^>]*>/, '')}`),
  // Namespaces are read leniently by design (parse-cybertip-report.spec.ts: a prefixed document
  // is accepted), so a document in a foreign namespace also lacks a required element here.
  fc.constantFrom('http://example.org/not-ncmec', 'urn:x', '').map((ns) =>
    MINIMAL_REPORT.replace('<report ', `<report xmlns="${ns}" `).replace('<incidentSummary>', '<x:incidentSummary xmlns:x="urn:wrong">').replace('</incidentSummary>', '</x:incidentSummary>').replace(/<incidentType>[^<]*<\/incidentType>/, ''),
  ),
  fc.constantFrom('<reportx>', '<Report>', '<ns:report xmlns:ns="urn:x">').map((root) => `${root}<incidentSummary/></${root.slice(1, -1).split(' ')[0]}>`),
  fc.integer({ min: 33, max: 3000 }).map((depth) => `<report>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</report>`),
  fc.constantFrom('incidentType', 'incidentDateTime', 'incidentSummary', 'reporter').map((element) => MINIMAL_REPORT.replace(new RegExp(`<${element}>[\\s\\S]*?</${element}>`), '')),
  fc.oneof(oddString, fc.constantFrom('not-a-date', '2024-13-45T99:99:99Z', '', '9999999999')).map((date) => MINIMAL_REPORT.replace('2024-03-10T08:15:00Z', date.replace(/[<&]/g, '')).replace('ncmecReportId="900000001"', '')),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }).map((text) => `<report>${text}</report>`),
  fc.constant(`<report ncmecReportId="1" ncmecReportId="2"><incidentSummary/></report>`),
  fc.constant(`<report><![CDATA[${'\u0001'.repeat(10)}]]></report>`),
);

const cyberTip = (app: 'tipline' | 'referral-hub'): fc.Arbitrary<FuzzRequest> => {
  const path = app === 'tipline' ? '/api/v1/industry-reports/cybertip' : '/api/v1/intake/cybertip';
  const base = { endpoint: `POST ${path}`, app, method: 'POST' as const, path, as: 'industry-reports' as const, writes: true };
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ xml: malformedXml, type: fc.constantFrom('application/xml', 'text/xml', 'application/vnd.ncmec+xml') }).map(({ xml, type }) => ({ ...base, body: { kind: 'raw' as const, bytes: Buffer.from(xml, 'utf8'), type } })) },
    // The right document under the wrong content type, or as JSON.
    { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'multipart/form-data').map((type) => ({ ...base, body: type === 'application/json' ? { kind: 'json' as const, value: { xml: MINIMAL_REPORT } } : { kind: 'raw' as const, bytes: Buffer.from(MINIMAL_REPORT), type } })) },
  );
};

// ---- police and partner referrals (referral hub) --------------------------------------------

const policeReferral: fc.Arbitrary<FuzzRequest> = fc
  .record({
    reference: fc.oneof(fc.constant(''), notAString, fc.constant(null)),
    incidentType: maybe(fc.oneof(oddString, notAString)),
    summary: maybe(fc.oneof(oddString, notAString)),
    suspect: maybe(fc.oneof(notAString, junkObject(['emails', 'phones', 'accounts', 'ipAddresses', 'devices']))),
    locations: maybe(fc.array(junkObject(['kind', 'value']), { maxLength: 3 })),
    evidence: maybe(fc.array(junkObject(['hashes', 'fileName']), { maxLength: 3 })),
    childIdentified: maybe(fc.oneof(fc.constantFrom('yes', 'true', 1), notAString)),
  })
  .map((value) => ({ endpoint: 'POST /api/v1/intake/referrals', app: 'referral-hub' as const, method: 'POST' as const, path: '/api/v1/intake/referrals', as: 'referrals' as const, writes: true, body: { kind: 'json' as const, value } }));

const pathJunk = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('..', '%2e%2e', '00000000-0000-0000-0000-000000000000', 'null', '1', "1' OR '1'='1")).map((text) => encodeURIComponent(text));

const partnerReferralActions: fc.Arbitrary<FuzzRequest> = fc.oneof(
  // Acknowledging a referral that is not this service's, or not a referral at all.
  fc.record({ id: pathJunk, body: maybe(fc.oneof(anyJson, rawJunk)) }).map(({ id, body }) => ({
    endpoint: 'POST /api/v1/partner/referrals/:id/acknowledge', app: 'referral-hub' as const, method: 'POST' as const, path: `/api/v1/partner/referrals/${id}/acknowledge`, as: 'referrals' as const, writes: true,
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? { kind: 'raw' as const, bytes: body, type: 'application/json' } : { kind: 'json' as const, value: body },
  })),
  // Outcomes for the real referral with a bad body, or for a junk id.
  fc.record({ real: fc.boolean(), id: pathJunk, outcome: fc.oneof(oddString, notAString, fc.constant(null)), at: maybe(fc.oneof(oddString, notAString, fc.constantFrom('2026-02-30T10:00:00Z', 'soon', '1700000000'))), note: maybe(fc.oneof(oddString, notAString)) }).map(({ real, id, ...value }) => ({
    endpoint: 'POST /api/v1/partner/referrals/:id/outcomes', app: 'referral-hub' as const, method: 'POST' as const, path: `/api/v1/partner/referrals/${real ? REFERRAL_ID : id}/outcomes`, as: 'referrals' as const, writes: true, body: { kind: 'json' as const, value },
  })),
  fc.record({ id: pathJunk, part: fc.constantFrom('package', 'package.pdf', 'manifest') }).map(({ id, part }) => ({
    endpoint: `GET /api/v1/partner/referrals/:id/${part}`, app: 'referral-hub' as const, method: 'GET' as const, path: `/api/v1/partner/referrals/${id}/${part}`, as: 'referrals' as const, writes: false,
  })),
);

// ---- match API and its Arachnid Shield and HMA shapes (hash-detection) ----------------------

/** Hash strings that are not a hash of their declared type: wrong length, charset, or base64 junk. */
const badHashValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.stringMatching(/^[0-9a-f]{1,31}$/),
  fc.stringMatching(/^[0-9a-f]{65,130}$/),
  fc.stringMatching(/^[0-9a-fA-FgG]{64}$/).filter((text) => /[gG]/.test(text)),
  fc.uint8Array({ minLength: 1, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64').replace(/=+$/, '') + '!'),
  fc.constantFrom('', '    ', '0x' + 'a'.repeat(62), '=='.repeat(22), 'a'.repeat(201)),
);
const hashQuery = fc.record({ type: fc.oneof(fc.constantFrom('md5', 'sha1', 'sha256', 'pdq'), oddString, notAString), value: fc.oneof(badHashValue, notAString), quality: maybe(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double(), oddString)) });

const matchApi: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.oneof(fc.record({ hashes: fc.array(hashQuery, { minLength: 1, maxLength: 5 }) }), fc.record({ hashes: fc.oneof(fc.constant([]), notAString, oddString) }), junkObject(['hashes', 'file']), anyJson).map((value) => ({
    endpoint: 'POST /api/v1/match', app: 'hash-detection' as const, method: 'POST' as const, path: '/api/v1/match', as: 'match' as const, writes: false, body: { kind: 'json' as const, value },
  })),
  fc.record({ file: malformedImage, field: fc.constantFrom('file', 'file', 'photo', 'hashes'), hashes: fc.boolean() }).map(({ file, field, hashes }) => ({
    endpoint: 'POST /api/v1/match', app: 'hash-detection' as const, method: 'POST' as const, path: '/api/v1/match', as: 'match' as const, writes: false,
    body: { kind: 'form' as const, fields: hashes ? ([['hashes', '[{"type":"md5","value":"x"}]']] as Array<[string, string]>) : [], files: [{ ...file, field }] },
  })),
  rawBody.map(({ bytes, type }) => ({ endpoint: 'POST /api/v1/match', app: 'hash-detection' as const, method: 'POST' as const, path: '/api/v1/match', as: 'match' as const, writes: false, body: { kind: 'raw' as const, bytes, type } })),
);

const arachnid: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({ file: malformedImage, type: fc.constantFrom('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/octet-stream', 'text/plain', undefined) }).map(({ file, type }) => ({
    endpoint: 'POST /v1/media', app: 'hash-detection' as const, method: 'POST' as const, path: '/v1/media', as: 'match' as const, writes: false, body: { kind: 'raw' as const, bytes: file.bytes, type },
  })),
  fc.oneof(fc.record({ hashes: fc.oneof(fc.array(fc.oneof(badHashValue, notAString), { minLength: 0, maxLength: 5 }), notAString) }), junkObject(['hashes', 'url']), anyJson).map((value) => ({
    endpoint: 'POST /v1/pdq', app: 'hash-detection' as const, method: 'POST' as const, path: '/v1/pdq', as: 'match' as const, writes: false, body: { kind: 'json' as const, value },
  })),
);

const query = (entries: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) params.append(key, value);
  return params.toString();
};
const hma: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({ route: fc.constantFrom('/m/lookup', '/m/raw_lookup'), signal: maybe(badHashValue), signal_type: maybe(fc.oneof(fc.constantFrom('pdq', 'md5', 'video_md5', 'PDQ'), fc.string({ maxLength: 10 }))), include_distance: maybe(fc.constantFrom('true', 'yes', '2')), seed: maybe(fc.string({ maxLength: 10 })) }).map(({ route, ...params }) => ({
    endpoint: `GET ${route}`, app: 'hash-detection' as const, method: 'GET' as const, path: `${route}?${query(params)}`, as: 'match' as const, writes: false,
  })),
  fc.record({ url: maybe(fc.string({ maxLength: 50 })), content_type: maybe(fc.string({ maxLength: 20 })) }).map((params) => ({ endpoint: 'GET /h/hash', app: 'hash-detection' as const, method: 'GET' as const, path: `/h/hash?${query(params)}`, as: 'match' as const, writes: false })),
  fc.record({ route: fc.constantFrom('/h/hash', '/m/lookup'), file: maybe(malformedImage), field: fc.constantFrom('photo', 'file', 'video', 'photo') }).map(({ route, file, field }) => ({
    endpoint: `POST ${route}`, app: 'hash-detection' as const, method: 'POST' as const, path: route, as: 'match' as const, writes: false,
    body: { kind: 'form' as const, fields: file ? [] : ([['photo', 'not a file']] as Array<[string, string]>), files: file ? [{ ...file, field }] : [] },
  })),
);

const urlObservation: fc.Arbitrary<FuzzRequest> = fc
  .record({ url: fc.oneof(oddString, notAString, fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'http://', 'ftp://example.org/a.jpg')), sha256: maybe(badHashValue), md5: maybe(badHashValue), pdq: maybe(badHashValue), pdqQuality: maybe(fc.oneof(fc.integer({ min: -5, max: 500 }), oddString)) })
  .map((value) => ({ endpoint: 'POST /api/v1/urls/observations', app: 'hash-detection' as const, method: 'POST' as const, path: '/api/v1/urls/observations', as: 'match' as const, writes: true, body: { kind: 'json' as const, value } }));

const bankChanges: fc.Arbitrary<FuzzRequest> = fc
  .record({ id: pathJunk, since: maybe(fc.oneof(fc.string({ maxLength: 25 }), fc.constantFrom('-1', '9'.repeat(19), '1e3'))), limit: maybe(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '-1', '100000', '1.5'))) })
  .map(({ id, ...params }) => ({ endpoint: 'GET /api/v1/banks/:id/changes', app: 'hash-detection' as const, method: 'GET' as const, path: `/api/v1/banks/${id}/changes?${query(params)}`, as: 'bank-changes' as const, writes: false }));

// ---- oversized bodies: past the JSON (2 MB) and XML (5 MB) limits, too many parts ------------

const oversized: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.integer({ min: 2 * 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((length) => ({
    endpoint: 'POST /api/v1/reports', app: 'tipline' as const, method: 'POST' as const, path: '/api/v1/reports', as: 'public' as const, writes: true,
    body: { kind: 'json' as const, value: { incidentType: 'csam', description: 'x'.repeat(length) } },
  })),
  fc.integer({ min: 2 * 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((length) => ({
    endpoint: 'POST /api/v1/match', app: 'hash-detection' as const, method: 'POST' as const, path: '/api/v1/match', as: 'match' as const, writes: false,
    body: { kind: 'json' as const, value: { hashes: [{ type: 'md5', value: 'a'.repeat(length) }] } },
  })),
  fc.constantFrom('tipline' as const, 'referral-hub' as const).map((app) => ({
    endpoint: app === 'tipline' ? 'POST /api/v1/industry-reports/cybertip' : 'POST /api/v1/intake/cybertip', app, method: 'POST' as const, path: app === 'tipline' ? '/api/v1/industry-reports/cybertip' : '/api/v1/intake/cybertip', as: 'industry-reports' as const, writes: true,
    body: { kind: 'raw' as const, bytes: Buffer.from(MINIMAL_REPORT.replace('</report>', `<additionalInfo>${'x'.repeat(6 * 1024 * 1024)}</additionalInfo></report>`)), type: 'application/xml' },
  })),
  fc.integer({ min: 11, max: 30 }).chain((count) => fc.array(malformedImage, { minLength: count, maxLength: count })).map((files) => ({
    endpoint: 'POST /api/v1/reports', app: 'tipline' as const, method: 'POST' as const, path: '/api/v1/reports', as: 'public' as const, writes: true,
    body: { kind: 'form' as const, fields: [['incidentType', 'csam']] as Array<[string, string]>, files: files.map((file) => ({ field: 'media', ...file })) },
  })),
  fc.integer({ min: 64 * 1024 + 1, max: 200 * 1024 }).map((length) => ({
    endpoint: 'POST /api/v1/reports', app: 'tipline' as const, method: 'POST' as const, path: '/api/v1/reports', as: 'public' as const, writes: true,
    body: { kind: 'form' as const, fields: [['incidentType', 'csam'], ['description', 'x'.repeat(length)]] as Array<[string, string]>, files: [] },
  })),
);

/** Each endpoint group with how many requests to draw from it. */
export function fuzzPlan(incidentTypes: readonly string[]): Array<{ name: string; arbitrary: fc.Arbitrary<FuzzRequest>; runs: number }> {
  return [
    { name: 'staff sign-in', arbitrary: login, runs: 150 },
    { name: 'public report (JSON, multipart, media)', arbitrary: publicReport(incidentTypes), runs: 400 },
    { name: 'industry report (JSON)', arbitrary: fc.oneof(industryJson, industryFields), runs: 250 },
    { name: 'CyberTipline XML (tipline)', arbitrary: cyberTip('tipline'), runs: 200 },
    { name: 'CyberTipline XML (referral hub)', arbitrary: cyberTip('referral-hub'), runs: 120 },
    { name: 'police referral (JSON)', arbitrary: policeReferral, runs: 150 },
    { name: 'partner referral pull, ack and outcome', arbitrary: partnerReferralActions, runs: 200 },
    { name: 'match API (hashes, files)', arbitrary: matchApi, runs: 350 },
    { name: 'Arachnid Shield shape', arbitrary: arachnid, runs: 150 },
    { name: 'HMA shape', arbitrary: hma, runs: 150 },
    { name: 'URL observations', arbitrary: urlObservation, runs: 100 },
    { name: 'bank changes feed', arbitrary: bankChanges, runs: 60 },
    { name: 'oversized bodies and too many parts', arbitrary: oversized, runs: 25 },
  ];
}
