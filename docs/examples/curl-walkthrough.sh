#!/usr/bin/env bash
# Nova example: every endpoint of nova-server, with curl. Against the local stack:
#   source .nova/env && docs/examples/curl-walkthrough.sh
# Each step prints the request and checks the status it documents (docs/openapi.yaml); the script
# stops at the first surprise. Needs NOVA_API_URL and NOVA_ADMIN_TOKEN.
set -euo pipefail
API=${NOVA_API_URL:?source .nova/env first}
TOKEN=${NOVA_ADMIN_TOKEN:?source .nova/env first}
body=$(mktemp)
trap 'rm -f "$body"' EXIT

# step EXPECTED_STATUS DESCRIPTION curl-arguments...: one call; its body is left in $body.
step() {
    local expected=$1 what=$2
    shift 2
    local status
    status=$(curl -sS -o "$body" -w '%{http_code}' "$@")
    printf '%-4s %-58s %s\n' "$status" "$what" "$(head -c 160 "$body" | tr '\n' ' ')"
    [ "$status" = "$expected" ] || { echo "expected $expected" >&2; exit 1; }
}
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$body"; }
auth=(-H "Authorization: Bearer $TOKEN")
json=(-H "Content-Type: application/json")

echo "== health"
step 200 "GET /healthz (process up)" "$API/healthz"
step 200 "GET /readyz (PostgreSQL and Redis reachable)" "$API/readyz"
step 200 "GET /metrics (Prometheus)" "$API/metrics"

echo "== streams"
step 201 "POST /api/v1/streams (operator)" "${auth[@]}" "${json[@]}" -d '{"title":"curl walkthrough"}' "$API/api/v1/streams"
id=$(field id)
key=$(field stream_key) # a secret: used below, never printed by this script
step 401 "POST /api/v1/streams without a token" "${json[@]}" -d '{"title":"x"}' "$API/api/v1/streams"
step 400 "POST /api/v1/streams with an unknown field" "${auth[@]}" "${json[@]}" -d '{"title":"x","colour":1}' "$API/api/v1/streams"
step 200 "GET /api/v1/streams?status=pending&limit=5" "$API/api/v1/streams?status=pending&limit=5"
step 200 "GET /api/v1/streams/{id}" "$API/api/v1/streams/$id"
step 404 "GET /api/v1/streams/{unknown id}" "$API/api/v1/streams/00000000-0000-4000-8000-000000000000"
step 200 "GET /api/v1/streams/{id}/metrics?step=15s" "$API/api/v1/streams/$id/metrics?step=15s"

echo "== live events (WebSocket upgrade handshakes; a real client then reads frames)"
upgrade=(-H "Connection: Upgrade" -H "Upgrade: websocket" -H "Sec-WebSocket-Version: 13"
    -H "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" --max-time 2)
ws_step() { # EXPECTED DESCRIPTION URL [curl args]: the handshake's status line only
    local expected=$1 what=$2 url=$3 status
    shift 3
    status=$(curl -sS -o /dev/null -w '%{http_code}' "${upgrade[@]}" "$@" "$url" 2>/dev/null || true)
    printf '%-4s %s\n' "$status" "$what"
    [ "$status" = "$expected" ] || { echo "expected $expected" >&2; exit 1; }
}
ws_step 101 "GET /api/v1/streams/{id}/ws (a viewer)" "$API/api/v1/streams/$id/ws?since=0"
ws_step 101 "GET /api/v1/events/ws (an operator)" "$API/api/v1/events/ws" "${auth[@]}"
ws_step 401 "GET /api/v1/events/ws without a token" "$API/api/v1/events/ws"

echo "== ingest hooks (what nginx-rtmp sends; accepted from loopback or with the hook secret)"
hook=(-H "Content-Type: application/x-www-form-urlencoded")
[ -n "${NOVA_HOOK_SECRET:-}" ] && hook+=(-H "X-Nova-Hook-Secret: $NOVA_HOOK_SECRET")
form="app=live&addr=127.0.0.1&clientid=7&tcurl=rtmp://127.0.0.1/live"
step 403 "POST /hooks/rtmp/on_publish with a wrong key" "${hook[@]}" -d "call=publish&name=not-the-key&$form" "$API/hooks/rtmp/on_publish"
step 302 "POST /hooks/rtmp/on_publish (302, Location: the id)" "${hook[@]}" -d "call=publish&name=$key&$form" "$API/hooks/rtmp/on_publish"
step 200 "POST /hooks/rtmp/on_update (name: the key, as nginx sends it)" "${hook[@]}" -d "call=update_publish&name=$key&$form" "$API/hooks/rtmp/on_update"
step 200 "POST /hooks/rtmp/on_play" "${hook[@]}" -d "call=play&name=$id&app=playback&addr=127.0.0.1&clientid=8" "$API/hooks/rtmp/on_play"
step 200 "POST /hooks/rtmp/on_play_done" "${hook[@]}" -d "call=play_done&name=$id&app=playback&addr=127.0.0.1&clientid=8" "$API/hooks/rtmp/on_play_done"
step 200 "POST /hooks/rtmp/on_publish_done (name: the key)" "${hook[@]}" -d "call=publish_done&name=$key&$form" "$API/hooks/rtmp/on_publish_done"

echo "== ending a stream"
step 201 "POST /api/v1/streams (another)" "${auth[@]}" "${json[@]}" -d '{"title":"curl walkthrough 2"}' "$API/api/v1/streams"
second=$(field id)
step 200 "DELETE /api/v1/streams/{id} (operator)" -X DELETE "${auth[@]}" "$API/api/v1/streams/$second"
step 200 "DELETE /api/v1/streams/{id} again (already ended: as it is)" -X DELETE "${auth[@]}" "$API/api/v1/streams/$second"
step 200 "GET /api/v1/streams?status=completed&limit=2" "$API/api/v1/streams?status=completed&limit=2"
echo "done: every endpoint answered as documented"
