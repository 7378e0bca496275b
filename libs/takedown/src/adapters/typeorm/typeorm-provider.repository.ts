import { ConflictError } from '@vigil/kernel';
import type { TransactionRunner } from '@vigil/persistence';
import type { HostingProviderProps } from '../../domain/hosting-provider';
import type { ProviderRepository } from '../../ports/provider.repository';

interface ProviderRow {
  id: string;
  name: string;
  host_suffixes: string[];
  contact_email: string | null;
  notice_webhook_url: string | null;
  country: string;
  created_at: Date;
  updated_at: Date;
}

export class TypeOrmProviderRepository implements ProviderRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  private get table(): string {
    return `"${this.schema}".takedown_providers`;
  }

  async create(provider: HostingProviderProps): Promise<void> {
    await this.uniqueName(provider.name, () =>
      this.transactions.manager.query(
        `INSERT INTO ${this.table} (id, name, host_suffixes, contact_email, notice_webhook_url, country, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [provider.id, provider.name, provider.hostSuffixes, provider.contactEmail ?? null, provider.noticeWebhookUrl ?? null, provider.country, provider.createdAt, provider.updatedAt],
      ),
    );
  }

  async lockAssignment(): Promise<void> {
    await this.transactions.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vigil.takedown.provider-assignment.${this.schema}`]);
  }

  async update(provider: HostingProviderProps): Promise<void> {
    await this.uniqueName(provider.name, () =>
      this.transactions.manager.query(
        `UPDATE ${this.table} SET name = $2, host_suffixes = $3, contact_email = $4, notice_webhook_url = $5, country = $6, updated_at = $7 WHERE id = $1`,
        [provider.id, provider.name, provider.hostSuffixes, provider.contactEmail ?? null, provider.noticeWebhookUrl ?? null, provider.country, provider.updatedAt],
      ),
    );
  }

  async findById(id: string): Promise<HostingProviderProps | undefined> {
    const rows: ProviderRow[] = await this.transactions.manager.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0] ? toProvider(rows[0]) : undefined;
  }

  async list(): Promise<HostingProviderProps[]> {
    const rows: ProviderRow[] = await this.transactions.manager.query(`SELECT * FROM ${this.table} ORDER BY name`);
    return rows.map(toProvider);
  }

  private async uniqueName(name: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`name: a provider named "${name}" already exists`, 'name');
      throw error;
    }
  }
}

function toProvider(row: ProviderRow): HostingProviderProps {
  return {
    id: row.id,
    name: row.name,
    hostSuffixes: row.host_suffixes,
    contactEmail: row.contact_email ?? undefined,
    noticeWebhookUrl: row.notice_webhook_url ?? undefined,
    country: row.country,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
