import sharp from 'sharp';
import { UnsupportedImage } from '../../ports/image-decoder';
import type { PreviewOptions, RenderedPreview, ReviewPreviewRenderer } from '../../ports/review-preview-renderer';

/** The same decompression-bomb guard as intake (40 megapixels). */
const MAX_INPUT_PIXELS = 40_000_000;
/** Gaussian sigma as a share of the preview's longest side: at 400 px, sigma 16 leaves only shapes. */
const BLUR_SIGMA_PER_PIXEL = 0.04;

/**
 * Review previews with sharp: orientation applied (the reviewer sees the picture upright), first
 * frame only, shrunk to fit `maxSize`, greyscale unless colour is asked for, blurred unless it is
 * a reveal, re-encoded as a JPEG without any of the original's metadata.
 */
export class SharpPreviewRenderer implements ReviewPreviewRenderer {
  async render(content: Uint8Array, options: PreviewOptions): Promise<RenderedPreview> {
    try {
      let image = sharp(content, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
        .rotate()
        .resize(options.maxSize, options.maxSize, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#808080' });
      if (!options.colour) image = image.greyscale();
      if (options.blurred) {
        // Blur after resizing, so the strength is the same whatever the original's size.
        const resized = await image.raw().toBuffer({ resolveWithObject: true });
        const sigma = Math.max(4, BLUR_SIGMA_PER_PIXEL * Math.max(resized.info.width, resized.info.height));
        image = sharp(resized.data, { raw: { width: resized.info.width, height: resized.info.height, channels: resized.info.channels } }).blur(sigma);
      }
      // A one-channel JPEG when grey: smaller, and nothing can put colour back.
      if (!options.colour) image = image.toColourspace('b-w');
      const { data, info } = await image.jpeg({ quality: 80 }).toBuffer({ resolveWithObject: true });
      return { contentType: 'image/jpeg', content: data, width: info.width, height: info.height };
    } catch (error) {
      throw new UnsupportedImage(error instanceof Error ? error.message : String(error));
    }
  }
}
