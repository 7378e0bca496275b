// Test projects: unit (*.spec.ts, no I/O), integration (*.int-spec.ts, real Postgres/Redis),
// e2e (*.e2e-spec.ts, apps over HTTP in separate processes or embedded mode), browser
// (*.browser-spec.ts, the web UIs in Chromium).
const preset = require('./jest.preset.js');
const roots = ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'];
const QUIET_LOGS = '<rootDir>/tools/test-fixtures/quiet-logs.js';
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...preset, displayName: 'unit', rootDir: __dirname, roots, testMatch: ['**/*.spec.ts'], setupFiles: [...preset.setupFiles, QUIET_LOGS] },
    { ...preset, displayName: 'integration', rootDir: __dirname, roots, testMatch: ['**/*.int-spec.ts'], setupFiles: [...preset.setupFiles, QUIET_LOGS] },
    { ...preset, displayName: 'e2e', rootDir: __dirname, roots, testMatch: ['**/*.e2e-spec.ts'] },
    // Staff UIs driven in Debian's Chromium (playwright-core) against the compiled platform.
    { ...preset, displayName: 'browser', rootDir: __dirname, roots, testMatch: ['**/*.browser-spec.ts'] },
  ],
};
