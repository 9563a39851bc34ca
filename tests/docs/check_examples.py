#!/usr/bin/env python3
"""Runs docs/examples/ against the stack, as a reader would.

  check_examples.py SOURCE_DIR page      viewer-count.html in headless Chromium, driven over the
                                         DevTools protocol (--remote-debugging-pipe): with one more
                                         viewer connected beside it, the page must show 2
  check_examples.py SOURCE_DIR publish   create_and_publish.py: a stream goes live with the ffmpeg
                                         CLI and ends COMPLETED, as the API reports
  check_examples.py SOURCE_DIR curl      curl-walkthrough.sh: every endpoint answers as documented
"""

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import stack_env  # noqa: E402
from devtools import DevTools  # noqa: E402


def check_page(source, env):
    stream = stack_env.create_stream(env, "viewer count page")
    api = env["NOVA_API_URL"]
    # One more viewer beside the page: curl holds an upgraded connection open.
    other = subprocess.Popen(
        ["curl", "-sS", "-N", "-o", "/dev/null", "--max-time", "30",
         "-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
         "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
         f"{api}/api/v1/streams/{stream['id']}/ws"])
    devtools = DevTools()
    shown = None
    try:
        page = "file://" + os.path.join(os.path.abspath(source), "docs/examples/viewer-count.html")
        target = devtools.call("Target.createTarget", url=f"{page}?api={api}&stream={stream['id']}")
        session = devtools.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            result = devtools.call("Runtime.evaluate", session,
                                   expression="document.getElementById('viewers').dataset.count",
                                   returnByValue=True)
            shown = result.get("result", {}).get("value")
            if shown == "2":
                break
            time.sleep(0.2)
    finally:
        devtools.close()
        other.kill()
        other.wait()
        stack_env.end_stream(env, stream["id"])
    if shown != "2":
        sys.exit(f"the page shows {shown!r} viewers; the page and curl are 2")
    print("ok: the page showed 2 live viewers")


def check_publish(source, env):
    script = os.path.join(source, "docs/examples/create_and_publish.py")
    result = subprocess.run([sys.executable, script, "--api", env["NOVA_API_URL"], "--duration", "4",
                             "--title", "example publish"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NOVA_ADMIN_TOKEN": env["NOVA_ADMIN_TOKEN"]})
    print(result.stdout, end="")
    if result.returncode != 0:
        sys.exit(f"create_and_publish.py failed ({result.returncode}): {result.stderr.strip()}")
    steps = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    created = next((s for s in steps if s["step"] == "created"), None)
    if not created or [s["step"] for s in steps] != ["created", "live", "publisher_gone", "ended"]:
        sys.exit(f"unexpected steps: {steps}")
    status, _, body = stack_env.http("GET", f"{env['NOVA_API_URL']}/api/v1/streams/{created['id']}")
    stream = json.loads(body)
    if status != 200 or stream["status"] != "COMPLETED" or not stream["started_at"]:
        sys.exit(f"the API does not show a stream that went live and ended: {stream}")
    for secret in ("stream_key",):
        if secret in result.stdout:
            sys.exit("the example printed the stream key")
    print("ok: the stream went live with ffmpeg and completed")


def check_curl(source, env):
    result = subprocess.run(["bash", os.path.join(source, "docs/examples/curl-walkthrough.sh")],
                            capture_output=True, text=True, timeout=60, env={**os.environ, **env})
    print(result.stdout, end="")
    if result.returncode != 0 or "done: every endpoint" not in result.stdout:
        sys.exit(f"curl-walkthrough.sh failed ({result.returncode}): {result.stderr.strip()}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source = sys.argv[1]
    env = stack_env.load(source)
    {"page": check_page, "publish": check_publish, "curl": check_curl}[sys.argv[2]](source, env)


if __name__ == "__main__":
    main()
