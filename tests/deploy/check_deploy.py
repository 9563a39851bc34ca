#!/usr/bin/env python3
"""Checks what can be checked here of deploy/ without a cluster or a container engine.

  check_deploy.py SOURCE_DIR k8s      the manifests parse, agree with each other, with DESIGN.md
                                      (probe paths) and with nova-server's settings; generated ones
                                      are up to date
  check_deploy.py SOURCE_DIR nginx    nginx -t accepts the API gateway and both ingest configs
  check_deploy.py SOURCE_DIR systemd  systemd-analyze verify accepts the units
  check_deploy.py SOURCE_DIR docker   the Dockerfile: Debian 12 stages, a non-root user, and (with
                                      a built server) every library it loads is installed
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from check_report import fail, finish, read  # noqa: E402

def server_settings(source):
    """Setting names nova-server accepts, from its config loader's table."""
    return set(re.findall(r'\{\s*"([a-z_]+)",\s*"', read(source, "server/config/config_loader.cpp")))


# ---------------------------------------------------------------------------------------------


def load_manifests(source):
    documents = {}
    for path in sorted(glob.glob(os.path.join(source, "deploy/k8s/*.yaml"))):
        if path.endswith("kustomization.yaml"):
            continue
        try:
            with open(path, encoding="utf-8") as f:
                for document in yaml.safe_load_all(f):
                    if document:
                        key = (document.get("kind"), document["metadata"]["name"])
                        documents[key] = (os.path.basename(path), document)
        except (yaml.YAMLError, KeyError, TypeError) as error:
            fail(f"{os.path.basename(path)} does not parse as Kubernetes YAML: {error}")
    return documents


def check_k8s(source):
    docs = load_manifests(source)

    def need(kind, name):
        found = docs.get((kind, name))
        if not found:
            fail(f"no {kind} {name} in deploy/k8s")
            return {}
        return found[1]

    design = read(source, "../shared/DESIGN.md") if os.path.exists(
        os.path.join(source, "../shared/DESIGN.md")) else ""
    probes = {"readiness": "/readyz", "liveness": "/healthz"}
    for path in probes.values():
        if design and f"GET {path}" not in design:
            fail(f"DESIGN.md no longer names GET {path}")

    config = need("ConfigMap", "nova-server")
    settings = {}
    for line in config.get("data", {}).get("nova-server.conf", "").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, value = line.partition("=")
            settings[name.strip()] = value.strip()
    known = server_settings(source)
    for name in settings:
        if name not in known:
            fail(f"ConfigMap nova-server: {name} is not a nova-server setting")
    if settings.get("http_address") not in ("0.0.0.0", "::"):
        fail("ConfigMap nova-server: http_address must be the pod's (0.0.0.0), not loopback")
    port = int(settings.get("http_port", "8081"))

    secret = need("Secret", "nova-server")
    for key in secret.get("stringData", {}):
        if not key.startswith("NOVA_") or key[5:].lower() not in known:
            fail(f"Secret nova-server: {key} is not a nova-server setting's variable")
    for required in ("NOVA_DATABASE_URL", "NOVA_ADMIN_TOKEN", "NOVA_REDIS_URL", "NOVA_HOOK_SECRET"):
        if required not in secret.get("stringData", {}):
            fail(f"Secret nova-server: no {required}")

    deployment = need("Deployment", "nova-server")
    spec = deployment.get("spec", {})
    if spec.get("replicas", 1) < 2:
        fail("Deployment nova-server: fewer than 2 replicas")
    rolling = spec.get("strategy", {}).get("rollingUpdate", {})
    if rolling.get("maxUnavailable") not in (0, "0", "0%"):
        fail("Deployment nova-server: a rolling update may take a replica away before its successor is ready")
    pod = spec.get("template", {}).get("spec", {})
    pod_labels = spec.get("template", {}).get("metadata", {}).get("labels", {})
    containers = pod.get("containers", [])
    server = containers[0] if containers else {}
    ports = {p.get("name"): p.get("containerPort") for p in server.get("ports", [])}
    if ports.get("http") != port:
        fail(f"Deployment nova-server: container port http is {ports.get('http')}, the server listens on {port}")
    for kind, path in probes.items():
        probe = server.get(f"{kind}Probe", {}).get("httpGet", {})
        if probe.get("path") != path:
            fail(f"Deployment nova-server: {kind} probe on {probe.get('path')}, DESIGN.md says {path}")
        if probe.get("port") not in ("http", port):
            fail(f"Deployment nova-server: {kind} probe on port {probe.get('port')}")
    requests = server.get("resources", {}).get("requests", {})
    if not requests.get("cpu") or not requests.get("memory"):
        fail("Deployment nova-server: no CPU and memory requests")
    grace = pod.get("terminationGracePeriodSeconds", 30)
    pre_stop = server.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
    drain = int(pre_stop[-1]) if pre_stop and pre_stop[-1].isdigit() else 0
    if not drain:
        fail("Deployment nova-server: no preStop pause for the endpoint to be removed before SIGTERM")
    if grace < drain + 5:  # the server itself needs up to 2 s to close its WebSockets
        fail(f"Deployment nova-server: terminationGracePeriodSeconds {grace} leaves no time after preStop {drain}s")
    if pod.get("securityContext", {}).get("runAsNonRoot") is not True:
        fail("Deployment nova-server: not runAsNonRoot")
    mounted = {m["mountPath"] for m in server.get("volumeMounts", [])}
    if "/etc/nova" not in mounted or "/etc/nova/nova-server.conf" not in server.get("args", []):
        fail("Deployment nova-server: the ConfigMap is not mounted where --config reads it")
    if settings.get("hls_path") and settings["hls_path"] not in mounted:
        fail("Deployment nova-server: hls_path is not a mounted volume")

    service = need("Service", "nova-server")
    selector = service.get("spec", {}).get("selector", {})
    if not selector or any(pod_labels.get(k) != v for k, v in selector.items()):
        fail("Service nova-server does not select the nova-server pods")
    service_ports = {p.get("name"): p for p in service.get("spec", {}).get("ports", [])}
    if service_ports.get("http", {}).get("targetPort") not in ("http", port):
        fail("Service nova-server: port http does not reach the container's")

    hpa = need("HorizontalPodAutoscaler", "nova-server")
    if hpa.get("spec", {}).get("minReplicas", 1) < 2:
        fail("HorizontalPodAutoscaler: minReplicas below 2")
    if hpa.get("spec", {}).get("scaleTargetRef", {}).get("name") != "nova-server":
        fail("HorizontalPodAutoscaler does not scale the nova-server Deployment")

    monitor = need("ServiceMonitor", "nova-server")
    wanted = monitor.get("spec", {}).get("selector", {}).get("matchLabels", {})
    labels = service.get("metadata", {}).get("labels", {})
    if not wanted or any(labels.get(k) != v for k, v in wanted.items()):
        fail("ServiceMonitor does not select the nova-server Service")
    endpoints = monitor.get("spec", {}).get("endpoints", [])
    if not endpoints or endpoints[0].get("port") not in service_ports or endpoints[0].get("path") != "/metrics":
        fail("ServiceMonitor does not scrape the Service's http port at /metrics")

    rule = need("PrometheusRule", "nova-alerts")
    rules_file = yaml.safe_load(read(source, "deploy/monitoring/rules/nova-alerts.yml"))
    if rule.get("spec", {}).get("groups") != rules_file.get("groups"):
        fail("PrometheusRule nova-alerts differs from deploy/monitoring/rules/nova-alerts.yml")

    # The ingest nodes: a StatefulSet of 2 (stable pod names are the nodes' names), one headless
    # Service for each pod's own address, an RTMP LoadBalancer per pod and one for all.
    ingest = need("StatefulSet", "nova-ingest")
    replicas = ingest.get("spec", {}).get("replicas", 1)
    if replicas < 2:
        fail(f"StatefulSet nova-ingest: {replicas} replica(s), not 2 or more")
    ingest_pod = ingest.get("spec", {}).get("template", {})
    ingest_labels = ingest_pod.get("metadata", {}).get("labels", {})
    ingest_ports = {p.get("name"): p.get("containerPort")
                    for c in ingest_pod.get("spec", {}).get("containers", []) for p in c.get("ports", [])}
    if ingest_ports.get("rtmp") != 1935 or ingest_ports.get("http") != 8088:
        fail(f"StatefulSet nova-ingest: ports {ingest_ports}")
    headless = need("Service", ingest.get("spec", {}).get("serviceName", "?"))
    if headless.get("spec", {}).get("clusterIP") != "None":
        fail("StatefulSet nova-ingest: its serviceName is not a headless Service")
    pods = [f"nova-ingest-{i}" for i in range(replicas)]
    names = ["nova-ingest", "nova-ingest-rtmp", headless["metadata"]["name"]] + [f"{p}-rtmp" for p in pods]
    for name in names:
        svc = need("Service", name)
        sel = dict(svc.get("spec", {}).get("selector", {}))
        pod_name = sel.pop("statefulset.kubernetes.io/pod-name", None)
        if pod_name is not None and pod_name not in pods:
            fail(f"Service {name} selects {pod_name}, which the StatefulSet does not make")
        if any(ingest_labels.get(k) != v for k, v in sel.items()):
            fail(f"Service {name} does not select the ingest pods")
    if "ReadWriteMany" not in need("PersistentVolumeClaim", "nova-hls").get("spec", {}).get("accessModes", []):
        fail("PersistentVolumeClaim nova-hls: several ingest nodes need ReadWriteMany")
    # nova-server knows every pod as a node, by its name and its own address.
    nodes = dict(item.split("=", 1) for item in settings.get("ingest_nodes", "").split())
    if sorted(nodes) != pods:
        fail(f"ConfigMap nova-server: ingest_nodes names {sorted(nodes)}, not the pods {pods}")
    for pod, urls in nodes.items():
        rtmp, nginx, probe = (urls.split(",") + ["", "", ""])[:3]
        own = f"{pod}.{headless['metadata']['name']}"
        if not nginx.startswith(f"http://{own}:8088") or not probe.startswith(f"rtmp://{own}:1935/"):
            fail(f"ConfigMap nova-server: ingest node {pod} is not read at its own address ({urls})")
    start = " ".join(c.get("args", [""])[0] for c in ingest_pod.get("spec", {}).get("containers", []))
    if "openssl dgst -sha256 -hmac" not in start or '"$(hostname)"' not in start:
        fail("StatefulSet nova-ingest: the pod does not derive its node name and secret at start")
    ingest_conf = need("ConfigMap", "nova-ingest").get("data", {}).get("nginx.conf.in", "")
    if ("nova-server.nova.svc.cluster.local:8081" not in ingest_conf or "@NODE_SECRET@" not in ingest_conf
            or "@INGEST_NODE@" not in ingest_conf):
        fail("ConfigMap nova-ingest: hooks do not go to the nova-server Service with the node's name and secret")

    for ingress_name in ("nova-api", "nova-websockets"):
        ingress = need("Ingress", ingress_name)
        notes = ingress.get("metadata", {}).get("annotations", {})
        for key in ("proxy-body-size", "limit-rps", "proxy-read-timeout", "ssl-redirect"):
            if f"nginx.ingress.kubernetes.io/{key}" not in notes:
                fail(f"Ingress {ingress_name}: no {key}")
        if not ingress.get("spec", {}).get("tls"):
            fail(f"Ingress {ingress_name}: no TLS")
        for rule_ in ingress.get("spec", {}).get("rules", []):
            for path in rule_.get("http", {}).get("paths", []):
                if path["path"].startswith(("/hooks", "/metrics")):
                    fail(f"Ingress {ingress_name} exposes {path['path']}")

    kustomization = yaml.safe_load(read(source, "deploy/k8s/kustomization.yaml"))
    listed = set(kustomization.get("resources", []))
    present = {os.path.basename(p) for p in glob.glob(os.path.join(source, "deploy/k8s/*.yaml"))}
    for name in present - listed - {"kustomization.yaml", "secret.template.yaml"}:
        fail(f"kustomization.yaml does not list {name}")
    for name in listed - present:
        fail(f"kustomization.yaml lists {name}, which does not exist")

    generate = subprocess.run([sys.executable, os.path.join(source, "deploy/k8s/generate"), "--check"],
                              capture_output=True, text=True)
    if generate.returncode != 0:
        fail(generate.stderr.strip() or generate.stdout.strip())


# ---------------------------------------------------------------------------------------------


def nginx_test(name, conf, prefix):
    result = subprocess.run(["nginx", "-t", "-q", "-p", prefix, "-c", conf, "-e", "stderr"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"nginx -t refuses {name}: {result.stderr.strip()}")


def check_nginx(source):
    with tempfile.TemporaryDirectory() as tmp:
        # The API gateway, included in an http block as on a host, with a throwaway certificate.
        key, cert = os.path.join(tmp, "privkey.pem"), os.path.join(tmp, "fullchain.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=nova.example.com", "-keyout", key, "-out", cert],
                       check=True, capture_output=True)
        site = read(source, "deploy/nginx/nova-api.conf")
        site = site.replace("/etc/nova/tls/", tmp + "/").replace("/var/log/nginx/", tmp + "/")
        site = re.sub(r"listen (\[::\]:)?(80|443)", lambda m: f"listen {m.group(1) or '127.0.0.1:'}1{m.group(2)}", site)
        with open(os.path.join(tmp, "nova-api.conf"), "w") as f:
            f.write(site)
        main = os.path.join(tmp, "nginx.conf")
        with open(main, "w") as f:
            f.write(f"pid {tmp}/nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n"
                    f"    access_log {tmp}/access.log;\n    client_body_temp_path {tmp}/body;\n"
                    f"    proxy_temp_path {tmp}/proxy;\n    fastcgi_temp_path {tmp}/fastcgi;\n"
                    f"    uwsgi_temp_path {tmp}/uwsgi;\n    scgi_temp_path {tmp}/scgi;\n"
                    f"    include {tmp}/nova-api.conf;\n}}\n")
        nginx_test("deploy/nginx/nova-api.conf", main, tmp)

        # Both generated ingest configs, with their paths moved into the scratch directory.
        k8s = yaml.safe_load(read(source, "deploy/k8s/ingest-config.yaml"))["data"]["nginx.conf.in"]
        for name, text in (("deploy/k8s/ingest-config.yaml", k8s),
                           ("deploy/systemd/nginx-ingest.conf", read(source, "deploy/systemd/nginx-ingest.conf"))):
            # Cluster DNS names do not resolve here; nginx -t resolves upstreams.
            text = text.replace("@NODE_SECRET@", "test-secret").replace("@INGEST_NODE@", "ingest-1").replace(
                "nova-server.nova.svc.cluster.local:8081", "127.0.0.1:8081")
            for path in ("/var/lib/nova", "/run/nova-ingest", "/var/log/nova"):
                text = text.replace(path, tmp + path)
            os.makedirs(tmp + "/var/lib/nova/nginx/tmp", exist_ok=True)
            os.makedirs(tmp + "/run/nova-ingest", exist_ok=True)
            os.makedirs(tmp + "/var/lib/nova/run", exist_ok=True)
            conf = os.path.join(tmp, "ingest.conf")
            with open(conf, "w") as f:
                f.write(text)
            nginx_test(name, conf, tmp)


def check_systemd(source):
    if not shutil.which("systemd-analyze"):
        print("skip: no systemd-analyze")
        return
    with tempfile.TemporaryDirectory() as tmp:
        units = []
        for path in glob.glob(os.path.join(source, "deploy/systemd/*.service")):
            text = open(path, encoding="utf-8").read()
            # The binaries are installed on the target host, not here: point at one that exists.
            text = text.replace("/usr/local/bin/nova-server", shutil.which("true"))
            name = os.path.basename(path).replace("@.service", "@1.service")
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text)
            units.append(os.path.join(tmp, name))
        result = subprocess.run(["systemd-analyze", "verify", "--man=no", *units],
                                capture_output=True, text=True, env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"})
        problems = [line for line in (result.stdout + result.stderr).splitlines()
                    if tmp in line or "nova" in line]
        if result.returncode != 0 or problems:
            fail("systemd-analyze verify: " + "\n  ".join(problems or [result.stderr.strip()]))


def check_docker(source, binary):
    text = read(source, "deploy/docker/Dockerfile")
    base = re.search(r"^ARG\s+BASE=(\S+)", text, re.M)
    if not base or not re.match(r"debian:(13|12|trixie|bookworm)(-slim)?$", base.group(1)):
        fail("Dockerfile: ARG BASE does not default to a Debian 13 or 12 image")
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", text, re.M | re.I)
    if len(stages) < 2:
        fail("Dockerfile: not multi-stage")
    for image, _ in stages:
        if image != "${BASE}":
            fail(f"Dockerfile: stage from {image}, not from ${{BASE}}")
    if "cmake --preset server" not in text:
        fail("Dockerfile: the server is not built with the server preset")
    final = text[text.rfind("\nFROM"):]
    user = re.findall(r"^USER\s+(\S+)", final, re.M)
    if not user or user[-1].split(":")[0] in ("root", "0"):
        fail("Dockerfile: the runtime stage does not switch to a non-root user")
    if "runtime-packages.txt" not in final:
        fail("Dockerfile: the runtime stage does not install what nova-server links")
    if not os.path.exists(binary):
        print(f"skip library check: {binary} is not built")
        return
    # The packages the runtime stage would install for this build: each exists, none is a GUI one.
    listed = subprocess.run([os.path.join(source, "deploy/docker/runtime-packages"), binary],
                            capture_output=True, text=True)
    if listed.returncode != 0:
        fail("runtime-packages: " + listed.stderr.strip())
    packages = listed.stdout.split()
    for gui in ("libqt6gui6", "libqt6widgets6", "libqt6charts6", "libqt6multimedia6"):
        if gui in packages:
            fail(f"nova-server links {gui}: the server image would carry the desktop libraries")
    for required in ("libqt6core6", "libqt6network6", "libqt6websockets6"):
        if not any(p.startswith(required) for p in packages):
            fail(f"runtime-packages: {required} missing from {packages}")
    print("runtime stage installs: " + " ".join(packages))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, what = sys.argv[1], sys.argv[2]
    {"k8s": lambda: check_k8s(source), "nginx": lambda: check_nginx(source),
     "systemd": lambda: check_systemd(source),
     "docker": lambda: check_docker(source, sys.argv[3] if len(sys.argv) > 3 else "")}[what]()
    finish(f"ok: {what}")


if __name__ == "__main__":
    main()
