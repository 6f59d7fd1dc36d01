#!/usr/bin/env bash
# npm run bench [-- --smoke | --cases N] : build, then run the benchmark (see docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
exec node dist/bench/cli.js "$@"
