#!/usr/bin/env node
// The registry our machines reach lacks some optional platform packages (msgpackr-extract's
// darwin/win32/arm builds). `npm install` leaves them out of package-lock.json but keeps the
// edges to them, and `npm ci` then refuses the lock. Run this after `npm install` to drop the
// edges to packages the lock does not contain. Optional dependencies only: nothing we run needs them.
const fs = require('node:fs');
const path = require('node:path');
const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
let removed = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    const nested = `${location}/node_modules/${name}`;
    if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) {
      delete entry.optionalDependencies[name];
      removed++;
    }
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`removed ${removed} unreachable optional dependency edge(s)`);
