export interface PreviewOptions {
  /** Strong blur: shape and layout stay readable, detail does not. */
  blurred: boolean;
  /** Greyscale unless the reviewer asks for colour. */
  colour: boolean;
  /** Longest side in pixels; previews are never larger. */
  maxSize: number;
}

export interface RenderedPreview {
  contentType: string;
  content: Uint8Array;
  width: number;
  height: number;
}

/** Turns evidence bytes into what a reviewer is shown (never the original file). */
export interface ReviewPreviewRenderer {
  render(content: Uint8Array, options: PreviewOptions): Promise<RenderedPreview>;
}

export const REVIEW_PREVIEW_RENDERER = Symbol('ReviewPreviewRenderer');
