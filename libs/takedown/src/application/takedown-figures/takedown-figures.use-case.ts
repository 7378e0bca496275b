import { hoursToRemoval } from '../../domain/notice';
import { removalFigures, type RemovalFigures } from '../../domain/time-to-removal';
import type { ProviderRepository } from '../../ports/provider.repository';
import type { UrlRepository } from '../../ports/url.repository';

export interface ProviderFigures extends RemovalFigures {
  providerId: string;
  name: string;
  /** Listed URLs of this provider still online (reported, notice sent or reappeared). */
  stillUp: number;
}

export interface TakedownFigures {
  providers: ProviderFigures[];
  overall: RemovalFigures & { stillUp: number };
  /** Active URLs whose host has no provider registered: nobody can be sent a notice. */
  withoutProvider: number;
}

/** Time-to-removal per provider and overall: median and 90th percentile in hours. */
export class TakedownFiguresUseCase {
  constructor(private readonly urls: UrlRepository, private readonly providers: ProviderRepository) {}

  async execute(): Promise<TakedownFigures> {
    const [providers, notices, stillUp] = await Promise.all([this.providers.list(), this.urls.allNotices(), this.urls.countStillUpByProvider()]);
    const perProvider = providers.map((provider) => ({
      providerId: provider.id,
      name: provider.name,
      ...removalFigures(notices.filter((notice) => notice.providerId === provider.id).map(hoursToRemoval)),
      stillUp: stillUp.get(provider.id) ?? 0,
    }));
    const totalUp = [...stillUp.values()].reduce((sum, count) => sum + count, 0);
    return { providers: perProvider, overall: { ...removalFigures(notices.map(hoursToRemoval)), stillUp: totalUp }, withoutProvider: stillUp.get('') ?? 0 };
  }
}
