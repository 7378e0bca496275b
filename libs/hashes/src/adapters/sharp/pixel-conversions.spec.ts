import { cmykToRgb, dropToChannels, isEveryPixelGrey, rgbToGrey, scale16To8 } from './pixel-conversions';

describe('pixel conversions', () => {
  it('converts CMYK the naive, profile-less ImageMagick way', () => {
    const cmyk = Uint8Array.from([
      0, 0, 0, 0, // no ink: white
      0, 0, 0, 255, // full black
      255, 0, 0, 0, // full cyan: no red
      205, 210, 213, 0, // the kind of value the CMYK reference image has
      100, 50, 25, 128, // ink and black combine multiplicatively
    ]);
    expect(Array.from(cmykToRgb(cmyk))).toEqual([255, 255, 255, 0, 0, 0, 0, 255, 255, 50, 45, 42, 77, 102, 115]);
  });

  it('scales 16-bit samples with rounding', () => {
    const samples = Uint16Array.from([0, 128, 129, 257, 0x1234, 65535]);
    expect(Array.from(scale16To8(new Uint8Array(samples.buffer)))).toEqual([0, 0, 1, 1, 18, 255]);
  });

  it('drops extra channels and collapses neutral RGB', () => {
    expect(Array.from(dropToChannels(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2, 4, 3))).toEqual([1, 2, 3, 5, 6, 7]);
    expect(isEveryPixelGrey(Uint8Array.from([5, 5, 5, 7, 7, 7]))).toBe(true);
    expect(isEveryPixelGrey(Uint8Array.from([5, 5, 5, 7, 7, 8]))).toBe(false);
    expect(Array.from(rgbToGrey(Uint8Array.from([5, 5, 5, 7, 7, 7])))).toEqual([5, 7]);
  });
});
