#!/usr/bin/env bash
# The browser tests (end-to-end and accessibility) in headless Chromium.
#
# Builds the debug binary, installs the pinned npm packages of e2e/, starts `shinchoku demo`
# (the five bundled samples in a temporary database) on a free loopback port, waits until it
# answers, runs e2e/tests/*.test.mjs with node's test runner and always stops the server.
#
# The tests get the server's URL, the binary, the demo database and the server's log (the demo
# accounts' passwords are printed there) in SHINCHOKU_URL, SHINCHOKU_BIN, SHINCHOKU_DEMO_DB and
# SHINCHOKU_DEMO_LOG.
#
# Environment: E2E_DB (the demo's database: a SQLite path or a PostgreSQL URL; default a file
# in a temporary directory), CHROMIUM (default /usr/bin/chromium), E2E_SCREENSHOTS (a directory: keep the
# screenshots the tests take; default a temporary directory that is removed). The binary is
# taken from cargo's target directory (CARGO_TARGET_DIR or build.target-dir are honoured).
# Extra arguments go to `node --test` (e.g. --test-name-pattern=axe).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { echo "== e2e: $*"; }
die() { echo "e2e: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node is required (Node.js 20 or later)"
command -v npm >/dev/null 2>&1 || die "npm is required"
chromium_bin=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium_bin" ] || die "Chromium not found at $chromium_bin (apt-get install chromium, or set CHROMIUM)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js 20 or later is required (found $(node --version))"

log "build (debug)"
cargo build --locked -p shinchoku
# Where cargo put the binary: CARGO_TARGET_DIR, a configured build.target-dir, or ./target.
target_dir=$(cargo metadata --format-version 1 --no-deps --locked |
  node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
bin="$target_dir/debug/shinchoku"
[ -x "$bin" ] || die "the built binary is not at $bin"

log "npm ci"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/shinchoku-e2e.XXXXXX")
server_pid=""
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    # Bounded wait for a graceful stop, then force it.
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$tmp/server.log" ]; then
    echo "-- server log (last 40 lines)" >&2
    tail -n 40 "$tmp/server.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The server exited before the tests ran: say so with its whole log (the cause is in it).
server_died() {
  echo "-- server log" >&2
  cat "$tmp/server.log" >&2 || true
  rm -f "$tmp/server.log" # printed already; cleanup need not print it again
  die "the demo server exited early (log above)"
}

log "start the demo server"
# Port 0: the kernel picks a free port; demo prints the address it really listens on.
demo_db=${E2E_DB:-$tmp/demo.db}
"$bin" demo --db "$demo_db" --addr 127.0.0.1:0 >"$tmp/server.log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 1 300); do # at most ~30 s
  kill -0 "$server_pid" 2>/dev/null || server_died
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/server.log" | head -n 1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || die "the demo server printed no URL within 30 s"
url=${url%/}

ready=""
for _ in $(seq 1 100); do # at most ~10 s more
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$url/"; then
    ready=1
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || server_died
  sleep 0.1
done
[ -n "$ready" ] || die "the demo server at $url did not answer within 10 s"
log "server at $url"

shots=${E2E_SCREENSHOTS:-$tmp/screenshots}
mkdir -p "$shots"

log "node --test"
cd e2e
SHINCHOKU_URL=$url CHROMIUM=$chromium_bin E2E_SCREENSHOTS=$shots \
  SHINCHOKU_BIN=$bin SHINCHOKU_DEMO_DB=$demo_db SHINCHOKU_DEMO_LOG=$tmp/server.log \
  node --test --test-concurrency=1 "$@" tests/*.test.mjs
log "passed"
