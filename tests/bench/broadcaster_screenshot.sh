#!/usr/bin/env bash
# The docs' picture of nova-broadcaster live on a screen capture with its mixer, against the
# running stack (nova-stack up): an X display of its own showing the operator console's picture,
# a PulseAudio of its own with a "desktop" playing a tone and a "microphone" playing pink noise,
# fresh settings (so the window picks the screen, the microphone and the desktop audio, as on a
# first start), live for 12 s, then the window saved to the PNG.
#   ./tests/bench/broadcaster_screenshot.sh [out.png]   (docs/images/broadcaster-screen-capture.png)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1091
. "${NOVA_STATE_DIR:-$root/.nova}/env"
out=${1:-$root/docs/images/broadcaster-screen-capture.png}
app="$root/build/bin/nova-broadcaster"
[ -x "$app" ] || { echo "broadcaster_screenshot: build first (nova-stack up)" >&2; exit 2; }
work=$(mktemp -d)
number=96
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    PULSE_SERVER="unix:$work/pulse/native" pulseaudio --kill 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

Xvfb ":$number" -screen 0 1920x1080x24 -nolisten tcp -noreset >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "/tmp/.X11-unix/X$number" ] && break; sleep 0.05; done
convert "$root/docs/images/console.png" -resize '1920x1080!' "$work/desktop.png"
DISPLAY=":$number" display -window root "$work/desktop.png" >/dev/null 2>&1 || true

mkdir -p "$work/pulse"
export PULSE_RUNTIME_PATH="$work/pulse" PULSE_SERVER="unix:$work/pulse/native"
pulseaudio --daemonize --exit-idle-time=-1 -n --use-pid-file \
    --load="module-native-protocol-unix socket=$work/pulse/native" 2>/dev/null
for _ in $(seq 100); do pactl info >/dev/null 2>&1 && break; sleep 0.05; done
pactl load-module module-null-sink sink_name=desk >/dev/null
pactl load-module module-null-sink sink_name=mic >/dev/null
pactl set-default-sink desk
pactl set-default-source mic.monitor
ffmpeg -v error -re -f lavfi -i "sine=frequency=440:sample_rate=48000,volume=2" -t 40 \
    -f pulse -device desk desktop >/dev/null 2>&1 &
pids+=($!)
ffmpeg -v error -re -f lavfi -i "anoisesrc=color=pink:amplitude=0.15:sample_rate=48000" -t 40 \
    -f pulse -device mic microphone >/dev/null 2>&1 &
pids+=($!)

read -r id key url < <(curl -fsS -X POST -H "Authorization: Bearer $NOVA_ADMIN_TOKEN" \
    -d '{"title":"Operator console walkthrough"}' "$NOVA_API_URL/api/v1/streams" |
    jq -r '"\(.id) \(.stream_key) \(.rtmp_url)"')
XDG_CONFIG_HOME="$work/config" NOVA_SECRET_STORE=file DISPLAY=":$number" \
    QT_QPA_PLATFORM=offscreen NOVA_STREAM_KEY=$key \
    "$app" --rtmp-url "$url" --go-live --screenshot "$out" --after 12 >/dev/null 2>&1
curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $NOVA_ADMIN_TOKEN" \
    "$NOVA_API_URL/api/v1/streams/$id"
echo "broadcaster_screenshot: $out"
