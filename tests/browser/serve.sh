#!/usr/bin/env bash
# Starts the server for the browser tests: a fresh SQLite database with the
# demo data, mail written to a temporary folder, on the port given.
set -euo pipefail
port="$1"
# Optional: where to write emails (the tests read sign-in links there).
# The database then lives next to it, at "$mail.db", so tests can run the
# administrators' commands (e.g. add a city office member) against it.
mail="${2:-}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${COMMONGROUND_BIN:-$root/target/debug/commonground}"
work="$(mktemp -d)"
server=""
# Stop the server with this script (Playwright and scripts/budget send TERM)
# and remove its database.
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
  [ -n "$mail" ] && rm -f "$mail.db" "$mail.db-wal" "$mail.db-shm"
}
trap cleanup EXIT
trap 'exit 0' TERM INT

if [ -n "$mail" ]; then
  rm -f "$mail.db" "$mail.db-wal" "$mail.db-shm"
  export DATABASE_URL="sqlite://$mail.db"
else
  export DATABASE_URL="sqlite://$work/browser-tests.db"
fi
export COMMONGROUND_SERVER__PORT="$port"
export COMMONGROUND_SERVER__PUBLIC_URL="http://127.0.0.1:$port"
export COMMONGROUND_SERVER__SITE_ROOT="${COMMONGROUND_SITE:-$root/target/site}"
export COMMONGROUND_MAIL__FOLDER="${mail:-$work/mail}"
[ -n "$mail" ] && rm -rf "$mail" && mkdir -p "$mail"
# Every browser test replies from 127.0.0.1, like a whole shelter on one
# network: the per-network reply limits are raised as such a place would
# (tests/integration/abuse.rs checks the limits themselves).
export COMMONGROUND_REPLY_LIMITS__PER_NETWORK="${COMMONGROUND_REPLY_LIMITS__PER_NETWORK:-5000}"
export COMMONGROUND_REPLY_LIMITS__PER_NETWORK_PER_DATE="${COMMONGROUND_REPLY_LIMITS__PER_NETWORK_PER_DATE:-500}"
export COMMONGROUND_REPLY_LIMITS__MAILS_PER_NETWORK="${COMMONGROUND_REPLY_LIMITS__MAILS_PER_NETWORK:-500}"
# Every test signs its people in from there too.
export COMMONGROUND_SIGN_IN_LIMITS__PER_NETWORK="${COMMONGROUND_SIGN_IN_LIMITS__PER_NETWORK:-5000}"
# Tests never fetch map tiles from the internet.
export COMMONGROUND_MAP__TILE_URL="${COMMONGROUND_MAP__TILE_URL:-/no-tiles/{z}/{x}/{y}.png}"
"$bin" migrate
"$bin" seed-demo
if [ -n "${COMMONGROUND_DEBUG_LOG:-}" ]; then
  # Everything at debug level into a file, which scripts/check-logs then
  # searches for personal data; only warnings and errors reach the terminal.
  COMMONGROUND_LOG__FILTER=debug "$bin" serve 2>>"$COMMONGROUND_DEBUG_LOG" &
else
  "$bin" serve &
fi
server=$!
wait "$server"
