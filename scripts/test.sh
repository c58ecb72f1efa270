#!/usr/bin/env bash
# The test command of the README: every Rust test of the workspace, then the browser tests
# (end-to-end and accessibility) when their directory exists.
#
# The store's and the CLI's tests run on SQLite and on PostgreSQL: scripts/with-postgres.sh
# starts a PostgreSQL server of its own for them (initdb in a temporary directory, a Unix
# socket, no TCP) and removes it afterwards. It needs initdb and pg_ctl (Debian: the
# `postgresql` package; .ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/with-postgres.sh cargo test --workspace --locked

if [ -d e2e ]; then
  scripts/e2e.sh
  # The collection cycle end to end once more, with the demo on PostgreSQL.
  scripts/with-postgres.sh bash -c \
    'E2E_DB="$SHINCHOKU_TEST_PG" scripts/e2e.sh --test-name-pattern="collection cycle"'
fi
