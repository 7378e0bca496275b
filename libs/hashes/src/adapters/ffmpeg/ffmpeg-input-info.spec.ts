import { lastFfmpegMessage, parseFfmpegInputInfo } from './ffmpeg-input-info';

// `ffmpeg -i` output of ffmpeg 4.1: MP4 as printed for the synthetic fixture clip, the others
// written in the same format for cases the fixtures do not produce.
const MP4 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'input':
  Metadata:
    major_brand     : isom
    encoder         : Lavf58.24.100
  Duration: 00:00:06.00, start: 0.000000, bitrate: 373 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 320x240 [SAR 1:1 DAR 4:3], 369 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)
    Metadata:
      handler_name    : VideoHandler
At least one output file must be specified
`;

const HD_WITH_COVER = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'input':
  Duration: 01:02:03.45, start: 0.000000, bitrate: 5000 kb/s
    Stream #0:0(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)
    Stream #0:1: Video: mjpeg, yuvj420p(pc, bt470bg/unknown/unknown), 600x600, 90k tbr, 90k tbn, 90k tbc (attached pic)
    Stream #0:2(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709, progressive), 1920x1080 [SAR 1:1 DAR 16:9], 4800 kb/s, 29.97 fps, 29.97 tbr, 30k tbn, 59.94 tbc (default)
`;

describe('parseFfmpegInputInfo', () => {
  it('reads duration, codec, size and frame rate of the first video stream', () => {
    expect(parseFfmpegInputInfo(MP4)).toEqual({
      durationSeconds: 6,
      video: { videoIndex: 0, codec: 'h264', width: 320, height: 240, frameRate: 25 },
    });
  });

  it('skips an attached cover picture, and reads hours and 29.97 frames/s', () => {
    expect(parseFfmpegInputInfo(HD_WITH_COVER)).toEqual({
      durationSeconds: 3723.45,
      video: { videoIndex: 1, codec: 'h264', width: 1920, height: 1080, frameRate: 29.97 },
    });
  });

  it('falls back to the base rate (tbr) and reads "k" rates and an unknown duration', () => {
    const stream = `Input #0, matroska,webm, from 'input':
  Duration: N/A, start: 0.000000, bitrate: N/A
    Stream #0:0: Video: vp8, yuv420p(progressive), 640x480, SAR 1:1 DAR 4:3, 1k tbr, 1k tbn, 1k tbc (default)
`;
    expect(parseFfmpegInputInfo(stream)).toEqual({ durationSeconds: null, video: { videoIndex: 0, codec: 'vp8', width: 640, height: 480, frameRate: 1000 } });
  });

  it('reports no video stream for audio-only input, and null when ffmpeg could not open the input', () => {
    const audio = `Input #0, ogg, from 'input':
  Duration: 00:00:03.00, start: 0.000000, bitrate: 100 kb/s
    Stream #0:0: Audio: vorbis, 44100 Hz, stereo, fltp, 112 kb/s
`;
    expect(parseFfmpegInputInfo(audio)).toEqual({ durationSeconds: 3, video: null });
    const failed = `[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1ab14b00] moov atom not found
input: Invalid data found when processing input
`;
    expect(parseFfmpegInputInfo(failed)).toBeNull();
    expect(lastFfmpegMessage(failed)).toBe('input: Invalid data found when processing input');
    expect(lastFfmpegMessage(MP4)).toBe('handler_name    : VideoHandler');
    expect(lastFfmpegMessage('')).toBe('ffmpeg gave no reason');
  });
});
