"""Chromium, headless, driven over its DevTools protocol for the tests that need a browser."""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe: NUL-terminated JSON messages on
    the browser's fds 3 (in) and 4 (out); no WebSocket client needed."""

    def __init__(self, extra_arguments=()):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if not browser:
            sys.exit("chromium is not installed (apt-get install chromium)")
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
             "--remote-debugging-pipe", f"--user-data-dir={self.profile}", *extra_arguments,
             "about:blank"],
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

    def open(self, url):
        """A new tab at `url`; returns the session to evaluate in."""
        target = self.call("Target.createTarget", url=url)
        return self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]

    def evaluate(self, session, expression):
        """The value of a JavaScript expression in the tab (JSON-serialisable), None on an error."""
        result = self.call("Runtime.evaluate", session, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            return None
        return result.get("result", {}).get("value")

    def screenshot(self, session, path):
        data = self.call("Page.captureScreenshot", session, format="png")["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))
