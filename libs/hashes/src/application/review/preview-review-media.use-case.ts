import { NotFoundError, type Clock } from '@vigil/kernel';
import type { Viewer } from '../../domain/review/review-item';
import type { EvidenceSource, OnBehalfOf } from '../../ports/evidence-source';
import type { ReviewExposureLog } from '../../ports/review-exposure-log';
import type { ReviewItemRepository } from '../../ports/review-item.repository';
import type { RenderedPreview, ReviewPreviewRenderer } from '../../ports/review-preview-renderer';

/** Previews are small: enough to classify, nothing to linger on. */
export const PREVIEW_MAX_SIZE = 400;

/**
 * What a reviewer sees of an item's media. By default a blurred, greyscale, downscaled preview;
 * revealed (unblurred, still small, greyscale unless colour is asked for) only on demand, and
 * each reveal counts as one exposure. The original file is never passed on.
 */
export class PreviewReviewMediaUseCase {
  constructor(
    private readonly items: ReviewItemRepository,
    private readonly evidence: EvidenceSource,
    private readonly renderer: ReviewPreviewRenderer,
    private readonly exposures: ReviewExposureLog,
    private readonly clock: Clock,
  ) {}

  async preview(itemId: string, viewer: Viewer, onBehalfOf: OnBehalfOf): Promise<RenderedPreview> {
    const { mediaId } = await this.viewable(itemId, viewer);
    return this.renderer.render((await this.evidence.fetch(mediaId, onBehalfOf)).content, { blurred: true, colour: false, maxSize: PREVIEW_MAX_SIZE });
  }

  async reveal(itemId: string, viewer: Viewer, onBehalfOf: OnBehalfOf, colour: boolean): Promise<RenderedPreview> {
    const { mediaId } = await this.viewable(itemId, viewer);
    const rendered = await this.renderer.render((await this.evidence.fetch(mediaId, onBehalfOf)).content, { blurred: false, colour, maxSize: PREVIEW_MAX_SIZE });
    await this.exposures.recordReveal({ reviewer: viewer.username, itemId, mediaId, colour, at: this.clock.now().toISOString() });
    return rendered;
  }

  private async viewable(itemId: string, viewer: Viewer): Promise<{ mediaId: string }> {
    const item = await this.items.findById(itemId);
    if (!item) throw new NotFoundError('review item', itemId);
    item.assertMayView(viewer, this.clock.now());
    return { mediaId: item.snapshot().mediaId };
  }
}
