#!/usr/bin/env python3
"""Nova example: create a stream with the REST API and publish to it with the ffmpeg CLI.

  NOVA_API_URL=http://127.0.0.1:8081 NOVA_ADMIN_TOKEN=... \\
      python3 create_and_publish.py --title "Test card" --duration 30

Prints one JSON line per step (never the stream key: it is a secret). Exits 0 once the stream went
live and the publish ended cleanly, non-zero with a message otherwise. Only the standard library
and ffmpeg are needed.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request


def api(method, url, token=None, body=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, method=method, headers=headers,
                                     data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        detail = json.load(error).get("error", {})
        sys.exit(f"{method} {url}: {error.code} {detail.get('code')}: {detail.get('message')}")


def say(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", default=os.environ.get("NOVA_API_URL", "http://127.0.0.1:8081"))
    parser.add_argument("--token", default=os.environ.get("NOVA_ADMIN_TOKEN"))
    parser.add_argument("--title", default="ffmpeg test card")
    parser.add_argument("--duration", type=int, default=30, help="seconds to publish")
    parser.add_argument("--size", default="640x360")
    args = parser.parse_args()
    if not args.token:
        sys.exit("an operator token is needed: --token or NOVA_ADMIN_TOKEN")

    created = api("POST", f"{args.api}/api/v1/streams", args.token, {"title": args.title})
    stream = f"{args.api}/api/v1/streams/{created['id']}"
    say("created", id=created["id"], status=created["status"], hls_url=created["hls_url"])

    # A test picture and tone, encoded live: H.264 with a keyframe every 2 s, AAC, over RTMP.
    ffmpeg = subprocess.Popen(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
         "-f", "lavfi", "-i", f"testsrc2=size={args.size}:rate=30",
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
         "-t", str(args.duration),
         "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
         "-g", "60", "-b:v", "1500k", "-c:a", "aac", "-b:a", "128k",
         "-f", "flv", f"{created['rtmp_url']}/{created['stream_key']}"])

    deadline = time.monotonic() + 15
    status = created["status"]
    while status != "ACTIVE" and time.monotonic() < deadline and ffmpeg.poll() is None:
        time.sleep(0.25)
        status = api("GET", stream)["status"]
    if status != "ACTIVE":
        ffmpeg.kill()
        sys.exit(f"the stream did not go live (status {status}); is the ingest running?")
    say("live", id=created["id"], status=status)

    if ffmpeg.wait() != 0:
        sys.exit(f"ffmpeg ended with status {ffmpeg.returncode}")
    # nginx-rtmp reports the publisher gone; the stream waits for it to come back (RECONNECTING)
    # until the reconnect grace runs out, or until its owner ends it, as here: at once.
    deadline = time.monotonic() + 15
    while status == "ACTIVE" and time.monotonic() < deadline:
        time.sleep(0.25)
        status = api("GET", stream)["status"]
    say("publisher_gone", id=created["id"], status=status)
    if status != "RECONNECTING":
        sys.exit(f"expected RECONNECTING once the publisher left, got {status}")
    ended = api("DELETE", stream, args.token)
    say("ended", id=created["id"], status=ended["status"],
        duration_seconds=ended.get("duration_seconds"))
    return 0 if ended["status"] == "COMPLETED" else 1

if __name__ == "__main__":
    sys.exit(main())
