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
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import stack_env  # noqa: E402


def create_stream(env, title):
    status, _, body = stack_env.http(
        "POST", env["NOVA_API_URL"] + "/api/v1/streams", json.dumps({"title": title}).encode(),
        {"Authorization": f"Bearer {env['NOVA_ADMIN_TOKEN']}", "Content-Type": "application/json"})
    if status != 201:
        sys.exit(f"cannot create a stream: {status} {body[:200]!r}")
    return json.loads(body)


def end_stream(env, stream_id):
    stack_env.http("DELETE", f"{env['NOVA_API_URL']}/api/v1/streams/{stream_id}",
                   headers={"Authorization": f"Bearer {env['NOVA_ADMIN_TOKEN']}"})


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe: NUL-terminated JSON messages on
    the browser's fds 3 (in) and 4 (out); no WebSocket client needed."""

    def __init__(self, browser):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        self.profile = tempfile.mkdtemp(prefix="nova-chromium-")

        def wire():
            # Copies first: a pipe may itself be fd 3 or 4, and dup2 onto itself keeps CLOEXEC.
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=wire, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_browser, 65536)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check_page(source, env):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        sys.exit("chromium is not installed (apt-get install chromium)")
    stream = create_stream(env, "viewer count page")
    api = env["NOVA_API_URL"]
    # One more viewer beside the page: curl holds an upgraded connection open.
    other = subprocess.Popen(
        ["curl", "-sS", "-N", "-o", "/dev/null", "--max-time", "30",
         "-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
         "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
         f"{api}/api/v1/streams/{stream['id']}/ws"])
    devtools = DevTools(browser)
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
        end_stream(env, stream["id"])
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
