#!/usr/bin/env bash
# Runs a command with a PostgreSQL server of its own: initdb in a temporary directory, a Unix
# socket there, no TCP, no system service; the server is stopped and its directory removed
# when the command ends (or fails, or is interrupted).
#
#   scripts/with-postgres.sh cargo test -p shinchoku-store
#
# The command sees SHINCHOKU_TEST_PG=postgres:///postgres?host=SOCKDIR&user=postgres (the
# tests create one database per test there) and SHINCHOKU_REQUIRE_PG=1 (tests that need
# PostgreSQL fail rather than skip). When SHINCHOKU_TEST_PG is already set, that server is
# used and none is started.
#
# initdb and pg_ctl are taken from PATH, else from Debian's /usr/lib/postgresql/*/bin (the
# `postgresql` package; .ci/run installs it). initdb refuses to run as root: as root, the
# server runs as the `postgres` user.
set -euo pipefail

if [ -n "${SHINCHOKU_TEST_PG:-}" ]; then
  export SHINCHOKU_REQUIRE_PG=1
  exec "$@"
fi

pg_bin=""
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  pg_bin="$(dirname "$(command -v initdb)")"
else
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      pg_bin="$dir"
      break
    fi
  done
fi
if [ -z "$pg_bin" ]; then
  echo "with-postgres: initdb/pg_ctl not found (apt-get install postgresql)" >&2
  exit 1
fi

as_server=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root and there is no postgres user to run the server" >&2
    exit 1
  fi
  as_server=(runuser -u postgres --)
fi

# A short path: a Unix socket's path must stay under ~100 bytes.
dir="$(mktemp -d /tmp/shinchoku-pg.XXXXXX)"
chmod 700 "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
fi

# The server's programs run in its directory: the postgres user may not enter the caller's.
server() {
  (cd "$dir" && "${as_server[@]}" "$@")
}

stop() {
  server "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

server "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust \
  --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
# Tests run in parallel, each with its own pool of connections; durability is not needed.
if ! server "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -k $dir -c max_connections=400 -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
  cat "$dir/server.log" >&2 || true
  exit 1
fi
# The test user (root, or whoever runs this) reaches the socket directory.
chmod 755 "$dir"

export SHINCHOKU_TEST_PG="postgres:///postgres?host=$dir&user=postgres"
export SHINCHOKU_REQUIRE_PG=1
echo "with-postgres: PostgreSQL ($("$pg_bin/pg_ctl" --version)) at $dir" >&2
"$@"
