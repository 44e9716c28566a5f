# syntax=docker/dockerfile:1
# The plugin image: its entrypoint copies the plugin tree into /target, which is what `velero plugin add`,
# `velero install --plugins` and the Helm chart's initContainers expect (the init container mounts the
# Velero pod's `plugins` emptyDir at /target and runs the image's ENTRYPOINT).
#
# Single arch:  docker build -t IMAGE:TAG --build-arg VERSION=TAG .
# Multi-arch:   docker buildx build --platform linux/amd64,linux/arm64 \
#                 --build-arg VERSION=TAG --build-arg SOURCE_URL=https://github.com/OWNER/REPO -t IMAGE:TAG --push .
# Each platform's build stage runs natively (under QEMU binfmt for the foreign one), so the SEA's V8 code
# cache and hack/build-plugin's smoke handshake are made by and checked on the very binary that ships.
# The build is reproducible: the image holds byte for byte the tree `hack/build-plugin` makes from the same
# sources outside it (CI builds this file with buildah and compares; hack/packaging/image-build).
#
# Bases are pinned by exact version. To pin by digest too, append @sha256:… as printed by
# `docker buildx imagetools inspect IMAGE:TAG` (no registry was reachable where this file was written).

# The build stage's Node only runs the tooling (esbuild, postject, gates); the shipped runtime is the
# node-linux-<arch> binary pinned in hack/packaging/pins.env.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim
# A static copy tool; its /bin/cp is the whole of busybox, which runs the applet named by argv[0].
ARG COPY_TOOL_IMAGE=busybox:1.37.0-musl

FROM ${COPY_TOOL_IMAGE} AS copy-tool

FROM ${NODE_IMAGE} AS build
# binutils: strip + readelf for hack/build-plugin; the rest (Node binary, bullseye's libstdc++/libgcc,
# patchelf) hack/build-plugin fetches itself, pinned, exactly as in CI.
RUN apt-get update \
 && apt-get install -y --no-install-recommends binutils ca-certificates debian-archive-keyring \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Behind a TLS-inspecting proxy, give npm its CA as a build secret (`--secret id=extra-ca,src=/path/ca.pem`):
# it is read by these two steps only (the npm registry: packages, then the pinned Node) and stored in no layer.
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=extra-ca,required=false \
    if [ -f /run/secrets/extra-ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/extra-ca; fi; \
    npm ci --no-audit --no-fund
COPY . .
RUN --mount=type=secret,id=extra-ca,required=false \
    if [ -f /run/secrets/extra-ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/extra-ca; fi; \
    hack/build-plugin --out /out/plugins

FROM scratch AS image
ARG VERSION=dev
ARG SOURCE_URL=
LABEL org.opencontainers.image.title="velero-plugin-for-cert-manager" \
      org.opencontainers.image.description="Velero plugin that makes backups and restores of cert-manager clusters safe" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=copy-tool /bin/cp /bin/cp
# 0755 for the one executable, 0644 for the libraries (kept from the build stage): the Velero server runs as
# 1002 (paketo bases) or 65532 (1.12.0), neither of them the owner.
COPY --from=build --chown=65532:65532 /out/plugins/ /plugins/
USER 65532:65532
# Exec form: the image has no shell. Names, not "/plugins/.", so nothing else can ever be copied along.
ENTRYPOINT ["/bin/cp", "-r", "/plugins/velero-plugin-for-cert-manager", "/plugins/velero-plugin-for-cert-manager.libs", "/target/"]
