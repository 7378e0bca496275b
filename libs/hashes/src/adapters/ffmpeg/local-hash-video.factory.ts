import { HashVideoUseCase } from '../../application/hash-video/hash-video.use-case';
import { nodeContentDigester } from '../node-crypto/stream-digests';
import { NodeFileSource } from '../node-fs/node-file-source';
import { FfmpegFrameSource, FfmpegFrameSourceOptions } from './ffmpeg-frame-source';

/** HashVideoUseCase wired to the local file system, node:crypto and the bundled ffmpeg (for CLIs, tools and apps). */
export function createLocalHashVideoUseCase(options: FfmpegFrameSourceOptions = {}): HashVideoUseCase {
  return new HashVideoUseCase(new NodeFileSource(), new FfmpegFrameSource(options), nodeContentDigester);
}
