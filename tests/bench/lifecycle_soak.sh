#!/usr/bin/env bash
# Memory soak: tens of thousands of stream lifecycles against nova-server on the local stack, and
# its resident memory after each round. Each lifecycle is nginx-rtmp's publish then publish_done
# (hook_pairs); the server then completes the stream once the reconnect grace runs out, announces
# stream_started, stream_interrupted and stream_ended, and forgets it two minutes after the end.
# Goal: no growth once the bounded caches are full (the slope the last line reports, from round
# `from` on: by then the caches should have filled; the key index alone takes 100,000 streams).
#   ./tests/bench/lifecycle_soak.sh [rounds] [seconds per round] [connections] [from]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1091
. "$root/.nova/env"
rounds=${1:-10}
seconds=${2:-30}
connections=${3:-16}
from=${4:-3}
bench=${NOVA_BUILD_DIR:-$root/build}/bench/hook_pairs
pid=$(head -n1 "$NOVA_STATE_DIR/run/nova-server-1.pid")
keys=$(mktemp)
# shellcheck source=bench_streams.sh
. "$root/tests/bench/bench_streams.sh"
trap 'rm -f "$keys"; drop_bench_streams soak' EXIT

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }

ended=0
first_rss="" first_ended=""
echo "{\"round\":0,\"ended\":0,\"rss_kb\":$(rss_kb)}"
for ((round = 1; round <= rounds; round++)); do
    make_bench_streams soak $((seconds * 3000)) >"$keys"
    result=$(QT_NO_GLIB=1 "$bench" --api "$NOVA_API_URL" --keys "$keys" --connections "$connections" \
        --seconds "$seconds")
    pairs=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pairs"])' "$result")
    ended=$((ended + pairs))
    rss=$(rss_kb)
    echo "{\"round\":$round,\"ended\":$ended,\"rss_kb\":$rss,\"hooks\":$result}"
    if [ "$round" -eq "$from" ]; then first_rss=$rss first_ended=$ended; fi
done
if [ -n "$first_rss" ] && [ "$ended" -gt "$first_ended" ]; then
    python3 -c 'import sys; f,r0,e0,r1,e1=map(int,sys.argv[1:]); print("{\"from_round\":%d,\"bytes_per_ended_stream\":%.1f,\"rss_growth_kb\":%d,\"ended_since\":%d}" % (f, (r1-r0)*1024/(e1-e0), r1-r0, e1-e0))' \
        "$from" "$first_rss" "$first_ended" "$(rss_kb)" "$ended"
fi
