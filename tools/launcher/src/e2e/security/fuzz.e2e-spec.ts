import type { ServiceName } from '@vigil/contracts';
import { INCIDENT_TYPES } from '@vigil/reports';
import type { PartnerScope } from '@vigil/security';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import fc from 'fast-check';
import { Client } from 'pg';
import { assertBuilt, embeddedPlatform, staffToken, type PlatformProcess, type PlatformUrls } from '../platform-harness';
import { fuzzPlan, REFERRAL_ID, type FuzzRequest } from './fuzz/fuzz-requests';
import { rejectionProblem } from './fuzz/rejection';
import { call, inBatches, type Answer, type Call } from './http-client';

/**
 * Thousands of generated malformed requests against every public and partner endpoint of a
 * running embedded platform: no 5xx, every refusal a 4xx that names the problem, and no row
 * written by a refused request. Reproduce a run with FUZZ_SEED=<the printed seed>.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const SCHEMAS = ['tipline', 'hash_detection', 'referral_hub'];
/** Bookkeeping a refused request may legitimately touch: the audit trail, key use, sign-in attempts. */
const BOOKKEEPING = /audit|api_key|throttl|migration|inbox|staff|account|sign_?in|login|session|lockout/i;
const POLICE_SERVICE = 'ontario-provincial-strategy-ice';

describe('fuzz: malformed payloads against every public and partner endpoint', () => {
  jest.setTimeout(300000);
  let database: TestDatabase;
  let platform: PlatformProcess;
  let urls: PlatformUrls;
  let pg: Client;
  let tables: string[] = [];
  let referralId: string;
  const keys = {} as Record<ServiceName, Partial<Record<PartnerScope, string>>>;

  const base = (app: ServiceName) => ({ tipline: urls.tipline, 'hash-detection': urls.hashDetection, 'referral-hub': urls.referralHub })[app];

  async function rowCounts(): Promise<Record<string, number>> {
    if (tables.length === 0) return {};
    const { rows } = await pg.query<Record<string, string>>(`SELECT ${tables.map((table, index) => `(SELECT count(*) FROM ${table}) AS c${index}`).join(', ')}`);
    return Object.fromEntries(tables.map((table, index) => [table, Number(rows[0][`c${index}`])]));
  }

  /** Counts once the events of the setup have been relayed and consumed. */
  async function settledCounts(): Promise<Record<string, number>> {
    let previous = JSON.stringify(await rowCounts());
    for (let attempt = 0; attempt < 30; attempt++) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
      const current = JSON.stringify(await rowCounts());
      if (current === previous) return JSON.parse(current) as Record<string, number>;
      previous = current;
    }
    throw new Error(`row counts did not settle: ${previous}`);
  }

  function send(request: FuzzRequest): Promise<Answer> {
    const init: Call = { method: request.method };
    if (request.as !== 'public') init.apiKey = keys[request.app][request.as];
    const body = request.body;
    if (body?.kind === 'json') init.json = body.value;
    if (body?.kind === 'raw') Object.assign(init, { body: body.bytes, type: body.type });
    if (body?.kind === 'form') {
      const form = new FormData();
      for (const [name, value] of body.fields) form.append(name, value);
      for (const file of body.files) form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
      init.body = form;
    }
    return call(`${base(request.app)}${request.path.replace(REFERRAL_ID, referralId)}`, init);
  }

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_fuzz');
    ({ platform, urls } = await embeddedPlatform({ databaseUrl: database.url }, { VIGIL_SEED_DEMO: 'false', LOG_LEVEL: 'error' }));
    await platform.start();
    pg = new Client({ connectionString: database.url });
    await pg.connect();

    const admin = await staffToken(urls.tipline, 'admin');
    const grants: Array<[ServiceName, PartnerScope, string]> = [
      ['tipline', 'industry-reports', 'fuzz-platform'],
      ['hash-detection', 'match', 'fuzz-platform'],
      ['hash-detection', 'bank-changes', 'fuzz-platform'],
      ['referral-hub', 'industry-reports', 'fuzz-platform'],
      ['referral-hub', 'referrals', POLICE_SERVICE],
    ];
    for (const [app, scope, partnerId] of grants) {
      const created = await call<{ key: string }>(`${base(app)}/api/v1/api-keys`, { method: 'POST', token: admin, json: { partnerId, partnerName: partnerId, scopes: [scope] } });
      expect(created.status).toBe(201);
      keys[app] = { ...keys[app], [scope]: created.body.key };
    }

    // A referral disseminated to the police service, so outcome payloads reach validation.
    const investigator = await staffToken(urls.referralHub, 'investigator');
    const intake = await call<{ caseId: string }>(`${urls.referralHub}/api/v1/intake/referrals`, {
      method: 'POST', token: investigator,
      json: { reference: 'FUZZ-SETUP-1', incidentType: 'csam', summary: 'Synthetic referral for the fuzz suite.', agency: { id: 'example-foreign-police', name: 'Example Police', country: 'FR' }, suspect: { emails: ['fuzz.suspect@example.org'] } },
    });
    expect(intake.status).toBe(201);
    expect((await call(`${urls.referralHub}/api/v1/cases/${intake.body.caseId}/packages`, { method: 'POST', token: investigator, json: { kind: 'package' } })).status).toBe(201);
    const sent = await call<{ id: string }>(`${urls.referralHub}/api/v1/cases/${intake.body.caseId}/disseminate`, { method: 'POST', token: investigator, json: { policeServiceId: POLICE_SERVICE, kind: 'package' } });
    expect(sent.status).toBe(201);
    referralId = sent.body.id;

    const { rows } = await pg.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [SCHEMAS],
    );
    tables = rows.filter((row) => !BOOKKEEPING.test(row.table_name)).map((row) => `"${row.table_schema}"."${row.table_name}"`);
  });

  afterAll(async () => {
    await pg?.end();
    await platform?.stop();
    await database?.drop();
  });

  it('answers every malformed request with a 4xx that names the problem, never a 5xx, and stores nothing', async () => {
    console.log(`fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED}); watching ${tables.length} tables: ${tables.join(', ')}`);
    expect(tables.length).toBeGreaterThan(5);
    const findings: string[] = [];
    const byStatus = new Map<number, number>();
    const summary: string[] = [];
    let total = 0;
    let counts = await settledCounts();

    for (const [index, group] of fuzzPlan(INCIDENT_TYPES).entries()) {
      const requests = fc.sample(group.arbitrary, { seed: SEED + index, numRuns: group.runs });
      const started = Date.now();
      const answers = await inBatches(requests, 6, async (request) => send(request).catch((error: Error) => ({ status: 0, body: undefined, text: `no answer: ${error.message}` }) as Answer));
      const classes = { '2xx': 0, '4xx': 0, '5xx': 0, other: 0 };
      answers.forEach((answer, position) => {
        const request = requests[position];
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        const statusClass = answer.status >= 200 && answer.status < 300 ? '2xx' : answer.status >= 400 && answer.status < 500 ? '4xx' : answer.status >= 500 && answer.status < 600 ? '5xx' : 'other';
        classes[statusClass]++;
        const what = `${request.endpoint} as ${request.as} (${describeBody(request)})`;
        if (statusClass === '2xx') {
          if (request.writes) findings.push(`accepted junk: ${what} answered ${answer.status} ${answer.text.slice(0, 200)}`);
          return;
        }
        const problem = rejectionProblem(answer.status, answer.body, answer.text);
        if (problem) findings.push(`${problem}: ${what} answered ${answer.status} ${answer.text.slice(0, 200)}`);
      });
      total += requests.length;
      const after = await rowCounts();
      const changed = tables.filter((table) => after[table] !== counts[table]).map((table) => `${table} ${counts[table]} → ${after[table]}`);
      if (changed.length > 0) findings.push(`${group.name}: refused requests changed rows: ${changed.join(', ')}`);
      counts = after;
      summary.push(`${group.name.padEnd(40)} ${String(requests.length).padStart(5)}  2xx ${String(classes['2xx']).padStart(4)}  4xx ${String(classes['4xx']).padStart(5)}  5xx ${String(classes['5xx']).padStart(3)}  other ${classes.other}  ${Date.now() - started} ms`);
    }

    const statuses = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ');
    console.log(`fuzz (seed ${SEED}): ${total} requests\n${summary.join('\n')}\nby status: ${statuses}`);
    const serverErrors = platform.output.split('\n').filter((line) => /"level":50|ERROR|failed/.test(line)).slice(0, 20);
    if (findings.length > 0) throw new Error(`fuzz seed ${SEED}: ${findings.length} findings\n${[...new Set(findings)].slice(0, 40).join('\n')}\n\nplatform log:\n${serverErrors.join('\n')}`);
    expect(total).toBeGreaterThanOrEqual(2000);
    expect((await call(`${urls.tipline}/health`)).status).toBe(200);
  });

  it('refuses an otherwise valid report whose text holds U+0000 with a 400 naming the field, and stores nothing (it was a 500)', async () => {
    const counts = await settledCounts();
    const cases: Array<{ url: string; init: Call; field: string }> = [
      { url: `${urls.tipline}/api/v1/reports`, init: { method: 'POST', json: { incidentType: 'online-luring', description: 'Synthetic report\u0000 with a NUL.' } }, field: 'description' },
      {
        url: `${urls.tipline}/api/v1/reports`,
        init: { method: 'POST', json: { incidentType: 'sextortion-financial', description: 'Synthetic report.', where: { usernames: [{ platform: 'Example Chat', username: 'ok' }, { platform: 'Example Chat', username: 'bad\u0000name' }] } } },
        field: 'where.usernames[1].username',
      },
      {
        url: `${urls.tipline}/api/v1/industry-reports`,
        init: { method: 'POST', apiKey: keys.tipline['industry-reports'], json: { partnerReference: 'NUL-1', incidents: [{ type: 'csam', description: 'shared in a group\u0000' }] } },
        field: 'incidents[0].description',
      },
    ];
    for (const { url, init, field } of cases) {
      const answer = await call<{ message: string[] }>(url, init);
      expect({ field, status: answer.status }).toEqual({ field, status: 400 });
      expect(answer.body.message).toEqual([`${field} must not contain the NUL character (U+0000)`]);
    }
    expect(await rowCounts()).toEqual(counts);
  });
});

function describeBody(request: FuzzRequest): string {
  const body = request.body;
  if (!body) return `no body, path ${request.path.slice(0, 120)}`;
  if (body.kind === 'json') return `JSON ${JSON.stringify(body.value)?.slice(0, 160)}`;
  if (body.kind === 'raw') return `${body.type ?? 'no type'}, ${body.bytes.length} bytes: ${JSON.stringify(body.bytes.subarray(0, 60).toString('latin1'))}`;
  return `multipart fields ${JSON.stringify(body.fields).slice(0, 80)}, files ${body.files.map((file) => `${file.field}=${file.name} ${file.type} ${file.bytes.length}B ${file.bytes.subarray(0, 12).toString('hex')}`).join('; ')}`;
}
