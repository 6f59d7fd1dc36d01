#!/usr/bin/env bash
# The whole test suite: unit, integration (real Postgres, Redis, SMTP, worker) and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run build --silent          # the production build (one test starts it)
npx tsc -p tsconfig.json --noEmit   # type-checks the tests too
npm run lint --silent          # eslint and prettier, the same as `npm run lint`
exec node --experimental-vm-modules node_modules/jest/bin/jest.js --ci "$@"
