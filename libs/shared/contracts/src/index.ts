import 'reflect-metadata';
export * from './envelope';
export * from './registry';
export * from './events/media-digest';
export * from './events/report-submitted.v1';
export * from './events/media-matched.v1';
export * from './events/report-escalated.v1';
