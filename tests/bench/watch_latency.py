#!/usr/bin/env python3
"""Glass to glass as a viewer sees it: the watch page in headless Chromium plays a live stream for
a while, and its own measurement (the broadcaster's capture clock in the picture) is sampled.

  watch_latency.py [--seconds 60] [--size 1280x720] [--sync N]

Needs the stack up (nova-stack up; NOVA_HLS_SEGMENT_SECONDS sets its segment length). --sync is the
page's live-sync distance in target durations (its default 1.25). Prints one JSON line: publish to
stream_playable and to the first picture, latency median/p95/max, stalls, the segment length.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import stack_env  # noqa: E402
from devtools import DevTools  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--bitrate", default="2500k")
    parser.add_argument("--sync", type=float)
    args = parser.parse_args()
    source = os.path.abspath(os.path.join(HERE, "..", ".."))
    env = stack_env.load(source)
    build = env["NOVA_BUILD_DIR"] or os.path.join(source, "build")
    stream = stack_env.create_stream(env, "latency")
    url = stream["watch_url"] + (f"?sync={args.sync}" if args.sync else "")
    devtools = DevTools(["--autoplay-policy=no-user-gesture-required", "--mute-audio"])
    page = devtools.open(url)
    published = time.time() * 1000
    broadcaster = subprocess.Popen(
        [os.path.join(build, "bin", "nova-broadcaster"), "--headless", "--rtmp-url",
         stream["rtmp_url"], "--size", args.size, "--bitrate", args.bitrate,
         "--duration", str(args.seconds + 30)],
        env={**os.environ, "NOVA_STREAM_KEY": stream["stream_key"]},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        snapshot = lambda: devtools.evaluate(page, "window.novaWatch || null") or {}  # noqa: E731
        deadline = time.monotonic() + 30
        while not snapshot().get("firstPictureAt") and time.monotonic() < deadline:
            time.sleep(0.1)
        first = snapshot()
        if not first.get("firstPictureAt"):
            sys.exit("the page never played")
        latencies, stall_times = [], []
        stalls = first.get("stalls", 0)
        begin = time.monotonic()
        end = begin + args.seconds
        while time.monotonic() < end:
            now = snapshot()
            if now.get("latencyMs") is not None:
                latencies.append(now["latencyMs"])
            if now.get("stalls", 0) > stalls:
                stall_times.append(round(time.monotonic() - begin, 1))
                stalls = now["stalls"]
            time.sleep(0.5)
        last = snapshot()
        _, _, playlist = stack_env.http(
            "GET", stream["hls_url"].replace("index.m3u8", "source/index.m3u8"))
        target = next((line.split(":")[1] for line in playlist.decode().splitlines()
                       if line.startswith("#EXT-X-TARGETDURATION")), "?")
        latencies.sort()
        print(json.dumps({
            "segment_seconds": target, "sync_targets": args.sync or 1.25, "size": args.size,
            "publish_to_playable_ms": round(first["playableAt"] - published),
            "publish_to_first_picture_ms": round(first["firstPictureAt"] - published),
            "latency_median_ms": round(statistics.median(latencies)),
            "latency_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1]),
            "latency_max_ms": round(latencies[-1]),
            "samples": len(latencies),
            "stalls": last.get("stalls"),
            "stalls_before_measuring": first.get("stalls", 0),
            "stalled_at_s": stall_times,
            "seconds": args.seconds}))
    finally:
        broadcaster.terminate()
        broadcaster.wait()
        devtools.close()
        stack_env.end_stream(env, stream["id"])


if __name__ == "__main__":
    main()
