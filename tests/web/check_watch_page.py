#!/usr/bin/env python3
"""The watch page in Debian's headless Chromium, as a viewer opens it, on the real stack.

  check_watch_page.py SOURCE_DIR

Opens the stream's watch_url before it is live, then publishes to it with the broadcaster: the
page must show it pending, play it within 3 s of stream_playable, show its viewer and its
renditions, report glass-to-glass latency that agrees with the playlist's capture times within
200 ms, ride out the streamer's reconnect and say when it has ended. With NOVA_SCREENSHOT=FILE it
also saves what the page looks like while playing.
"""

import os
import signal
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import stack_env  # noqa: E402
from devtools import DevTools  # noqa: E402

STARTS_WITHIN_MS = 3000       # from stream_playable to the first picture
CLOCKS_AGREE_WITHIN_MS = 200  # SEI capture clock against EXT-X-PROGRAM-DATE-TIME


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def wait_for(what, condition, timeout):
    """The first truthy value of condition() within `timeout` seconds; fails the check if none."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            fail(f"{what} (not within {timeout} s)")
        time.sleep(0.1)


class Broadcaster:
    """nova-broadcaster --headless publishing a picture tall enough for a rendition below it."""

    def __init__(self, build, stream):
        self.process = subprocess.Popen(
            [os.path.join(build, "bin", "nova-broadcaster"), "--headless",
             "--rtmp-url", stream["rtmp_url"], "--size", "960x540", "--bitrate", "1200k"],
            env={**os.environ, "NOVA_STREAM_KEY": stream["stream_key"]},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source = sys.argv[1]
    env = stack_env.load(source)
    build = env["NOVA_BUILD_DIR"] or os.path.join(source, "build")
    stream = stack_env.create_stream(env, "Watch page")

    devtools = DevTools(["--autoplay-policy=no-user-gesture-required", "--mute-audio",
                         "--window-size=1280,860"])
    broadcasters = []
    try:
        page = devtools.open(stream["watch_url"])

        def snapshot():
            return devtools.evaluate(page, "window.novaWatch || null") or {}

        def text(element):
            return devtools.evaluate(page, f"document.getElementById('{element}').textContent")

        wait_for("the page shows the stream as pending", lambda: snapshot().get("state") == "pending",
                 10)
        if "not started" not in (text("message") or ""):
            fail(f"a pending stream's message is {text('message')!r}")

        broadcasters.append(Broadcaster(build, stream))
        shown = wait_for("the page plays the stream",
                         lambda: (lambda s: s if s.get("firstPictureAt") else None)(snapshot()), 30)
        if not shown.get("playableAt"):
            fail("the page played before stream_playable came")
        waited = shown["firstPictureAt"] - shown["playableAt"]
        print(f"stream_playable to first picture: {waited} ms (startup {shown['startupMs']} ms)")
        if waited > STARTS_WITHIN_MS:
            fail(f"the first picture came {waited} ms after stream_playable")

        wait_for("the page shows its viewer", lambda: text("viewers") == "1 watching", 10)
        qualities = devtools.evaluate(
            page, "[...document.querySelectorAll('#quality option')].map(o => o.textContent)")
        if qualities[:1] != ["Auto"] or "source" not in qualities or "480p" not in qualities:
            fail(f"the quality picker offers {qualities}")

        # Glass to glass, twice: from the SEI capture clock in the picture, and from the
        # playlist's program date-time. They must agree.
        differences, latencies = [], []
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            s = snapshot()
            if s.get("latencyMs") is not None and s.get("programDateLatencyMs") is not None:
                latencies.append(s["latencyMs"])
                differences.append(abs(s["latencyMs"] - s["programDateLatencyMs"]))
            time.sleep(0.25)
        if len(latencies) < 10:
            fail(f"the page measured its latency {len(latencies)} times in 8 s")
        agreement = statistics.median(differences)
        print(f"glass to glass: median {statistics.median(latencies):.0f} ms; "
              f"capture clock and program date-time apart by {agreement:.0f} ms (median)")
        if agreement > CLOCKS_AGREE_WITHIN_MS:
            fail(f"the capture clock and the playlist disagree by {agreement:.0f} ms")
        wait_for("the page's reports are taken",
                 lambda: snapshot().get("reportsSent", 0) >= 1 and
                 snapshot().get("lastReportStatus") == 204, 10)
        if os.environ.get("NOVA_SCREENSHOT"):
            devtools.screenshot(page, os.environ["NOVA_SCREENSHOT"])

        # The streamer's network drops, and they come back with the same key.
        broadcasters[-1].kill()
        wait_for("the page says the streamer is reconnecting",
                 lambda: snapshot().get("state") == "reconnecting", 15)
        broadcasters.append(Broadcaster(build, stream))
        wait_for("the page is live again", lambda: snapshot().get("state") == "live", 15)
        before = snapshot().get("currentTime", 0)
        wait_for("the picture moves on after the reconnect",
                 lambda: snapshot().get("playing") and snapshot().get("currentTime", 0) > before + 2,
                 20)

        # The streamer ends.
        broadcasters[-1].stop()
        stack_env.end_stream(env, stream["id"])
        wait_for("the page says the stream has ended", lambda: snapshot().get("state") == "ended",
                 10)
        if "ended" not in (text("message") or ""):
            fail(f"an ended stream's message is {text('message')!r}")
        print("ok: pending, playing, reconnecting, live again and ended, as the viewer saw it")
    finally:
        for broadcaster in broadcasters:
            broadcaster.stop()
        devtools.close()
        stack_env.end_stream(env, stream["id"])


if __name__ == "__main__":
    main()
