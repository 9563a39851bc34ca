#!/usr/bin/env bash
# Broadcaster benchmark against the running stack (Release build from nova-stack up):
#   1. CPU of the whole headless app at 1280x720, 30 fps, 2.5 Mb/s (goal: <= 0.5 of one core);
#   2. 1920x1080 at 30 fps on one core of its own keeps real time (30 fps, nothing skipped);
#   3. time from starting to go live to the stream being ACTIVE in the API (goal: <= 1 s);
#   4. a 1920x1080 screen at 30 fps (Xvfb, moving content from ffplay) captured, scaled to
#      1280x720 and encoded (goal: <= 0.6 of one core), and the same at 1080p on one core.
# "One core" is a core of the app's own: for those runs every other process (the stack, the HLS
# ladder transcoding this very stream, the X server and player drawing the screen) is moved to
# the other cores, and put back afterwards.
# Each run also gives capture to sent (the stats' capture_to_send_ms, each second's longest of
# the pictures carrying their capture time in SEI: p99 of those <= 100 ms is the goal).
#   ./tests/bench/broadcaster.sh [seconds] [screen]   (screen: only 4)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1091
. "${NOVA_STATE_DIR:-$root/.nova}/env"
seconds=${1:-20}
app="$root/build/bin/nova-broadcaster"
[ -x "$app" ] || { echo "broadcaster: build Release first (nova-stack up)" >&2; exit 2; }
work=$(mktemp -d)
declare -A moved=() # pid -> the affinity it had
give_core_back() {
    local pid
    for pid in "${!moved[@]}"; do taskset -a -p "${moved[$pid]}" "$pid" >/dev/null 2>&1 || true; done
    moved=()
}
trap 'give_core_back; rm -rf "$work"' EXIT
keep_core_for_app() { # core: every user process is moved off it (kernel threads stay)
    local others pid mask
    others=$(seq 0 $(($(nproc --all) - 1)) | grep -vx "$1" | paste -sd,)
    for pid in $(ps -eo pid=); do
        readlink "/proc/$pid/exe" >/dev/null 2>&1 || continue
        mask=$(taskset -p "$pid" 2>/dev/null | awk '{print $NF}') || continue
        if taskset -a -p -c "$others" "$pid" >/dev/null 2>&1; then moved[$pid]=$mask; fi
    done
}

create() { # title -> "id key rtmp_url"
    curl -fsS -X POST -H "Authorization: Bearer $NOVA_ADMIN_TOKEN" -d "{\"title\":\"$1\"}" \
        "$NOVA_API_URL/api/v1/streams" | jq -r '"\(.id) \(.stream_key) \(.rtmp_url)"'
}
status() { curl -fsS "$NOVA_API_URL/api/v1/streams/$1" | jq -r .status; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in clock ticks

# 1 and 2: CPU over the steady part of a run (after 3 s of warm-up), from /proc, and the app's
# own stats lines.
measure() { # label size bitrate taskset-cpus [more arguments for the app]
    local label=$1 size=$2 bitrate=$3 cpus=$4 id key url pid t0 c0 t1 c1
    shift 4
    read -r id key url < <(create "bench $label")
    case $cpus in *,*) ;; *) keep_core_for_app "$cpus" ;; esac
    NOVA_STREAM_KEY=$key taskset -c "$cpus" "$app" --headless --rtmp-url "$url" --size "$size" \
        --fps 30 --bitrate "$bitrate" --duration "$seconds" "$@" >"$work/$label.jsonl" 2>/dev/null &
    pid=$!
    sleep 3
    t0=$(date +%s.%N); c0=$(ticks "$pid")
    sleep $((seconds - 5))
    t1=$(date +%s.%N); c1=$(ticks "$pid")
    wait "$pid"
    give_core_back
    local hz; hz=$(getconf CLK_TCK)
    local cores; cores=$(echo "($c1 - $c0) / $hz / ($t1 - $t0)" | bc -l)
    jq -s --arg name "$label" --arg cores "$cores" '
        [.[] | select(.event == "stats" and .state == "live")] as $s |
        {run: $name, cores: ($cores | tonumber * 100 | round / 100),
         fps_min: ([$s[2:][].fps] | min), fps_mean: ([$s[2:][].fps] | add / length * 10 | round / 10),
         skipped: ($s[-1].dropped_frames), network_dropped: ($s[-1].network_dropped_frames),
         kbps_mean: ([$s[2:][].bitrate_kbps] | add / length | round),
         encode_ms_mean: ([$s[2:][].encode_ms] | add / length * 100 | round / 100),
         capture_to_send_ms: ([$s[2:][] | .capture_to_send_ms // empty] | sort |
             {samples: length, p50: .[length / 2 | floor], p99: .[length * 0.99 | floor],
              max: .[-1]})}' \
        "$work/$label.jsonl"
}
screen() { # 4: an X screen of its own, with a moving picture on it
    local number=97 xvfb player
    Xvfb ":$number" -screen 0 1920x1080x24 -nolisten tcp -noreset >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 100); do [ -S "/tmp/.X11-unix/X$number" ] && break; sleep 0.05; done
    DISPLAY=":$number" SDL_VIDEODRIVER=x11 ffplay -loglevel error -an -noborder -left 0 -top 0 \
        -f lavfi -i "testsrc2=size=1920x1080:rate=30" >/dev/null 2>&1 &
    player=$!
    DISPLAY=":$number" measure screen-1080p30-to-720p 1280x720 2500k 0,1 --video screen
    DISPLAY=":$number" measure screen-1080p30-one-core 1920x1080 4500k 0 --video screen
    kill "$player" "$xvfb"
}
if [ "${2:-}" = screen ]; then
    screen
    exit 0
fi

measure 720p30-2.5M 1280x720 2500k 0,1
measure 1080p30-one-core 1920x1080 4500k 0

# 3: Go Live -> ACTIVE, five times.
for run in 1 2 3 4 5; do
    read -r id key url < <(create "bench go-live $run")
    start=$(date +%s%N)
    NOVA_STREAM_KEY=$key "$app" --headless --rtmp-url "$url" --size 1280x720 --duration 4 \
        >/dev/null 2>&1 &
    pid=$!
    until [ "$(status "$id")" = ACTIVE ]; do sleep 0.01; done
    echo "{\"run\":\"go-live-$run\",\"ms_to_active\":$((($(date +%s%N) - start) / 1000000))}"
    wait "$pid"
done
screen
