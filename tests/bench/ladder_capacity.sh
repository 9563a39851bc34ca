#!/usr/bin/env bash
# Transcoding capacity: how many live streams' renditions one core makes in real time. A 1080p30
# source (x264, 5 Mb/s, a key frame a second, AAC) of SECONDS is run through nova-hls-ladder as
# fast as it goes, which then makes 720p and 480p as a live stream of that size would get them;
# streams per core = seconds of stream / CPU seconds (user + system) the ladder spent. The source
# alone (no tiers) is measured the same way: what copying costs.
#   ./tests/bench/ladder_capacity.sh [seconds] [size]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
size=${2:-1920x1080}
ladder=${NOVA_BUILD_DIR:-$root/build}/bin/nova-hls-ladder
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
id=$(cat /proc/sys/kernel/random/uuid)
ffmpeg -v error -f lavfi -i "testsrc2=size=$size:rate=30" -f lavfi -i sine=frequency=440:sample_rate=48000 \
    -t "$seconds" -c:v libx264 -preset veryfast -g 30 -b:v 5000k -maxrate 5000k -bufsize 5000k \
    -c:a aac -b:a 128k -f flv "$work/in/$id"

measure() { # NAME TIERS
    local name=$1 tiers=$2 times user system wall
    rm -rf "$work/out"
    # Read from a file, the source is far ahead of real time: nothing may be dropped for that.
    times=$( { TIMEFORMAT='%U %S %R'; time "$ladder" --input "$work/in" --output "$work/out" \
        --max-behind 600 --transcode-slots 0 --renditions "$tiers" "$id" 2>"$work/log"; } 2>&1) ||
        { cat "$work/log" >&2; exit 1; }
    read -r user system wall <<<"$times"
    python3 -c 'import json,sys; n,s,u,sy,w=sys.argv[1],float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]),float(sys.argv[5]); print(json.dumps({"case":n,"stream_seconds":s,"cpu_seconds":round(u+sy,2),"wall_seconds":w,"streams_per_core":round(s/(u+sy),2),"speed":round(s/w,2)}))' \
        "$name" "$seconds" "$user" "$system" "$wall"
}
measure "$size source + the tiers below it" "1080p:5000k,720p:3000k,480p:1500k"
measure "$size source alone (copy)" ""
