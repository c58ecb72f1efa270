#!/usr/bin/env bash
# The web benchmark of BENCHMARKS.md: builds release, writes the synthetic corpus
# (1,000 municipalities) into a fresh database, serves it with `shinchoku serve` on loopback,
# and runs wrk against a plan dashboard, a measure page and a 2-character search (「相談」),
# then against the same dashboard page saved to a file and served by nginx (its own config,
# on a loopback port, stopped afterwards). Prints p50/p99 latency, requests/s and the ratio
# shinchoku/nginx as a Markdown table.
#
#   scripts/bench-web.sh                  # defaults below
#   MUNICIPALITIES=200 DURATION=5s scripts/bench-web.sh
#
# Environment: MUNICIPALITIES (1000), SEED (2024), DURATION (20s), THREADS (2),
# CONNECTIONS (64), PORT (38080), NGINX_PORT (38081), SHINCHOKU_BIN (the binary to
# serve with; default the release build), PLAN (plan id of the dashboard; default:
# the plan of the 2nd municipality, a 熊谷-layout plan), GZIP=1 (also run the dashboard with
# Accept-Encoding: gzip).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MUNICIPALITIES=${MUNICIPALITIES:-1000}
SEED=${SEED:-2024}
DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-38080}
NGINX_PORT=${NGINX_PORT:-38081}
HOST=127.0.0.1
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

SHINCHOKU_BIN=${SHINCHOKU_BIN:-$TARGET/release/shinchoku}

# Both ports must be free: otherwise wrk would measure whatever server already listens there.
for p in "$PORT" "$NGINX_PORT"; do
  if (exec 3<>"/dev/tcp/$HOST/$p") 2>/dev/null; then
    echo "bench-web: $HOST:$p is already in use; set PORT / NGINX_PORT" >&2
    exit 2
  fi
done

for tool in wrk nginx curl jq; do
  command -v "$tool" >/dev/null || { echo "bench-web: $tool is not installed" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/shinchoku-bench-web.XXXXXX)
chmod 755 "$WORK" # nginx workers read the static page
SERVER_PID=""
NGINX_STARTED=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$NGINX_STARTED" ]; then nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build (release)" >&2
cargo build --release --locked -p shinchoku -p shinchoku-bench >&2

echo "== corpus: $MUNICIPALITIES municipalities into $WORK/corpus.db" >&2
"$TARGET/release/shinchoku-synth" --municipalities "$MUNICIPALITIES" --seed "$SEED" --db "$WORK/corpus.db" >&2

echo "== shinchoku serve on $HOST:$PORT" >&2
"$SHINCHOKU_BIN" serve --db "$WORK/corpus.db" --addr "$HOST:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
BASE="http://$HOST:$PORT"
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$BASE/api/plans" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS -o /dev/null "$BASE/api/plans"
kill -0 "$SERVER_PID" # the server that answers is ours

PLAN=${PLAN:-$(curl -fsS "$BASE/api/plans" | jq -r '(if type == "array" then . else .plans end) | .[1].id // .[0].id')}
MEASURE=$(curl -fsS "$BASE/api/plans/$PLAN/measures" | jq -r '(if type == "array" then . else .measures end) | .[0].key')
QUERY=$(jq -rn --arg q "相談" '$q | @uri')
DASHBOARD="$BASE/plans/$PLAN"
MEASURE_URL="$BASE/plans/$PLAN/measures/$(jq -rn --arg k "$MEASURE" '$k | @uri')"
SEARCH="$BASE/search?q=$QUERY"

echo "== nginx on $HOST:$NGINX_PORT" >&2
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs" "$WORK/nginx/tmp"
curl -fsS -o "$WORK/nginx/html/dashboard.html" "$DASHBOARD"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  types { text/html html; }
  sendfile on;
  server {
    listen $HOST:$NGINX_PORT;
    root $WORK/nginx/html;
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
NGINX_STARTED=1
STATIC="http://$HOST:$NGINX_PORT/dashboard.html"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$STATIC" 2>/dev/null && break; sleep 0.1; done
cmp <(curl -fsS "$STATIC") "$WORK/nginx/html/dashboard.html"

# "1.23ms" / "850.00us" / "1.02s" → milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}

declare -A P50 P99 RPS BYTES
run() { # name url [extra wrk args…]
  local name=$1 url=$2; shift 2
  local out="$WORK/wrk-$name.txt"
  BYTES[$name]=$(curl -fsS "$@" -o /dev/null -w '%{size_download}' "$url" 2>/dev/null || echo "?")
  echo "== wrk $name: $url" >&2
  timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$@" "$url" >"$out"
  cat "$out" >&2
  P50[$name]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  P99[$name]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  RPS[$name]=$(awk '$1 == "Requests/sec:" {printf "%.0f", $2}' "$out")
  if grep -q "Non-2xx" "$out"; then echo "bench-web: $name answered non-2xx" >&2; exit 1; fi
}

run dashboard "$DASHBOARD"
run measure "$MEASURE_URL"
run search "$SEARCH"
if [ "${GZIP:-0}" = 1 ]; then
  run dashboard_gzip "$DASHBOARD" -H "Accept-Encoding: gzip"
fi
run nginx "$STATIC"

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; $MUNICIPALITIES municipalities; $(nproc) cores"
echo
echo "| endpoint | URL | bytes | p50 (ms) | p99 (ms) | req/s | req/s vs nginx |"
echo "|---|---|---:|---:|---:|---:|---:|"
names=(dashboard measure search)
if [ "${GZIP:-0}" = 1 ]; then names+=(dashboard_gzip); fi
names+=(nginx)
for n in "${names[@]}"; do
  case $n in
    dashboard) u="/plans/$PLAN" ;;
    dashboard_gzip) u="/plans/$PLAN (gzip)" ;;
    measure) u="/plans/$PLAN/measures/$MEASURE" ;;
    search) u="/search?q=相談" ;;
    nginx) u="static copy of /plans/$PLAN (nginx)" ;;
  esac
  ratio=$(awk -v a="${RPS[$n]}" -v b="${RPS[nginx]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')
  echo "| $n | $u | ${BYTES[$n]} | ${P50[$n]} | ${P99[$n]} | ${RPS[$n]} | $ratio |"
done
echo
awk -v a="${P99[dashboard]}" -v b="${P99[nginx]}" -v r="${RPS[dashboard]}" -v s="${RPS[nginx]}" \
  'BEGIN { printf "dashboard shinchoku/nginx: p99 %.1fx, req/s %.2fx\n", a / b, r / s }'
