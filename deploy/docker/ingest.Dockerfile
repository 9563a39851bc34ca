# nova-ingest image: nginx with the RTMP module, nova-hls-ladder (built with `cmake --preset
# ladder` against the distribution's own Qt and FFmpeg) for the HLS ladder and the watch page it
# serves (hls.js from the npm registry, as web/package-lock.json pins it), run as an unprivileged
# user; its configuration comes from the nova-ingest ConfigMap (deploy/k8s/).
#   podman build -f deploy/docker/ingest.Dockerfile -t nova-ingest .            (Debian 13)
ARG BASE=debian:13

# --- build -------------------------------------------------------------------------------------
FROM ${BASE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        cmake ninja-build pkg-config g++ qt6-base-dev \
        libavcodec-dev libavformat-dev libavutil-dev libswscale-dev npm ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && update-ca-certificates  # with those a build mounts in (tests/deploy/check_images)
WORKDIR /src
COPY CMakeLists.txt CMakePresets.json ./
COPY cmake cmake
COPY shared shared
COPY ladder ladder
COPY web web
COPY resources/icons resources/icons
COPY deploy/docker/runtime-packages deploy/docker/runtime-packages
RUN cmake --preset ladder \
    && cmake --build --preset ladder \
    && strip build-ladder/bin/nova-hls-ladder \
    && deploy/docker/runtime-packages build-ladder/bin/nova-hls-ladder >runtime-packages.txt

# --- run ---------------------------------------------------------------------------------------
FROM ${BASE} AS run
COPY --from=build /src/runtime-packages.txt /tmp/runtime-packages.txt
RUN apt-get update \
    && xargs -a /tmp/runtime-packages.txt env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends nginx libnginx-mod-rtmp ca-certificates openssl \
    && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages.txt \
    && groupadd --gid 10001 nova \
    && useradd --uid 10001 --gid nova --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin nova
COPY --from=build /src/build-ladder/bin/nova-hls-ladder /usr/local/bin/nova-hls-ladder
COPY --from=build /src/build-ladder/www /usr/share/nova/www
ENV LANG=C.UTF-8
EXPOSE 1935 8088
USER 10001:10001
CMD ["nginx", "-p", "/var/lib/nova/nginx", "-c", "/var/lib/nova/nginx/nginx.conf"]
