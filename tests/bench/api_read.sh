#!/usr/bin/env bash
# API read benchmark: GET /api/v1/streams/{id} from nova-server, and the same JSON from nginx with
# one worker, under the same wrk load in the same run.
#   ./tests/bench/api_read.sh [connections] [seconds]
# NOVA_BENCH_STREAM_ID=ID reads that stream instead of creating one (to compare two builds on one).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1091
. "$root/.nova/env"
connections=${1:-64}
seconds=${2:-10}
port=${NOVA_BENCH_NGINX_PORT:-8099}
command -v wrk >/dev/null || { echo "api_read: needs wrk (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
trap 'nginx -p "$work" -c "$work/nginx.conf" -s quit 2>/dev/null || true; rm -rf "$work"' EXIT

id=${NOVA_BENCH_STREAM_ID:-}
[ -n "$id" ] || id=$(curl -fsS -X POST -H "Authorization: Bearer $NOVA_ADMIN_TOKEN" -d '{"title":"read bench"}' \
    "$NOVA_API_URL/api/v1/streams" | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
url="$NOVA_API_URL/api/v1/streams/$id"
curl -fsS "$url" >"$work/stream.json"

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
daemon on;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$port;
        location = /stream.json { default_type application/json; alias $work/stream.json; }
    }
}
NGINX
mkdir -p "$work/logs"
nginx -p "$work" -c "$work/nginx.conf" -e "$work/error.log"

run() { # name url
    local out
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$2")
    local rps p99
    rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
    printf '%-12s %12s req/s   p99 %s\n' "$1" "$rps" "$p99" >&2
    echo "$rps"
}
echo "api_read: $connections connections, ${seconds}s each, GET $url" >&2
server=$(run nova-server "$url")
static=$(run nginx "http://127.0.0.1:$port/stream.json")
awk -v a="$server" -v b="$static" 'BEGIN { printf "ratio        %.2f of nginx\n", a / b }' >&2
