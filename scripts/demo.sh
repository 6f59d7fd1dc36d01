#!/usr/bin/env bash
# Quick start: installs, builds, migrates, loads demo data and starts api + worker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run build --silent
export NODE_ENV="${NODE_ENV:-development}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bow_demo}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:1025?ignoreTLS=true}"
export PORT="${PORT:-3000}"
export APP_URL="${APP_URL:-http://localhost:$PORT}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@blikopwerk.example}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-demo-admin-password}"
# The demo lets supervisors, finance and admins in without an authenticator app; production requires one
# (MFA_REQUIRED_ROLES, default supervisor,finance,admin). Set it here to try the set-up.
export MFA_REQUIRED_ROLES="${MFA_REQUIRED_ROLES-}"
node dist/scripts/dev-mailbox.js 1025 &
MAILBOX_PID=$!
trap 'kill $MAILBOX_PID 2>/dev/null || true' EXIT
node dist/scripts/create-database.js
node dist/scripts/seed-demo.js
node dist/src/main.js
