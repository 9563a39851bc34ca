#!/usr/bin/env bash
# Fan-out benchmark: N viewers of one live stream on one nova-server, spread over several load
# processes, all connecting at once; every stream_metrics event's delivery latency and the server's
# memory per viewer.
#   ./tests/bench/ws_fanout.sh [viewers] [processes] [seconds] [settle seconds]
# NOVA_BENCH_CLIENT=qt (tests/bench/ws_load, default) or node (tests/bench/node: node's `ws`, a
# client that shares no code with Nova); NOVA_BENCH_EVENT_LOOP=epoll|qt is ws_load's dispatcher.
# The hub's own is the server's setting (tests/bench/ws_fanout_compare.sh runs both).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1091
. "$root/.nova/env"
viewers=${1:-18000}
processes=${2:-6}
seconds=${3:-20}
settle=${4:-15} # after its own storm, each load process waits this long for the others
bin="${NOVA_BUILD_DIR:-$root/build}"
work=$(mktemp -d)
broadcaster=""
cleanup() {
    [ -n "$broadcaster" ] && kill -INT "$broadcaster" 2>/dev/null && wait "$broadcaster" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

server_pid=$(cat "$NOVA_STATE_DIR/run/nova-server-1.pid")
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
client=${NOVA_BENCH_CLIENT:-qt}
client_loop=${NOVA_BENCH_EVENT_LOOP:-epoll}
if [ "$client" = node ] && [ ! -d "$root/tests/bench/node/node_modules/ws" ]; then
    (cd "$root/tests/bench/node" && npm ci --no-audit --no-fund --silent) >&2
fi

# A live stream to watch: stream_metrics every second.
"$bin/bin/nova-broadcaster" --headless --api "$NOVA_API_URL" --token "$NOVA_ADMIN_TOKEN" \
    --title "fan-out bench" --size 320x180 --bitrate 300k >"$work/broadcaster.log" 2>&1 &
broadcaster=$!
# (the log appears once the broadcaster's shell has opened it: -s until then)
until grep -qs '"event":"live"' "$work/broadcaster.log"; do
    kill -0 "$broadcaster" 2>/dev/null || { cat "$work/broadcaster.log" >&2; exit 1; }
    sleep 0.2
done
id=$(grep -o '"id":"[^"]*"' "$work/broadcaster.log" | head -n1 | cut -d'"' -f4)

before=$(rss_kb)
cpu_before=$(cpu_ticks)
per=$((viewers / processes))
hub_loop=$(grep -o 'event loop [a-z]*' "$NOVA_STATE_DIR/logs/nova-server-1.log" | tail -n1 | cut -d' ' -f3)
echo "ws_fanout: $viewers viewers of $id in $processes $client processes (client loop $client_loop, hub loop ${hub_loop:-?}), ${seconds}s" >&2
for ((p = 0; p < processes; p++)); do
    if [ "$client" = node ]; then
        (ulimit -n "$(ulimit -Hn)"; exec node "$root/tests/bench/node/ws_load.mjs" --api "$NOVA_API_URL" \
            --stream "$id" --viewers "$per" --seconds "$seconds" --settle "$settle" \
            --latencies "$work/latencies-$p") \
            >"$work/report-$p" 2>"$work/errors-$p" &
    else
        (ulimit -n "$(ulimit -Hn)"; exec env QT_NO_GLIB=1 "$bin/bench/ws_load" --api "$NOVA_API_URL" \
            --event-loop "$client_loop" --stream "$id" --viewers "$per" --seconds "$seconds" \
            --settle "$settle" --latencies "$work/latencies-$p") \
            >"$work/report-$p" 2>"$work/errors-$p" &
    fi
done
# Memory once everyone is in (the server's count of viewer sockets says so).
deadline=$((SECONDS + 120))
until [ "$(curl -fsS "$NOVA_API_URL/metrics" | awk '/websocket_connections\{kind="viewer"\}/ {print int($2)}')" -ge $((per * processes)) ] ||
    [ $SECONDS -ge $deadline ]; do sleep 1; done
during=$(rss_kb)
for ((p = 0; p < processes; p++)); do
    until [ -s "$work/report-$p" ]; do sleep 0.5; done
done

cat "$work"/report-* >&2
sort -n "$work"/latencies-* >"$work/all"
count=$(wc -l <"$work/all")
pct() { awk -v p="$1" -v n="$count" 'NR == int(p * n) + (p * n > int(p * n)) {print; exit}' "$work/all"; }
cpu_after=$(cpu_ticks)
awk -v t="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "server CPU: %.1f s for the run\n", t / hz }' >&2
awk -v b="$before" -v d="$during" -v n="$((per * processes))" \
    'BEGIN { printf "server memory: %.1f MB before, %.1f MB with %d viewers: %.1f KB per viewer\n", b/1024, d/1024, n, (d-b)/n }' >&2
echo "deliveries: $count; latency p50 $(pct 0.50) ms, p99 $(pct 0.99) ms, max $(tail -n1 "$work/all") ms" >&2
