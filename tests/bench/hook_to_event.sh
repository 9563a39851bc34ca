#!/usr/bin/env bash
# Hook → event benchmark: how long after nginx-rtmp's on_publish call reaches nova-server its
# viewers hear stream_started. Each round makes a stream, connects the viewers, sends the hook
# (as nginx would, form-encoded, from loopback) and reads every viewer's arrival time.
#   ./tests/bench/hook_to_event.sh [viewers] [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1091
. "$root/.nova/env"
viewers=${1:-1000}
rounds=${2:-10}
bin="${NOVA_BUILD_DIR:-$root/build}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

viewer_sockets() {
    curl -fsS "$NOVA_API_URL/metrics" | awk '/websocket_connections\{kind="viewer"\}/ {print int($2)}'
}

echo "hook_to_event: $viewers viewers, $rounds rounds" >&2
base=$(viewer_sockets)
for ((r = 0; r < rounds; r++)); do
    created=$(curl -fsS -X POST "$NOVA_API_URL/api/v1/streams" -H "Authorization: Bearer $NOVA_ADMIN_TOKEN" \
        -H 'Content-Type: application/json' -d "{\"title\":\"hook to event $r\"}")
    field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])" <<<"$created"; }
    id=$(field id)
    key=$(field stream_key)
    QT_NO_GLIB=1 "$bin/bench/ws_load" --api "$NOVA_API_URL" --stream "$id" --viewers "$viewers" \
        --event stream_started --seconds 4 --arrivals "$work/arrivals-$r" >"$work/report-$r" &
    load=$!
    # Everyone is in (the server's count says so) and the load tool is recording.
    deadline=$((SECONDS + 30))
    until [ "$(viewer_sockets)" -ge $((base + viewers)) ] || [ $SECONDS -ge $deadline ]; do sleep 0.1; done
    sleep 0.5
    # The send time is taken on an open connection, just before the request goes out.
    read -r sent status < <(python3 - "$NOVA_API_URL" "$NOVA_HOOK_SECRET" "$key" "$r" <<'PY'
import http.client, sys, time, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
body = urllib.parse.urlencode({"call": "publish", "app": "live", "name": sys.argv[3],
                               "addr": "127.0.0.1", "clientid": str(9000 + int(sys.argv[4]))})
connection = http.client.HTTPConnection(url.hostname, url.port)
connection.connect()
sent = time.time()
connection.request("POST", "/hooks/rtmp/on_publish", body,
                   {"Content-Type": "application/x-www-form-urlencoded",
                    "X-Nova-Hook-Secret": sys.argv[2]})
print(int(sent * 1000), connection.getresponse().status)
PY
    )
    echo "$status" >"$work/status-$r"
    wait "$load"
    awk -v sent="$sent" '{print $2 - sent}' "$work/arrivals-$r" | sort -n >"$work/round-$r"
    cat "$work/round-$r" >>"$work/all"
    curl -fsS -o /dev/null -X POST "$NOVA_API_URL/hooks/rtmp/on_publish_done" \
        -H "X-Nova-Hook-Secret: $NOVA_HOOK_SECRET" \
        --data-urlencode "call=publish_done" --data-urlencode "app=live" --data-urlencode "name=$key" \
        --data-urlencode "addr=127.0.0.1" --data-urlencode "clientid=$((9000 + r))"
    echo "round $r: hook answered $(cat "$work/status-$r"), $(wc -l <"$work/arrivals-$r") of $viewers viewers told, first after $(head -n1 "$work/round-$r") ms, last after $(tail -n1 "$work/round-$r") ms" >&2
done
sort -n "$work/all" >"$work/sorted"
count=$(wc -l <"$work/sorted")
pct() { awk -v p="$1" -v n="$count" 'NR == int(p * n) + (p * n > int(p * n)) {print; exit}' "$work/sorted"; }
echo "arrivals: $count of $((viewers * rounds)); hook → event p50 $(pct 0.50) ms, p99 $(pct 0.99) ms, max $(tail -n1 "$work/sorted") ms" >&2
