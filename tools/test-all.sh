#!/usr/bin/env bash
# Every test, in order: lint (architecture rules included), type-checked build, unit,
# integration (real Postgres and Redis), end-to-end (apps as processes, both modes, crash),
# browser (the staff UIs in Chromium).
# Ends with one line "N passed, N failed" that counts every Jest test plus lint and build.
set -u
cd "$(dirname "$0")/.."
export NX_DAEMON=false
results=$(mktemp -d)
passed=0
failed=0
status=0

step() { echo; echo "=== $1"; }

echo "Node.js $(node -v) ($(command -v node))"

step "lint"
if npm run -s lint; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

step "build"
if npm run -s build; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

# The build leaves tests out; this checks their types too (Jest's ts-jest runs isolated, unchecked).
step "type-check (tests included)"
if npx tsc -p tsconfig.json --noEmit; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

run_jest() {
  local name=$1; shift
  step "$name tests"
  npx jest --selectProjects "$name" --json --outputFile="$results/$name.json" "$@" || status=1
  if [ -f "$results/$name.json" ]; then
    read -r p f < <(node -e "const r=require('$results/$name.json'); console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)")
    passed=$((passed + p)); failed=$((failed + f))
  else
    failed=$((failed + 1))
  fi
}

run_jest unit --maxWorkers=2
run_jest integration --runInBand
run_jest e2e --runInBand
run_jest browser --runInBand

rm -rf "$results"
echo
echo "$passed passed, $failed failed"
exit $status
