#!/usr/bin/env python3
"""Holds docs/openapi.yaml to OpenAPI 3.0.3 and to the server.

  check_openapi.py SOURCE_DIR --server BIN   the document is well formed (structure, references,
                                             parameters, error responses), every example fits its
                                             schema, and the routes BIN --print-routes lists are
                                             exactly the document's paths and methods
  check_openapi.py SOURCE_DIR --live         the running stack's answers, successes and errors,
                                             fit the documented schemas for their status

No OpenAPI validator is packaged in Debian 12, so the structure is checked here, and the schemas
with jsonschema (python3-jsonschema), OpenAPI's `nullable` turned into JSON Schema's null type.
"""

import copy
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import stack_env  # noqa: E402
from check_report import fail, finish  # noqa: E402

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def resolve(spec, node):
    """Follows local $refs; records the broken ones."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            fail(f"non-local reference {ref}")
            return {}
        target = spec
        for part in ref[2:].split("/"):
            if not isinstance(target, dict) or part not in target:
                fail(f"reference {ref} does not resolve")
                return {}
            target = target[part]
        node = target
        seen += 1
        if seen > 20:
            fail(f"reference loop at {ref}")
            return {}
    return node


def json_schema(spec, schema):
    """An OpenAPI 3.0 schema object as JSON Schema: references inlined, nullable as a null type."""
    schema = copy.deepcopy(resolve(spec, schema))
    if not isinstance(schema, dict):
        return schema
    if schema.pop("nullable", False) and "type" in schema:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"] = schema["enum"] + [None]
    for key in ("properties",):
        if key in schema:
            schema[key] = {name: json_schema(spec, sub) for name, sub in schema[key].items()}
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            schema[key] = json_schema(spec, schema[key])
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            schema[key] = [json_schema(spec, sub) for sub in schema[key]]
    for key in ("example", "description", "format", "readOnly", "writeOnly", "deprecated"):
        schema.pop(key, None)
    return schema


def validate(spec, schema, value, where):
    try:
        jsonschema.Draft4Validator(json_schema(spec, schema)).validate(value)
    except jsonschema.ValidationError as error:
        fail(f"{where}: {error.message} (at {'/'.join(map(str, error.absolute_path)) or 'top'})")


def operations(spec):
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                yield path, method, item, item[method]


def check_document(spec):
    if spec.get("openapi") != "3.0.3":
        fail(f"openapi is {spec.get('openapi')!r}, not 3.0.3")
    for key in ("title", "version"):
        if not spec.get("info", {}).get(key):
            fail(f"info.{key} is missing")
    schemes = spec.get("components", {}).get("securitySchemes", {})
    operation_ids = set()
    for path, method, item, op in operations(spec):
        where = f"{method.upper()} {path}"
        if not path.startswith("/"):
            fail(f"{where}: a path must start with /")
        op_id = op.get("operationId")
        if not op_id or op_id in operation_ids:
            fail(f"{where}: missing or repeated operationId {op_id!r}")
        operation_ids.add(op_id)
        if not op.get("summary"):
            fail(f"{where}: no summary")
        for requirement in op.get("security", []):
            for name in requirement:
                if name not in schemes:
                    fail(f"{where}: unknown security scheme {name}")
        parameters = [resolve(spec, p) for p in item.get("parameters", []) + op.get("parameters", [])]
        declared = {p.get("name") for p in parameters if p.get("in") == "path"}
        for name in re.findall(r"\{([^}]+)\}", path):
            if name not in declared:
                fail(f"{where}: path parameter {name} is not declared")
        for parameter in parameters:
            if parameter.get("in") not in ("path", "query", "header", "cookie"):
                fail(f"{where}: parameter {parameter.get('name')} has no valid 'in'")
            if parameter.get("in") == "path" and parameter.get("required") is not True:
                fail(f"{where}: path parameter {parameter.get('name')} must be required")
            if "schema" not in parameter:
                fail(f"{where}: parameter {parameter.get('name')} has no schema")
            elif "example" in parameter:
                validate(spec, parameter["schema"], parameter["example"],
                         f"{where} parameter {parameter['name']} example")
        body = resolve(spec, op.get("requestBody", {}))
        for media, content in body.get("content", {}).items():
            if "example" in content:
                validate(spec, content.get("schema", {}), content["example"], f"{where} request {media} example")
        responses = op.get("responses", {})
        if not responses:
            fail(f"{where}: no responses")
        # The API and the hooks answer errors as Error; health and metrics have their own bodies.
        api = path.startswith(("/api/", "/hooks/"))
        if api and not any(str(code).startswith(("4", "5")) for code in responses):
            fail(f"{where}: no error responses")
        for code, response in responses.items():
            response = resolve(spec, response)
            if not re.fullmatch(r"[1-5]\d\d|default", str(code)):
                fail(f"{where}: response code {code!r}")
            if not response.get("description"):
                fail(f"{where} {code}: no description")
            for media, content in response.get("content", {}).items():
                if "schema" not in content:
                    fail(f"{where} {code} {media}: no schema")
                    continue
                if "example" not in content and "examples" not in content:
                    fail(f"{where} {code} {media}: no example")
                if "example" in content:
                    validate(spec, content["schema"], content["example"], f"{where} {code} example")
                if api and str(code).startswith(("4", "5")) and resolve(spec, content["schema"]) is not resolve(
                        spec, {"$ref": "#/components/schemas/Error"}):
                    fail(f"{where} {code}: an error answer must use the Error schema")
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        try:
            jsonschema.Draft4Validator.check_schema(json_schema(spec, schema))
        except jsonschema.SchemaError as error:
            fail(f"schema {name}: {error.message}")
        if "example" in schema:
            validate(spec, schema, schema["example"], f"schema {name} example")


def check_routes(spec, server):
    """The server's own list of routes against the document's paths."""
    env = {**os.environ, "NOVA_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
           "NOVA_ADMIN_TOKEN": "route-listing-token-0123456789", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([server, "--print-routes"], capture_output=True, text=True, env=env, timeout=30)
    if result.returncode != 0:
        fail(f"{server} --print-routes failed ({result.returncode}): {result.stderr.strip()}")
        return
    served = set()
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            served.add((parts[0].upper(), parts[1]))
    if len(served) < 5:
        fail(f"--print-routes listed too little: {result.stdout!r}")
    documented = {(method.upper(), path) for path, method, _, _ in operations(spec)}
    for method, path in sorted(served - documented):
        fail(f"the server serves {method} {path}, which docs/openapi.yaml does not describe")
    for method, path in sorted(documented - served):
        fail(f"docs/openapi.yaml describes {method} {path}, which the server does not serve")
    print(f"routes: {len(served)} served, all described")


def response_schema(spec, path, method, status):
    op = spec["paths"][path][method]
    response = op.get("responses", {}).get(str(status))
    if response is None:
        fail(f"{method.upper()} {path} answered {status}, which is not documented")
        return None
    content = resolve(spec, response).get("content", {})
    return next(iter(content.values()), {}).get("schema")


def check_live(spec, source):
    env = stack_env.load(source)
    api, token = env["NOVA_API_URL"], env["NOVA_ADMIN_TOKEN"]
    checked = []

    def call(method, path, template, body=None, auth=True, expect=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if auth:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        status, _, raw = stack_env.http(method, api + path, data, headers)
        if expect is not None and status != expect:
            fail(f"{method} {path}: expected {expect}, got {status}: {raw[:200]!r}")
        schema = response_schema(spec, template, method.lower(), status)
        if schema is not None:
            try:
                value = json.loads(raw)
            except ValueError:
                fail(f"{method} {path} {status}: not JSON: {raw[:200]!r}")
                return status, None
            validate(spec, schema, value, f"live {method} {path} {status}")
            checked.append(f"{method} {template} {status}")
            return status, value
        return status, None

    _, created = call("POST", "/api/v1/streams", "/api/v1/streams", {"title": "openapi check"}, expect=201)
    call("POST", "/api/v1/streams", "/api/v1/streams", {"title": "x"}, auth=False, expect=401)
    call("POST", "/api/v1/streams", "/api/v1/streams", {"title": "x", "colour": "red"}, expect=400)
    call("GET", "/api/v1/streams?status=all&limit=2", "/api/v1/streams", expect=200)
    call("GET", "/api/v1/streams?limit=0", "/api/v1/streams", expect=400)
    if created:
        one = f"/api/v1/streams/{created['id']}"
        call("GET", one, "/api/v1/streams/{id}", expect=200)
        call("GET", one + "/metrics?step=15s", "/api/v1/streams/{id}/metrics", expect=200)
        call("GET", one + "/metrics?step=never", "/api/v1/streams/{id}/metrics", expect=400)
        call("DELETE", one, "/api/v1/streams/{id}", expect=200)
        call("DELETE", one, "/api/v1/streams/{id}", expect=200)  # already ended: as it is
    call("GET", "/api/v1/streams/not-a-uuid", "/api/v1/streams/{id}", expect=400)
    call("GET", "/api/v1/streams/00000000-0000-4000-8000-000000000000", "/api/v1/streams/{id}", expect=404)
    call("GET", "/healthz", "/healthz", expect=200)
    call("GET", "/readyz", "/readyz", expect=200)
    status, _, _ = stack_env.http("GET", api + "/metrics")
    if status != 200:
        fail(f"GET /metrics answered {status}")
    print(f"live: {len(checked)} answers fit their schemas")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source = sys.argv[1]
    with open(os.path.join(source, "docs/openapi.yaml"), encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    check_document(spec)
    if sys.argv[2] == "--server":
        check_routes(spec, sys.argv[3])
    elif sys.argv[2] == "--live":
        check_live(spec, source)
    finish("ok: docs/openapi.yaml")


if __name__ == "__main__":
    main()
