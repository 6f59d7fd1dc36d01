#!/usr/bin/env bash
# The fault drills (test/drills, see docs/operations.md "Fault drills"): real api and worker
# processes, with workers killed and Redis, Postgres and SMTP broken on purpose.
#   npm run drills                 CI sizes (the drills are also part of `npm test`)
#   npm run drills -- --full       the full sizes of issue 7 (1,000 emails and 10 kills, 10,000
#                                  reminders, a 60 s Redis outage, 5,000 cases ...), one at a time
#   npm run drills -- 2 5          only drills 2 and 5 (9 is the worker-stall check); other
#                                  arguments go to Jest
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
paths=()
for a in "$@"; do
  if [ "$a" = "--full" ]; then
    export DRILLS_FULL=1
    args+=("--runInBand") # full-size figures are measured without another drill beside them
  elif [[ "$a" =~ ^[0-9]$ ]]; then
    paths+=("test/drills/$a-")
  else
    args+=("$a")
  fi
done
[ ${#paths[@]} -gt 0 ] || paths=("test/drills")
npm run build --silent   # the drills start dist/src/main.js
exec node --experimental-vm-modules node_modules/jest/bin/jest.js --ci ${args[@]+"${args[@]}"} "${paths[@]}"
