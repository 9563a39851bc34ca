#!/usr/bin/env python3
"""Checks deploy/monitoring/ against the server and, with --live, against the running stack.

  check_monitoring.py SOURCE_DIR          the alert rules, their promtool tests, the Grafana
                                          dashboard and docs/MONITORING.md agree with each other
                                          and name only metrics nova-server defines
  check_monitoring.py SOURCE_DIR --live   the stack's Prometheus has loaded every alert, every
                                          rule and panel expression evaluates there, and every
                                          metric they name is on each replica's /metrics
"""

import json
import os
import re
import sys
import urllib.parse

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import stack_env  # noqa: E402
from check_report import fail, finish, read  # noqa: E402

PANELS = ("Active streams", "Concurrent viewers", "Quality distribution", "Error rate",
          "Latency percentiles")
SUFFIXES = {"histogram": ("_bucket", "_sum", "_count"), "counter": ("",), "gauge": ("",)}
METRIC_TOKEN = re.compile(r"\bnova_[a-z0-9_]+\b")


def server_series(source):
    """Every series name nova-server can export, from the registrations in server/metrics."""
    text = read(source, "server/metrics/metrics.cpp")
    names = set()
    for kind, name in re.findall(r'Build(Gauge|Counter|Histogram)\(\)\s*\.Name\("([^"]+)"\)', text):
        for suffix in SUFFIXES[kind.lower()]:
            names.add(name + suffix)
    return names


def labelled_on_use(source):
    """Families registered without a child (labels added on first use, e.g. a rendition's first
    segment): Prometheus's client leaves them out of /metrics until then."""
    text = read(source, "server/metrics/metrics.cpp")
    names = set()
    for name, rest in re.findall(r'\.Name\("([^"]+)"\)([^;]*);', text):
        if ".Add(" not in rest:
            names.add(name)
    return names


def alerts(source):
    rules = yaml.safe_load(read(source, "deploy/monitoring/rules/nova-alerts.yml"))
    return [rule for group in rules["groups"] for rule in group["rules"] if "alert" in rule]


def dashboard_expressions(source):
    board = json.loads(read(source, "deploy/monitoring/grafana/nova-overview.json"))
    titles = [panel.get("title") for panel in board.get("panels", [])]
    for title in PANELS:
        if title not in titles:
            fail(f"dashboard: no panel titled {title!r} (panels: {titles})")
    expressions = []
    for panel in board.get("panels", []):
        targets = [t.get("expr", "") for t in panel.get("targets", [])]
        if not targets or not all(targets):
            fail(f"dashboard panel {panel.get('title')!r} has a target without a query")
        expressions += [(f"panel {panel.get('title')!r}", expr) for expr in targets if expr]
    return expressions


def check_static(source):
    known = server_series(source)
    if len(known) < 8:
        fail(f"found only {sorted(known)} in server/metrics/metrics.cpp")
    monitoring_doc = read(source, "docs/MONITORING.md")
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
               for h in re.findall(r"^#+ (.+)$", monitoring_doc, re.M)}

    tests = yaml.safe_load(read(source, "tests/monitoring/nova-alerts.test.yml"))
    fires, quiet = set(), set()
    for test in tests["tests"]:
        for case in test.get("alert_rule_test", []):
            (fires if case.get("exp_alerts") else quiet).add(case["alertname"])

    expressions = []
    for rule in alerts(source):
        name = rule["alert"]
        notes = rule.get("annotations", {})
        for key in ("summary", "description", "runbook_url"):
            if not notes.get(key):
                fail(f"alert {name}: no {key}")
        url = notes.get("runbook_url", "")
        if not url.startswith("docs/MONITORING.md#") or url.split("#", 1)[1] not in anchors:
            fail(f"alert {name}: runbook {url!r} is not a heading of docs/MONITORING.md")
        if name not in monitoring_doc:
            fail(f"alert {name} is not described in docs/MONITORING.md")
        if name not in fires:
            fail(f"alert {name}: no promtool test where it fires")
        if name not in quiet:
            fail(f"alert {name}: no promtool test where it stays quiet")
        expressions.append((f"alert {name}", rule["expr"]))
    expressions += dashboard_expressions(source)

    for where, expr in expressions:
        for token in METRIC_TOKEN.findall(expr):
            if token not in known:
                fail(f"{where}: {token} is not a metric nova-server exports")
    for name in sorted({n for n in known if not n.endswith(("_bucket", "_sum", "_count"))} |
                       {n[:-len("_bucket")] for n in known if n.endswith("_bucket")}):
        if name not in monitoring_doc:
            fail(f"metric {name} is not described in docs/MONITORING.md")
    return expressions


def prometheus_get(env, path, **params):
    url = env["NOVA_PROMETHEUS_URL"] + path + ("?" + urllib.parse.urlencode(params) if params else "")
    status, _, body = stack_env.http("GET", url)
    try:
        answer = json.loads(body)
    except ValueError:
        answer = {}
    if status != 200 or answer.get("status") != "success":
        return None, f"HTTP {status}: {body[:300]!r}"
    return answer["data"], None


def check_live(source, expressions):
    env = stack_env.load(source)
    data, problem = prometheus_get(env, "/api/v1/rules")
    if problem:
        fail(f"the stack's Prometheus rules API: {problem}")
    else:
        loaded = {rule["name"]: rule for group in data["groups"] for rule in group["rules"]}
        for rule in alerts(source):
            found = loaded.get(rule["alert"])
            if not found:
                fail(f"the stack's Prometheus has not loaded alert {rule['alert']}")
            elif found.get("health") not in ("ok", "unknown"):
                fail(f"alert {rule['alert']} is unhealthy: {found.get('lastError')}")
    for where, expr in expressions:
        _, problem = prometheus_get(env, "/api/v1/query", query=expr)
        if problem:
            fail(f"{where}: the stack's Prometheus refuses {expr!r}: {problem}")

    named = {token for _, expr in expressions for token in METRIC_TOKEN.findall(expr)}
    for base in env["NOVA_API_URLS"].split():
        status, _, body = stack_env.http("GET", base + "/metrics")
        if status != 200:
            fail(f"{base}/metrics answered {status}")
            continue
        text = body.decode()
        exported = set(re.findall(r"^(nova_[a-z0-9_]+)(?:\{| )", text, re.M))
        # A labelled family with no child yet (no segment before the first stream) is declared.
        for family, kind in re.findall(r"^# TYPE (nova_[a-z0-9_]+) (\w+)$", text, re.M):
            exported |= {family + suffix for suffix in SUFFIXES.get(kind, ("",))}
        later = labelled_on_use(source)
        for token in sorted(named - exported):
            if re.sub(r"_(bucket|sum|count)$", "", token) in later:
                continue  # appears with its first observation; the name is checked statically
            fail(f"{base}/metrics has no series {token}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    source = sys.argv[1]
    expressions = check_static(source)
    if "--live" in sys.argv[2:]:
        check_live(source, expressions)
    finish(f"ok: {len(expressions)} expressions checked" + (" against the stack" if "--live" in sys.argv else ""))


if __name__ == "__main__":
    main()
