import { readVideoUploadConfig } from './video-upload.config';

const TMPFS_SHM = 'proc /proc proc rw 0 0\nshm /dev/shm tmpfs rw,nosuid,nodev 0 0\n';
const DISK_SHM = '/dev/vda1 /dev/shm ext4 rw 0 0\n';

describe('where uploaded videos are decoded from', () => {
  it('uses /dev/shm only when the mount table says it is tmpfs (memory), else refuses videos and says why', () => {
    expect(readVideoUploadConfig({}, () => TMPFS_SHM)).toMatchObject({ temporaryDirectory: '/dev/shm', maxBytes: 200 * 1024 * 1024, maxDecodeSeconds: 120 });
    const onDisk = readVideoUploadConfig({}, () => DISK_SHM);
    expect(onDisk.temporaryDirectory).toBeUndefined();
    expect(onDisk.refusal).toMatch(/video uploads are off on this server .*MATCH_VIDEO_TMPDIR/);
    const noProc = readVideoUploadConfig({}, () => {
      throw new Error('ENOENT');
    });
    expect(noProc.temporaryDirectory).toBeUndefined();
  });

  it('takes the operator’s folder and limits, and refuses malformed limits at start', () => {
    expect(readVideoUploadConfig({ MATCH_VIDEO_TMPDIR: '/run/vigil-media', MATCH_VIDEO_MAX_BYTES: '10485760' }, () => DISK_SHM)).toMatchObject({
      temporaryDirectory: '/run/vigil-media',
      maxBytes: 10485760,
    });
    expect(() => readVideoUploadConfig({ MATCH_VIDEO_MAX_BYTES: '12' })).toThrow(/MATCH_VIDEO_MAX_BYTES must be a whole number of bytes/);
  });
});
