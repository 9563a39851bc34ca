#!/usr/bin/env bash
# Both hub event loops in one run: for each of the shards' dispatchers (qt, then epoll), restarts
# the stack's nova-server with it and runs the fan-out benchmark with the project's load tool and
# with node's `ws` as the client. Needs `nova-stack up`.
#   ./tests/bench/ws_fanout_compare.sh [viewers] [processes] [seconds] [settle seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
viewers=${1:-18000}
processes=${2:-2}
seconds=${3:-20}
settle=${4:-15}
# shellcheck disable=SC1091
. "$root/.nova/env"

restart_server() { # KIND
    local pidfile="$NOVA_STATE_DIR/run/nova-server-1.pid" pid
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    while [ -d "/proc/$pid" ]; do sleep 0.2; done
    NOVA_HUB_EVENT_LOOP=$1 "$root/deploy/local/nova-stack" up --no-build >/dev/null
}

for loop in qt epoll; do
    restart_server "$loop"
    for client in qt node; do
        echo "=== hub event loop: $loop, client: $client" >&2
        NOVA_BENCH_CLIENT=$client NOVA_BENCH_EVENT_LOOP=$loop \
            "$root/tests/bench/ws_fanout.sh" "$viewers" "$processes" "$seconds" "$settle"
    done
done
restart_server epoll
