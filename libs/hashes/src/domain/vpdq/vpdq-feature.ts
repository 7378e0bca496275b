import { ValidationError } from '@vigil/kernel';
import { PdqHash } from '../pdq/pdq-hash';

/**
 * One hashed frame of a video, as Meta's vPDQ defines it: the PDQ hash and quality of the frame,
 * its index among the decoded frames and its time in the video.
 */
export interface VpdqFeature {
  /** 0-based index of the frame among every decoded frame (not only the sampled ones). */
  readonly frameNumber: number;
  /** frameNumber / frame rate, as vpdq computes it. */
  readonly timestampSeconds: number;
  readonly pdq: PdqHash;
  /** PDQ quality, 0..100; frames under the match threshold (50) are ignored when matching. */
  readonly quality: number;
}

/** The JSON shape of a feature (what APIs, files and the CLI carry). */
export interface VpdqFeatureJson {
  readonly frameNumber: number;
  readonly timestampSeconds: number;
  readonly pdq: string;
  readonly quality: number;
}

/** A feature whose fields are out of range; the message names the field. */
export class InvalidVpdqFeature extends ValidationError {
  constructor(message: string, field: string) {
    super(`invalid vPDQ feature: ${message}`, field);
  }
}

/** Validates and builds a feature; the PDQ hash may come as a PdqHash or as hex. */
export function createVpdqFeature(props: {
  readonly frameNumber: number;
  readonly timestampSeconds: number;
  readonly pdq: PdqHash | string;
  readonly quality: number;
}): VpdqFeature {
  const { frameNumber, timestampSeconds, quality } = props;
  if (!Number.isSafeInteger(frameNumber) || frameNumber < 0) {
    throw new InvalidVpdqFeature(`frameNumber must be a non-negative integer, got ${String(frameNumber)}`, 'frameNumber');
  }
  if (typeof timestampSeconds !== 'number' || !Number.isFinite(timestampSeconds) || timestampSeconds < 0) {
    throw new InvalidVpdqFeature(`timestampSeconds must be a non-negative number, got ${String(timestampSeconds)}`, 'timestampSeconds');
  }
  if (!Number.isInteger(quality) || quality < 0 || quality > 100) {
    throw new InvalidVpdqFeature(`quality must be an integer from 0 to 100, got ${String(quality)}`, 'quality');
  }
  const pdq = typeof props.pdq === 'string' ? PdqHash.fromHex(props.pdq) : props.pdq;
  return { frameNumber, timestampSeconds, pdq, quality };
}

export function vpdqFeatureToJson(feature: VpdqFeature): VpdqFeatureJson {
  return {
    frameNumber: feature.frameNumber,
    timestampSeconds: feature.timestampSeconds,
    pdq: feature.pdq.toHex(),
    quality: feature.quality,
  };
}

export function vpdqFeatureFromJson(json: VpdqFeatureJson): VpdqFeature {
  return createVpdqFeature(json);
}

/**
 * ThreatExchange's compact vPDQ signal (python-threatexchange `VpdqCompactFeature`): one
 * `"<pdq hex>,<quality>,<timestamp>"` string per frame, the form vPDQ hashes are exchanged in
 * (e.g. with Hasher-Matcher-Actioner). It carries no frame number; parsing numbers the frames
 * by their position in the list.
 */
export function formatVpdqCompact(feature: VpdqFeature): string {
  return `${feature.pdq.toHex()},${feature.quality},${feature.timestampSeconds.toFixed(3)}`;
}

export function parseVpdqCompact(compact: string, position: number): VpdqFeature {
  const parts = typeof compact === 'string' ? compact.split(',') : [];
  if (parts.length !== 3) {
    throw new InvalidVpdqFeature(`expected "<pdq hex>,<quality>,<timestamp>", got ${JSON.stringify(compact)}`, 'vpdq');
  }
  const [hex, quality, timestamp] = parts;
  if (!/^\d+$/.test(quality)) throw new InvalidVpdqFeature(`quality must be an integer, got ${JSON.stringify(quality)}`, 'quality');
  if (!/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(timestamp)) {
    throw new InvalidVpdqFeature(`timestamp must be a non-negative number, got ${JSON.stringify(timestamp)}`, 'timestampSeconds');
  }
  return createVpdqFeature({ frameNumber: position, timestampSeconds: Number(timestamp), pdq: hex, quality: Number(quality) });
}
