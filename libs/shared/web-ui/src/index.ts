// Public surface of the shared staff-UI library (React): what every Vigil web app reuses.
export * from './api-client';
export * from './bar-chart';
export * from './blurred-media';
export * from './data-table';
export * from './download-button';
export * from './error-notice';
export * from './hash-route';
export * from './i18n';
export * from './language-switch';
export * from './layout';
export * from './locale-keys';
export * from './single-sign-on';
export * from './staff-sign-in';
export * from './totp-secret';
export * from './use-hash-route';
export * from './use-load';
export * from './use-page-title';
