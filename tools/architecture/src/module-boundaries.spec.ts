import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The architecture rules are only real if a wrong import fails the lint. Each case lints a
 * probe file placed (virtually) in a project and checks which rule, if any, rejects it.
 */
const root = resolve(__dirname, '..', '..', '..');
// Jest cannot run ESLint's dynamic import() of the config file, so hand it the same config array.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require(resolve(root, 'eslint.config.js')) });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('module boundaries', () => {
  jest.setTimeout(60000);

  // The Nx rule reads Nx's cached project graph and checks nothing when there is none (as on
  // a fresh clone), so build it first, as `npm run lint` does.
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  });

  it('lets domain code import the kernel (the control case)', async () => {
    expect(await problems('libs/reports/src/domain/probe.ts', "import { newId } from '@vigil/kernel';\nexport const id = newId();\n")).toEqual([]);
  });

  it('rejects a framework import in domain code', async () => {
    const found = await problems('libs/reports/src/domain/probe.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(found.join('\n')).toMatch(/no-restricted-imports: .*Domain code is plain TypeScript/);
  });

  it('rejects infrastructure libraries in domain code', async () => {
    const found = await problems('libs/reports/src/domain/probe.ts', "import { appendToOutbox } from '@vigil/messaging';\nexport const x = appendToOutbox;\n");
    expect(found.join('\n')).toMatch(/Domain code imports nothing but @vigil\/kernel/);
  });

  it('rejects an adapter imported by a use case', async () => {
    const found = await problems(
      'libs/reports/src/application/probe.ts',
      "import { ReportEntity } from '../adapters/typeorm/report.entity';\nexport const x = ReportEntity;\n",
    );
    expect(found.join('\n')).toMatch(/Use cases depend on ports, never on adapters/);
  });

  it('rejects an app importing another app', async () => {
    const found = await problems('apps/tipline/src/probe.ts', "import { referralHubService } from '../../referral-hub/src/main';\nexport const x = referralHubService;\n");
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('rejects the kernel depending on anything else', async () => {
    const found = await problems('libs/shared/kernel/src/probe.ts', "import { envelope } from '@vigil/contracts';\nexport const x = envelope;\n");
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries: (A project tagged with "type:kernel"|Circular dependency)/);
  });

  it('rejects a bounded context depending on the Nest platform library', async () => {
    const found = await problems('libs/reports/src/adapters/probe.ts', "import { bootstrapService } from '@vigil/platform';\nexport const x = bootstrapService;\n");
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });
});
