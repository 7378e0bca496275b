import type { HostingProviderProps } from '../domain/hosting-provider';

export interface ProviderRepository {
  /** Refused with ConflictError when the name is taken. */
  create(provider: HostingProviderProps): Promise<void>;
  update(provider: HostingProviderProps): Promise<void>;
  findById(id: string): Promise<HostingProviderProps | undefined>;
  list(): Promise<HostingProviderProps[]>;
}

export const PROVIDER_REPOSITORY = Symbol('ProviderRepository');
