# nova-ingest image: nginx with the RTMP module and FFmpeg for the HLS ladder, from the
# distribution's own packages, run as an unprivileged user; its configuration comes from the
# nova-ingest ConfigMap (deploy/k8s/).
#   podman build -f deploy/docker/ingest.Dockerfile -t nova-ingest .            (Debian 13)
ARG BASE=debian:13
FROM ${BASE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        nginx libnginx-mod-rtmp ffmpeg ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 nova \
    && useradd --uid 10001 --gid nova --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin nova
COPY deploy/local/nova-hls-ladder /usr/local/bin/nova-hls-ladder
ENV LANG=C.UTF-8
EXPOSE 1935 8088
USER 10001:10001
CMD ["nginx", "-p", "/var/lib/nova/nginx", "-c", "/var/lib/nova/nginx/nginx.conf"]
