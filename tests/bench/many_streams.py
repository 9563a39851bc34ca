#!/usr/bin/env python3
"""Many live streams on one ingest: STREAMS publishers of a pre-encoded 640x360 1 Mb/s stream from
one process (rtmp_publishers), on the local stack. Reports whether every stream went ACTIVE and
playable, whether each stream's HLS made its segments on time over WINDOW seconds (the newest
segment number advancing one per segment length), and the API's and the publish hook's latency
meanwhile. Ends its streams afterwards.

  ./tests/bench/many_streams.py [streams] [window seconds]    (after nova-stack up)
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEGMENT_SECONDS = float(os.environ.get("NOVA_HLS_SEGMENT_SECONDS", "2"))


def env():
    values = {}
    with open(os.path.join(ROOT, ".nova", "env"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("export "):
                name, _, value = line[7:].strip().partition("=")
                values[name] = value
    return values


def call(method, url, token=None, body=None):
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"{}")


def newest_segment(hls, stream_id):
    """The newest segment number in the source's media playlist, or None."""
    try:
        with open(os.path.join(hls, stream_id, "source", "index.m3u8"), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    sequence = next((int(l.split(":")[1]) for l in lines if l.startswith("#EXT-X-MEDIA-SEQUENCE:")), None)
    segments = sum(1 for l in lines if l and not l.startswith("#"))
    return None if sequence is None or segments == 0 else sequence + segments - 1


def cpu_seconds_by_program():
    """CPU seconds (user + system) spent so far by each program running here, by its name."""
    ticks = os.sysconf("SC_CLK_TCK")
    spent = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        spent[name] = spent.get(name, 0) + (int(fields[11]) + int(fields[12])) / ticks
    return spent


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))] if values else 0


def main():
    streams = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    window = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    e = env()
    api, token, hls = e["NOVA_API_URL"], e["NOVA_ADMIN_TOKEN"], os.path.join(e["NOVA_STATE_DIR"], "hls")
    build = e.get("NOVA_BUILD_DIR", os.path.join(ROOT, "build"))
    work = tempfile.mkdtemp()
    clip = os.path.join(work, "clip.flv")
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi",
                    "-i", "sine=frequency=440:sample_rate=48000", "-t", "10", "-c:v", "libx264", "-preset",
                    "veryfast", "-g", "60", "-b:v", "900k", "-maxrate", "900k", "-bufsize", "900k", "-c:a", "aac",
                    "-b:a", "96k", "-f", "flv", clip], check=True)
    made = [call("POST", api + "/api/v1/streams", token, {"title": "many streams bench"}) for _ in range(streams)]
    ids = [m["id"] for m in made]
    keys = os.path.join(work, "keys")
    with open(keys, "w", encoding="utf-8") as f:
        f.write("".join(m["stream_key"] + "\n" for m in made))

    lead = 30  # seconds to get every stream live and its HLS going before the window
    started = time.monotonic()
    publishers = subprocess.Popen([os.path.join(build, "bench", "rtmp_publishers"), "--file", clip, "--rtmp",
                                   e["NOVA_RTMP_URL"], "--keys", keys, "--seconds", str(lead + window + 5)],
                                  stdout=subprocess.PIPE, text=True)
    try:
        active_after = None
        while time.monotonic() - started < lead:
            listed = call("GET", api + "/api/v1/streams?status=active&limit=500", token)["streams"]
            if len([s for s in listed if s["id"] in set(ids)]) == streams:
                active_after = time.monotonic() - started
                break
            time.sleep(0.5)
        while time.monotonic() - started < lead:
            time.sleep(0.5)
        playable = sum(1 for i in ids if os.path.exists(os.path.join(hls, i, "index.m3u8")))

        # The window: segment numbers at its start and end; API reads all along.
        first = {i: newest_segment(hls, i) for i in ids}
        cpu_before = cpu_seconds_by_program()
        latencies = []
        stop = threading.Event()

        def reader():
            while not stop.is_set():
                begun = time.monotonic()
                call("GET", api + "/api/v1/streams/" + random.choice(ids))
                latencies.append((time.monotonic() - begun) * 1000)
                time.sleep(0.05)

        threads = [threading.Thread(target=reader) for _ in range(2)]
        for t in threads:
            t.start()
        load = []
        window_start = time.monotonic()
        while time.monotonic() - window_start < window:
            time.sleep(5)
            load.append(os.getloadavg()[0])
        last = {i: newest_segment(hls, i) for i in ids}
        cpu_after = cpu_seconds_by_program()
        stop.set()
        for t in threads:
            t.join()
        expected = window / SEGMENT_SECONDS
        advances = [last[i] - first[i] for i in ids if first[i] is not None and last[i] is not None]
        on_time = sum(1 for a in advances if abs(a - expected) <= 1)
        published = json.loads(publishers.communicate(timeout=lead + window + 60)[0] or "{}")
    finally:
        if publishers.poll() is None:
            publishers.kill()
        for i in ids:
            try:
                call("DELETE", api + "/api/v1/streams/" + i, token)
            except Exception:  # already ended
                pass
    print(json.dumps({
        "streams": streams,
        "all_active_after_s": round(active_after, 1) if active_after else None,
        "playable": playable,
        "window_s": window,
        "segments_expected": expected,
        "segments_min": min(advances) if advances else None,
        "segments_max": max(advances) if advances else None,
        "streams_on_time": on_time,
        "api_reads": len(latencies),
        "api_p50_ms": round(percentile(latencies, 0.5), 1),
        "api_p99_ms": round(percentile(latencies, 0.99), 1),
        "load_average_max": round(max(load), 1) if load else None,
        # Cores each program kept busy over the window (the ladders' processes together).
        "cores_used": {name: round((cpu_after[name] - cpu_before.get(name, 0)) / window, 2)
                       for name in ("nginx", "nova-hls-ladder", "nova-server", "rtmp_publishers", "postgres",
                                    "redis-server")
                       if name in cpu_after},
        "publishers": published,
    }))


if __name__ == "__main__":
    main()
