import type { EventEnvelope } from '@vigil/contracts';
import { ConflictError } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import { DisseminationVersionConflict, type DisseminationSnapshot } from '../../domain/dissemination';
import type { PackageKind, PackageManifest } from '../../domain/investigation-package';
import type { DisseminationRepository, PackageRepository, PackageSummary, StoredPackage } from '../../ports/package.ports';

interface PackageRow {
  case_id: string;
  version: number;
  kind: PackageKind;
  json: string;
  pdf: Buffer;
  manifest: PackageManifest;
  built_at: Date;
  built_by: string;
}

export class TypeOrmPackageRepository implements PackageRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async nextVersion(caseId: string): Promise<number> {
    const rows: Array<{ next: number }> = await this.transactions.manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM "${this.schema}".case_packages WHERE case_id = $1`, [caseId]);
    return Number(rows[0].next);
  }

  async save(stored: StoredPackage): Promise<void> {
    const inserted: unknown[] = await this.transactions.manager.query(
      `INSERT INTO "${this.schema}".case_packages (case_id, version, kind, json, pdf, manifest, built_at, built_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id, version) DO NOTHING RETURNING version`,
      [stored.caseId, stored.version, stored.kind, stored.json, Buffer.from(stored.pdf), JSON.stringify(stored.manifest), stored.builtAt, stored.builtBy],
    );
    if (inserted.length === 0) throw new ConflictError(`version ${stored.version} of this case's package was built at the same time: build again`);
  }

  async find(caseId: string, version: number): Promise<StoredPackage | undefined> {
    return this.one('WHERE case_id = $1 AND version = $2', [caseId, version]);
  }

  async latest(caseId: string, kind: PackageKind): Promise<StoredPackage | undefined> {
    return this.one('WHERE case_id = $1 AND kind = $2 ORDER BY version DESC LIMIT 1', [caseId, kind]);
  }

  async list(caseId: string): Promise<PackageSummary[]> {
    const rows: Array<Omit<PackageRow, 'json' | 'pdf'>> = await this.transactions.manager.query(
      `SELECT case_id, version, kind, manifest, built_at, built_by FROM "${this.schema}".case_packages WHERE case_id = $1 ORDER BY version`,
      [caseId],
    );
    return rows.map((row) => ({ caseId: row.case_id, version: row.version, kind: row.kind, builtAt: new Date(row.built_at).toISOString(), builtBy: row.built_by, manifestSha256: row.manifest.manifestSha256 }));
  }

  private async one(where: string, params: unknown[]): Promise<StoredPackage | undefined> {
    const rows: PackageRow[] = await this.transactions.manager.query(`SELECT * FROM "${this.schema}".case_packages ${where}`, params);
    const row = rows[0];
    return row && { caseId: row.case_id, version: row.version, kind: row.kind, json: row.json, pdf: new Uint8Array(row.pdf), manifest: row.manifest, builtAt: new Date(row.built_at).toISOString(), builtBy: row.built_by };
  }
}

/** Disseminations, with their events written to the outbox in the same transaction. */
export class TypeOrmDisseminationRepository implements DisseminationRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async save(dissemination: DisseminationSnapshot, events: EventEnvelope[]): Promise<void> {
    await this.transactions.run(async (manager) => {
      // The update applies only over the version the change was based on. Under READ COMMITTED a
      // concurrent writer waits for the first one's row lock, then sees its new version and fails
      // the condition: no lost update, and this transaction (outbox included) rolls back.
      const written: Array<{ version: number }> = await manager.query(
        `INSERT INTO "${this.schema}".disseminations AS d (id, case_id, police_service_id, disseminated_at, acknowledged_at, state, version) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET acknowledged_at = EXCLUDED.acknowledged_at, state = EXCLUDED.state, version = EXCLUDED.version
         WHERE d.version = EXCLUDED.version - 1
         RETURNING d.version`,
        [dissemination.id, dissemination.caseId, dissemination.policeServiceId, dissemination.disseminatedAt, dissemination.acknowledgedAt ?? null, JSON.stringify(dissemination), dissemination.version],
      );
      if (written.length === 0) {
        const current: Array<{ version: number }> = await manager.query(`SELECT version FROM "${this.schema}".disseminations WHERE id = $1`, [dissemination.id]);
        throw new DisseminationVersionConflict(dissemination.id, current[0]?.version ?? 0, dissemination.version - 1);
      }
      await appendToOutbox(manager, this.schema, events);
    });
  }

  async findById(id: string): Promise<DisseminationSnapshot | undefined> {
    return (await this.select('WHERE id = $1', [id], 1))[0];
  }

  async listForPoliceService(policeServiceId: string, limit: number): Promise<DisseminationSnapshot[]> {
    return this.select('WHERE police_service_id = $1 ORDER BY disseminated_at DESC', [policeServiceId], limit);
  }

  async listForCase(caseId: string): Promise<DisseminationSnapshot[]> {
    return this.select('WHERE case_id = $1 ORDER BY disseminated_at', [caseId], 500);
  }

  async unacknowledgedSince(sentBefore: Date, limit: number): Promise<DisseminationSnapshot[]> {
    return this.select('WHERE acknowledged_at IS NULL AND disseminated_at < $1 ORDER BY disseminated_at', [sentBefore.toISOString()], limit);
  }

  private async select(where: string, params: unknown[], limit: number): Promise<DisseminationSnapshot[]> {
    const rows: Array<{ state: DisseminationSnapshot; version: number }> = await this.transactions.manager.query(
      `SELECT state, version FROM "${this.schema}".disseminations ${where} LIMIT ${Number(limit)}`,
      params,
    );
    // Rows written before versions existed have none in their state: the column is the authority.
    return rows.map((row) => ({ ...row.state, version: row.version }));
  }
}
