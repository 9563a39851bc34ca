"""The local stack's settings for Python tests, found as tests/support/stack_env.cpp finds them:
the NOVA_* environment when NOVA_API_URL is set (nova-stack test), else <source>/.nova/env."""

import json
import os
import shlex
import sys
import urllib.error
import urllib.request

KEYS = ("NOVA_API_URL", "NOVA_API_URLS", "NOVA_RTMP_URL", "NOVA_HLS_URL", "NOVA_NGINX_URL",
        "NOVA_PROMETHEUS_URL", "NOVA_ADMIN_TOKEN", "NOVA_STATE_DIR", "NOVA_BUILD_DIR")


def load(source_dir):
    """Returns a dict of the stack's settings; raises SystemExit naming what is missing."""
    values = {}
    if "NOVA_API_URL" not in os.environ:
        path = os.path.join(source_dir, ".nova", "env")
        try:
            with open(path, encoding="utf-8") as env_file:
                for line in env_file:
                    line = line.strip()
                    if not line.startswith("export ") or "=" not in line:
                        continue
                    name, _, raw = line[len("export "):].partition("=")
                    parsed = shlex.split(raw)
                    values[name] = parsed[0] if parsed else ""
        except OSError:
            pass
    env = {key: os.environ.get(key, values.get(key, "")) for key in KEYS}
    if not env["NOVA_API_URL"]:
        raise SystemExit("NOVA_API_URL is not set: start the stack with ./deploy/local/nova-stack up "
                         "(or run nova-stack test)")
    if not env["NOVA_API_URLS"]:
        env["NOVA_API_URLS"] = env["NOVA_API_URL"]
    return env


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a 3xx is an answer to look at (on_publish)
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def http(method, url, body=None, headers=None, timeout=10):
    """(status, headers, body bytes) of one request; HTTP errors and redirects are answers."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def create_stream(env, title):
    """A new stream, as POST /api/v1/streams answers it (with its key); exits on anything but 201."""
    status, _, body = http(
        "POST", env["NOVA_API_URL"] + "/api/v1/streams", json.dumps({"title": title}).encode(),
        {"Authorization": f"Bearer {env['NOVA_ADMIN_TOKEN']}", "Content-Type": "application/json"})
    if status != 201:
        sys.exit(f"cannot create a stream: {status} {body[:200]!r}")
    return json.loads(body)


def end_stream(env, stream_id):
    """Ends the stream (ending an ended one changes nothing)."""
    http("DELETE", f"{env['NOVA_API_URL']}/api/v1/streams/{stream_id}",
         headers={"Authorization": f"Bearer {env['NOVA_ADMIN_TOKEN']}"})
