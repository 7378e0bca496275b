import { envelope, VICTIM_IDENTIFIED_V1 } from '@vigil/contracts';
import { ConflictError, FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, testRecordCipher, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { AdvanceIcseUseCase, RecordIdentificationUseCase, VictimFiguresUseCase } from '../../application/victim-identification.use-cases';
import { recordIdentification, type RecordIdentification } from '../../domain/identified-victim';
import { CreateIdentifiedVictims1764000900001 } from './migrations/1764000900001-create-identified-victims';
import { SealIdentifiedVictimRecords1764310000001 } from './migrations/1764310000001-seal-identified-victim-records';
import { TypeOrmVictimRepository } from './typeorm-victim.repository';

const SCHEMA = 'referral_hub';
const reference = { isPoliceService: (id: string) => id === 'manitoba-ice', isProvince: (code: string) => ['MB', 'ON'].includes(code) };
const clock = new FixedClock(new Date('2026-11-23T12:00:00Z'));
let next = 0;
const newId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
const input = (pseudonym: string, changes: Partial<RecordIdentification> = {}) => ({
  pseudonym, ageBand: '12-14', gender: 'girl', province: 'MB', identifiedOn: '2026-11-01', identifyingAgency: 'manitoba-ice', series: ['Sunflower'], hashes: [], ...changes,
});

describe('victim-identification log (real Postgres)', () => {
  let setup: MigratedTestDatabase;
  let victims: TypeOrmVictimRepository;
  let record: RecordIdentificationUseCase;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateIdentifiedVictims1764000900001, SealIdentifiedVictimRecords1764310000001] });
    victims = new TypeOrmVictimRepository(setup.transactions, SCHEMA, testRecordCipher());
    record = new RecordIdentificationUseCase(victims, clock, newId, reference, async () => true);
  });
  afterAll(() => setup.close());

  const outbox = async (): Promise<Array<{ event_id: string; event_type: string; envelope: { payload: { victimPseudonym: string } } }>> =>
    setup.transactions.manager.query(`SELECT event_id, event_type, envelope FROM ${SCHEMA}.outbox ORDER BY seq`);

  it('stores a record and its victim.identified.v1 together, and reads it back as recorded', async () => {
    const victim = await record.execute(input('VIC-AAAAAA1'), 'victimid');
    expect(await victims.findById(victim.id)).toEqual(victim);
    const events = await outbox();
    expect(events.map((row) => [row.event_type, row.envelope.payload.victimPseudonym])).toEqual([[VICTIM_IDENTIFIED_V1, 'VIC-AAAAAA1']]);
  });

  it('writes neither the record nor the event when the transaction fails', async () => {
    const before = (await outbox()).length;
    const victim = recordIdentification({ ...input('VIC-BBBBBB2'), id: newId() }, { by: 'victimid', at: clock.now(), reference });
    // An event that cannot be stored (an id that is not a UUID) fails the insert after the record's row.
    const broken = { ...envelope(VICTIM_IDENTIFIED_V1, 'referral-hub', {}), id: 'not-a-uuid' };
    await expect(victims.add(victim, [broken])).rejects.toThrow();
    expect(await victims.findById(victim.id)).toBeUndefined();
    expect((await outbox()).length).toBe(before);
  });

  it('refuses a pseudonym already in the log', async () => {
    await expect(record.execute(input('VIC-AAAAAA1'), 'victimid')).rejects.toBeInstanceOf(ConflictError);
  });

  it('follows the ICSE submission, refusing a stale write', async () => {
    const victim = await record.execute(input('VIC-CCCCCC3'), 'victimid');
    const icse = new AdvanceIcseUseCase(victims, clock);
    await icse.execute(victim.id, 'submitted', 'victimid');
    const accepted = await icse.execute(victim.id, 'accepted', 'victimid', 'ICSE-2026-42');
    expect((await victims.findById(victim.id))?.icse).toEqual(accepted.icse);
    expect(accepted.icse.interpolReference).toBe('ICSE-2026-42');
    // A write based on the version before acceptance is refused.
    await expect(victims.update({ ...victim, version: 2 }, [])).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists newest first and counts a year for the figures', async () => {
    await record.execute(input('VIC-DDDDDD4', { identifiedOn: '2025-06-30', gender: 'boy', ageBand: '4-7' }), 'victimid');
    expect((await victims.list(10)).map((victim) => victim.pseudonym)).toEqual(['VIC-AAAAAA1', 'VIC-CCCCCC3', 'VIC-DDDDDD4']);
    const figures = new VictimFiguresUseCase(victims);
    expect((await figures.forYear(2026)).total).toBe('<5');
    expect(await victims.listForFigures(2025)).toEqual([{ ageBand: '4-7', gender: 'boy', identifiedOn: '2025-06-30' }]);
    expect(await victims.listForFigures(2026)).toHaveLength(2);
  });

  it('keeps the victim details encrypted in the table, bound to their row, and reads them back after a change', async () => {
    const victim = await record.execute(input('VIC-SEALED1', { series: ['Synthetic-Lighthouse'], hashes: [{ type: 'md5', value: 'ab'.repeat(16) }] }), 'victimid');
    const [row] = await setup.dataSource.query(`SELECT record, record_sealed, encryption FROM ${SCHEMA}.identified_victims WHERE id = $1`, [victim.id]);
    expect(row.record).toBeNull();
    expect(row.encryption).toBe('aes-256-gcm-envelope-v1');
    for (const secret of ['Synthetic-Lighthouse', 'ab'.repeat(16), 'manitoba-ice', 'victimid']) expect(row.record_sealed.includes(Buffer.from(secret))).toBe(false);
    const advanced = await new AdvanceIcseUseCase(victims, clock).execute(victim.id, 'submitted', 'victimid');
    expect(await victims.findById(victim.id)).toEqual(advanced);

    // Another row's sealed record pasted over this one does not open.
    const other = await record.execute(input('VIC-SEALED2'), 'victimid');
    await setup.dataSource.query(`UPDATE ${SCHEMA}.identified_victims SET record_sealed = $1 WHERE id = $2`, [row.record_sealed, other.id]);
    await expect(victims.findById(other.id)).rejects.toThrow(/could not be decrypted/);
    await setup.dataSource.query(`DELETE FROM ${SCHEMA}.identified_victims WHERE id = $1`, [other.id]);
  });

  it('reads a record written in clear before encryption, and seals it on its next change', async () => {
    const victim = await record.execute(input('VIC-LEGACY1'), 'victimid');
    await setup.dataSource.query(`UPDATE ${SCHEMA}.identified_victims SET record = $1, record_sealed = NULL, encryption = 'none' WHERE id = $2`, [JSON.stringify(victim), victim.id]);
    expect(await victims.findById(victim.id)).toEqual(victim);
    await new AdvanceIcseUseCase(victims, clock).execute(victim.id, 'submitted', 'victimid');
    const [row] = await setup.dataSource.query(`SELECT record, encryption FROM ${SCHEMA}.identified_victims WHERE id = $1`, [victim.id]);
    expect(row).toEqual({ record: null, encryption: 'aes-256-gcm-envelope-v1' });
  });

  it('seals every record still in clear when asked (the hub does at start), reading the same after', async () => {
    const clear = await Promise.all(['VIC-CLEAR01', 'VIC-CLEAR02', 'VIC-CLEAR03'].map((pseudonym) => record.execute(input(pseudonym), 'victimid')));
    for (const victim of clear) {
      await setup.dataSource.query(`UPDATE ${SCHEMA}.identified_victims SET record = $1, record_sealed = NULL, encryption = 'none' WHERE id = $2`, [JSON.stringify(victim), victim.id]);
    }
    expect(await victims.sealPlaintextRecords(2)).toBe(3);
    const [{ clear: left }] = await setup.dataSource.query(`SELECT count(*)::int AS clear FROM ${SCHEMA}.identified_victims WHERE encryption = 'none' OR record IS NOT NULL`);
    expect(left).toBe(0);
    for (const victim of clear) expect(await victims.findById(victim.id)).toEqual(victim);
  });
});
