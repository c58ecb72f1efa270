#!/usr/bin/env bash
# The test command of the README: every Rust test of the workspace, then the browser tests
# (end-to-end and accessibility) when their directory exists.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --locked

if [ -d e2e ]; then
  scripts/e2e.sh
fi
