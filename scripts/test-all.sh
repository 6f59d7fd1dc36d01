#!/usr/bin/env bash
# The whole test suite: unit, integration (real Postgres, Redis, SMTP, worker) and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p tsconfig.json --noEmit
npx eslint .
exec node --experimental-vm-modules node_modules/jest/bin/jest.js --ci "$@"
