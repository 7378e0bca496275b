import { FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, syntheticImage, testRecordCipher, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { createHash, randomUUID } from 'node:crypto';
import { SubmitReportUseCase, type SubmittedMedia } from '../../application/submit-report/submit-report.use-case';
import { CreateEvidenceFiles1764000400000 } from './migrations/1764000400000-create-evidence-files';
import { CreateReports1763900000000 } from './migrations/1763900000000-create-reports';
import { PublicReportDetails1764001100004 } from './migrations/1764001100004-public-report-details';
import { ReportEntity } from './report.entity';
import { TypeOrmEvidenceStore } from './typeorm-evidence-store';
import { TypeOrmReportRepository } from './typeorm-report.repository';

const SCHEMA = 'tipline';

describe('TypeOrmEvidenceStore (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let evidence: TypeOrmEvidenceStore;
  let submit: SubmitReportUseCase;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, entities: [ReportEntity], migrations: [platformTablesMigration(), CreateReports1763900000000, CreateEvidenceFiles1764000400000, PublicReportDetails1764001100004] });
    evidence = new TypeOrmEvidenceStore(setup.transactions, SCHEMA, testRecordCipher());
    const identities = { newId: randomUUID, newReference: () => `VGL-EVID-${randomUUID().slice(0, 4).toUpperCase().replace(/[^0-9A-F]/g, '0')}` };
    submit = new SubmitReportUseCase(new TypeOrmReportRepository(setup.transactions, SCHEMA), new FixedClock(new Date('2026-11-23T10:00:00Z')), identities, evidence, (work) => setup.transactions.run(work));
  });
  afterAll(() => setup.close());

  async function mediaOf(bytes: Buffer, sha256 = createHash('sha256').update(bytes).digest('hex')): Promise<SubmittedMedia> {
    return { filename: 'picture.png', contentType: 'image/png', bytes: bytes.length, sha256, md5: createHash('md5').update(bytes).digest('hex'), content: bytes };
  }

  it('keeps the exact bytes of each file with its report, written with the report', async () => {
    const bytes = await syntheticImage({ pattern: 'gradient', seed: 5, width: 64, height: 48 });
    const result = await submit.execute({ source: 'public', incidentType: 'online-luring', description: 'synthetic', urls: [], media: [await mediaOf(bytes)] });
    const [row] = await setup.dataSource.query(`SELECT media -> 0 ->> 'mediaId' AS media_id FROM "${SCHEMA}".reports WHERE id = $1`, [result.id]);
    const stored = await evidence.get(row.media_id);
    expect(stored).toMatchObject({ mediaId: row.media_id, reportId: result.id, contentType: 'image/png', createdAt: result.receivedAt });
    expect(Buffer.from(stored!.content).equals(bytes)).toBe(true);
    expect(stored!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('keeps the bytes encrypted in Postgres, bound to their row, and still serves the plaintext', async () => {
    const bytes = await syntheticImage({ pattern: 'checker', seed: 9, width: 32, height: 32 });
    const result = await submit.execute({ source: 'public', incidentType: 'online-luring', description: 'synthetic', urls: [], media: [await mediaOf(bytes)] });
    const [row] = await setup.dataSource.query(`SELECT media_id, content, encryption FROM "${SCHEMA}".evidence_files WHERE report_id = $1`, [result.id]);
    expect(row.encryption).toBe('aes-256-gcm-envelope-v1');
    expect(Buffer.compare(row.content, bytes)).not.toBe(0);
    // Not even a 16-byte run of the image survives in the stored column.
    for (let at = 0; at + 16 <= bytes.length; at += 16) expect(row.content.includes(bytes.subarray(at, at + 16))).toBe(false);
    expect(Buffer.from((await evidence.get(row.media_id))!.content).equals(bytes)).toBe(true);

    // The ciphertext copied onto another evidence row does not open there.
    const other = await submit.execute({ source: 'public', incidentType: 'online-luring', description: 'synthetic', urls: [], media: [await mediaOf(await syntheticImage({ pattern: 'gradient', seed: 10, width: 16, height: 16 }))] });
    const [otherRow] = await setup.dataSource.query(`SELECT media_id FROM "${SCHEMA}".evidence_files WHERE report_id = $1`, [other.id]);
    await setup.dataSource.query(`UPDATE "${SCHEMA}".evidence_files SET content = $1 WHERE media_id = $2`, [row.content, otherRow.media_id]);
    await expect(evidence.get(otherRow.media_id)).rejects.toThrow(/could not be decrypted/);
  });

  it('still reads a file stored before encryption arrived', async () => {
    const bytes = Buffer.from('legacy synthetic bytes');
    const result = await submit.execute({ source: 'public', incidentType: 'online-luring', description: 'synthetic', urls: [], media: [await mediaOf(bytes)] });
    const [row] = await setup.dataSource.query(`SELECT media_id FROM "${SCHEMA}".evidence_files WHERE report_id = $1`, [result.id]);
    await setup.dataSource.query(`UPDATE "${SCHEMA}".evidence_files SET content = $1, encryption = 'none' WHERE media_id = $2`, [bytes, row.media_id]);
    expect(Buffer.from((await evidence.get(row.media_id))!.content).equals(bytes)).toBe(true);

    // …and seals it in place when asked (the tipline does at start), still serving the same bytes.
    expect(await evidence.sealPlaintextFiles(1)).toBe(1);
    const [sealed] = await setup.dataSource.query(`SELECT content, encryption FROM "${SCHEMA}".evidence_files WHERE media_id = $1`, [row.media_id]);
    expect(sealed.encryption).toBe('aes-256-gcm-envelope-v1');
    expect(sealed.content.includes(bytes)).toBe(false);
    expect(Buffer.from((await evidence.get(row.media_id))!.content).equals(bytes)).toBe(true);
    expect(await evidence.sealPlaintextFiles()).toBe(0);
  });

  it('rolls the report and its event back when its evidence cannot be stored', async () => {
    const count = async () => (await setup.dataSource.query(`SELECT (SELECT count(*) FROM "${SCHEMA}".reports)::int AS reports, (SELECT count(*) FROM "${SCHEMA}".outbox)::int AS outbox`))[0];
    const before = await count();
    // A digest the evidence table's check refuses: the insert fails after the report's own insert.
    const broken = await mediaOf(Buffer.from('not really an image'), 'NOT-HEX');
    await expect(submit.execute({ source: 'public', incidentType: 'csam', description: 'synthetic', urls: [], media: [broken] })).rejects.toThrow();
    expect(await count()).toEqual(before);
  });

  it('answers undefined for an unknown media id', async () => {
    expect(await evidence.get(randomUUID())).toBeUndefined();
  });
});
