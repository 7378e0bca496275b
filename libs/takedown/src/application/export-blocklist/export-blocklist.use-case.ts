import type { Clock } from '@vigil/kernel';
import { blocklistText, type BlocklistEntry } from '../../domain/blocklist';
import type { UrlRepository } from '../../ports/url.repository';

/** The ISP blocklist: confirmed URLs still online (see blocklistText for the rules). */
export class ExportBlocklistUseCase {
  constructor(private readonly urls: UrlRepository, private readonly clock: Clock) {}

  entries(): Promise<BlocklistEntry[]> {
    return this.urls.blocklist();
  }

  async text(): Promise<{ text: string; count: number }> {
    const entries = await this.entries();
    return { text: blocklistText(entries, this.clock.now()), count: entries.length };
  }
}
