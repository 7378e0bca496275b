import { vpdqFrameStep, vpdqTimestamp } from './vpdq-sampling';

describe('vpdq sampling', () => {
  it('takes every trunc(secondsPerHash × frame rate)-th frame, at least every frame', () => {
    expect(vpdqFrameStep(25)).toBe(25);
    expect(vpdqFrameStep(30000 / 1001)).toBe(29); // NTSC 29.97: truncated, as vpdq's int cast
    expect(vpdqFrameStep(25, 0.5)).toBe(12);
    expect(vpdqFrameStep(0.5)).toBe(1);
  });

  it('refuses a non-positive frame rate or interval', () => {
    expect(() => vpdqFrameStep(0)).toThrow(/frame rate must be a positive number/);
    expect(() => vpdqFrameStep(25, 0)).toThrow(/secondsPerHash must be a positive number/);
  });

  it('times a frame as frame number / frame rate', () => {
    expect(vpdqTimestamp(125, 25)).toBe(5);
    expect(vpdqTimestamp(0, 30)).toBe(0);
  });
});
