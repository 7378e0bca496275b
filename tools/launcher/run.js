#!/usr/bin/env node
// Runs the compiled platform from dist/ with the workspace's @vigil/* path aliases pointed at
// the compiled libraries. `npm start` and `npm run start:<app>` build first, then call this.
require('reflect-metadata');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: dist, paths: compilerOptions.paths });

const [mode, ...args] = process.argv.slice(2);
if (mode === 'cli') {
  require(path.join(dist, 'tools/cli/src/main.js'))
    .runCli(args)
    .then((code) => { process.exitCode = code; });
} else if (mode === 'relay-thread') {
  // A service's outbox relay, in the worker thread that ThreadedOutboxRelay starts.
  require(path.join(dist, 'tools/launcher/src/relay-thread.js')).main();
} else if (mode === 'bench') {
  const benches = { pdq: 'pdq-throughput.js', 'match-index': 'match-index.bench.js', vpdq: 'vpdq-throughput.js', 'match-api': 'match-api.bench.js', 'tipline-intake': 'tipline-intake.bench.js' };
  const file = benches[args[0]];
  if (!file) {
    console.error(`usage: node tools/launcher/run.js bench ${Object.keys(benches).join('|')}`);
    process.exit(2);
  }
  Promise.resolve(require(path.join(dist, 'tools/bench/src', file)).main(args.slice(1))).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  require(path.join(dist, 'tools/launcher/src/main.js')).main(mode, args);
}
