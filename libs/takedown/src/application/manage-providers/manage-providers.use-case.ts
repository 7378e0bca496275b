import { ConflictError, NotFoundError, type Clock } from '@vigil/kernel';
import { providerForHost, validateProvider, type HostingProviderProps } from '../../domain/hosting-provider';
import type { ProviderRepository } from '../../ports/provider.repository';
import type { Transactions } from '../../ports/transactions';
import { retryWhenChangedMeanwhile, type UrlRepository } from '../../ports/url.repository';
import type { IssueNoticeUseCase } from '../issue-notice/issue-notice.use-case';

export type ProviderInput = Pick<HostingProviderProps, 'name' | 'hostSuffixes' | 'contactEmail' | 'noticeWebhookUrl' | 'country'>;

/**
 * The provider registry. Registering a provider (or giving it more hosts) assigns it the
 * listed URLs that had none, and issues the notices that were waiting for it.
 */
export class ManageProvidersUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly urls: UrlRepository,
    private readonly notices: IssueNoticeUseCase,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly ids: () => string,
  ) {}

  async register(input: ProviderInput & { actor: string }): Promise<HostingProviderProps> {
    const at = this.clock.now().toISOString();
    const provider = validateProvider({ ...input, id: this.ids(), createdAt: at, updatedAt: at });
    return this.transactions.run(async () => {
      await this.providers.lockAssignment();
      await this.refuseSharedSuffixes(provider);
      await this.providers.create(provider);
      await this.assignWaitingUrls(provider, input.actor);
      return provider;
    });
  }

  async update(id: string, changes: Partial<ProviderInput> & { actor: string }): Promise<HostingProviderProps> {
    return this.transactions.run(async () => {
      await this.providers.lockAssignment();
      const current = await this.providers.findById(id);
      if (!current) throw new NotFoundError('provider', id);
      const defined = Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== undefined && key !== 'actor'));
      // An empty string clears a contact channel (validation still requires one of the two).
      const merged = { ...current, ...defined, updatedAt: this.clock.now().toISOString() } as HostingProviderProps;
      const provider = validateProvider({ ...merged, contactEmail: merged.contactEmail || undefined, noticeWebhookUrl: merged.noticeWebhookUrl || undefined });
      await this.refuseSharedSuffixes(provider);
      await this.providers.update(provider);
      await this.assignWaitingUrls(provider, changes.actor);
      return provider;
    });
  }

  private async refuseSharedSuffixes(provider: HostingProviderProps): Promise<void> {
    for (const other of await this.providers.list()) {
      if (other.id === provider.id) continue;
      const shared = other.hostSuffixes.find((suffix) => provider.hostSuffixes.includes(suffix));
      if (shared) throw new ConflictError(`hostSuffixes: ${shared} already belongs to provider "${other.name}"`, 'hostSuffixes');
    }
  }

  private async assignWaitingUrls(provider: HostingProviderProps, actor: string): Promise<void> {
    for (const waiting of await this.urls.listWithoutProvider()) {
      if (!providerForHost(waiting.props.host, [provider])) continue;
      // A removal check may save the URL meanwhile; nothing was written for it yet, so reload and redo.
      await retryWhenChangedMeanwhile(async () => {
        const url = (await this.urls.findById(waiting.id)) ?? waiting;
        url.assignProvider(provider.id);
        if (url.takedownRequested && url.isActive) {
          await this.notices.issueFor(url, actor, `notice that waited for a provider for ${url.props.host} (${provider.name} registered)`);
        } else {
          await this.urls.save(url);
        }
      });
    }
  }
}
