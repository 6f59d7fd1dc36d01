#!/usr/bin/env bash
# The whole test suite: unit, medium (services on real Postgres and Redis), integration (over HTTP,
# with SMTP and the worker) and browser tests, then medium, integration and browser tests once more
# with the clock on a hard day of the calendar.
# Arguments (e.g. a test file) run that part only, on the real day.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run build --silent          # the production build (one test starts it)
npx tsc -p tsconfig.json --noEmit   # type-checks the tests too
npm run lint --silent          # eslint and prettier, the same as `npm run lint`
jest() { node --experimental-vm-modules node_modules/jest/bin/jest.js --ci "$@"; }
if [ $# -gt 0 ]; then
  jest "$@"
  exit
fi
jest
# No test may depend on the day it runs (docs/testing.md): on Christmas Eve deadlines cross
# Christmas, Boxing Day, a weekend and New Year.
echo "Again with the clock on 2026-12-24 (TEST_TODAY): the medium, integration and browser tests"
TEST_TODAY=2026-12-24 jest test/medium test/api test/browser
