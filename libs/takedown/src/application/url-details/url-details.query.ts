import { NotFoundError } from '@vigil/kernel';
import type { HostingProviderProps } from '../../domain/hosting-provider';
import { hoursToRemoval, type NoticeProps } from '../../domain/notice';
import type { TrackedUrlProps } from '../../domain/tracked-url';
import type { ProviderRepository } from '../../ports/provider.repository';
import type { NoticeAttempt, UrlListFilter, UrlRepository } from '../../ports/url.repository';

export interface UrlDetails extends TrackedUrlProps {
  provider?: HostingProviderProps;
  notices: Array<NoticeProps & { hoursToRemoval?: number; attemptLog: NoticeAttempt[] }>;
}

/** Reads for the API: the list, and one URL with its provider, history and notices. */
export class UrlDetailsQuery {
  constructor(private readonly urls: UrlRepository, private readonly providers: ProviderRepository) {}

  async list(filter: UrlListFilter): Promise<TrackedUrlProps[]> {
    return (await this.urls.list(filter)).map((url) => url.props);
  }

  async details(id: string): Promise<UrlDetails> {
    const url = await this.urls.findById(id);
    if (!url) throw new NotFoundError('URL', id);
    const notices = await this.urls.noticesOf(id);
    const provider = url.props.providerId ? await this.providers.findById(url.props.providerId) : undefined;
    return {
      ...url.props,
      provider,
      notices: await Promise.all(notices.map(async (notice) => ({ ...notice, hoursToRemoval: hoursToRemoval(notice), attemptLog: await this.urls.attemptsOf(notice.id) }))),
    };
  }
}
