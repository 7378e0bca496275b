import { detectVideoContainer } from './video-container';

function bytes(...parts: Array<string | number[]>): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
}

describe('detectVideoContainer', () => {
  it('recognises ISO media (MP4, 3GP, QuickTime) by the ftyp box and its brand', () => {
    expect(detectVideoContainer(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41'))).toBe('mp4');
    expect(detectVideoContainer(bytes([0, 0, 0, 0x14], 'ftyp3gp4'))).toBe('mp4');
    expect(detectVideoContainer(bytes([0, 0, 0, 0x14], 'ftypqt  '))).toBe('mov');
    expect(detectVideoContainer(bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 8], 'mdat'))).toBe('mov');
  });

  it('treats HEIF and AVIF (ftyp with an image brand) as images, not videos', () => {
    expect(detectVideoContainer(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBeNull();
    expect(detectVideoContainer(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toBeNull();
    expect(detectVideoContainer(bytes([0, 0, 0, 0x18], 'ftypmif1'))).toBeNull();
  });

  it('tells WebM from other Matroska by the DocType', () => {
    expect(detectVideoContainer(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'))).toBe('webm');
    expect(detectVideoContainer(bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'))).toBe('matroska');
  });

  it('recognises AVI, MPEG-TS, MPEG-PS, FLV, ASF and Ogg', () => {
    expect(detectVideoContainer(bytes('RIFF', [0x10, 0, 0, 0], 'AVI LIST'))).toBe('avi');
    const ts = new Uint8Array(188 * 3);
    ts[0] = ts[188] = ts[376] = 0x47;
    expect(detectVideoContainer(ts)).toBe('mpeg-ts');
    ts[376] = 0;
    expect(detectVideoContainer(ts)).toBeNull();
    expect(detectVideoContainer(bytes([0, 0, 1, 0xba, 0x44]))).toBe('mpeg-ps');
    expect(detectVideoContainer(bytes('FLV', [1, 5]))).toBe('flv');
    expect(detectVideoContainer(bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]))).toBe('asf');
    expect(detectVideoContainer(bytes('OggS', [0]))).toBe('ogg');
  });

  it('recognises nothing else: images, WAV, WebP, playlists, text, empty input', () => {
    expect(detectVideoContainer(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(detectVideoContainer(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(detectVideoContainer(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(detectVideoContainer(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBeNull();
    expect(detectVideoContainer(bytes('#EXTM3U\n#EXT-X-VERSION:3\n'))).toBeNull();
    expect(detectVideoContainer(bytes('ffconcat version 1.0\nfile /etc/passwd\n'))).toBeNull();
    expect(detectVideoContainer(new Uint8Array(0))).toBeNull();
  });
});
