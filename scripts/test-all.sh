#!/usr/bin/env bash
# The whole test suite: unit, integration (real Postgres, Redis, SMTP, worker) and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run build --silent          # the production build (one test starts it)
npx tsc -p tsconfig.json --noEmit   # type-checks the tests too
npx eslint .
exec node --experimental-vm-modules node_modules/jest/bin/jest.js --ci "$@"
