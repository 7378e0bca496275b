// vPDQ: video hashing by PDQ of sampled frames, and Meta's video match.
export * from './vpdq-feature';
export * from './vpdq-match';
export * from './vpdq-sampling';
export * from './video-container';
