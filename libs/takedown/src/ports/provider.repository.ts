import type { HostingProviderProps } from '../domain/hosting-provider';

export interface ProviderRepository {
  /** Refused with ConflictError when the name is taken. */
  create(provider: HostingProviderProps): Promise<void>;
  update(provider: HostingProviderProps): Promise<void>;
  findById(id: string): Promise<HostingProviderProps | undefined>;
  list(): Promise<HostingProviderProps[]>;
  /**
   * Holds the provider-assignment lock until the current transaction ends. Listing a URL (which
   * reads the providers to pick its own) and registering a provider (which assigns the URLs
   * waiting for one) both take it first: otherwise each could miss the other's uncommitted row,
   * and a URL listed while its provider was being registered would wait for a provider for ever.
   */
  lockAssignment(): Promise<void>;
}

export const PROVIDER_REPOSITORY = Symbol('ProviderRepository');
