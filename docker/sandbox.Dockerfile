# The sandbox image: what every job step of the container backend runs in.
# Toolchains, prefetched crates and warm caches sit at the same paths as in
# the bubblewrap sandbox (see sandbox-runner/sandbox/hl-step.sh), so a job
# behaves the same under both backends.
#
# BASE defaults to the offline base made by build-images.sh (debootstrap +
# import); any Debian bookworm image works too, e.g.
#   docker build --build-arg BASE=debian:bookworm-slim -f docker/sandbox.Dockerfile docker/.build/sandbox
ARG BASE=localhost/hybrid-lab-base:bookworm-cgo
FROM ${BASE}

# cgo needs a C compiler and libc headers; the offline base already has them.
RUN if ! command -v gcc >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*; \
    fi

# Debian's rustc-web for wasm32, when the Rust toolchain has no wasm32 target:
# build-images.sh puts its .debs (the host's versions) in debs/, empty otherwise.
RUN --mount=type=bind,source=debs,target=/tmp/debs \
    set -- /tmp/debs/*.deb; if [ -e "$1" ]; then dpkg -i "$@"; fi

COPY go /opt/go
COPY rust /opt/rust
COPY cargo-home /opt/cargo-home
COPY hl-step.sh /opt/hybrid/bin/hl-step
COPY warmup /opt/hybrid/warmup

ENV PATH=/opt/rust/bin:/opt/go/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/tmp/home TMPDIR=/tmp GOCACHE=/tmp/go-build GOPATH=/tmp/gopath \
    GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-buildvcs=false CGO_ENABLED=1 \
    CARGO_HOME=/opt/cargo-home CARGO_NET_OFFLINE=true CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0

# Build the warm-up job once, in /work like a real job, and keep its caches:
# the prebuilt dependencies (libc, rayon, ...) in both profiles, and a Go
# build cache holding the standard library, runtime/cgo and the test tools.
RUN set -eux; \
    chmod 0755 /opt/hybrid/bin/hl-step; \
    mkdir -p /work /opt/hybrid/warm; \
    cp -a /opt/hybrid/warmup/. /work/; \
    cd /work; \
    for step in cargo-build cargo-test go-build run-go go-test; do /opt/hybrid/bin/hl-step "$step"; done; \
    mv /work/rust/target /opt/hybrid/warm/target; \
    mv /tmp/go-build /opt/hybrid/warm/go-build; \
    find /opt/hybrid/warm/target -name '*warmup*' -prune -exec rm -rf {} +; \
    rm -rf /opt/hybrid/warm/target/debug/incremental /opt/hybrid/warm/target/release/incremental; \
    rm -rf /work/* /work/.hybrid-lab /tmp/* ; \
    chmod -R a+rX,go-w /opt/hybrid /opt/cargo-home

# The wasm32 std, built once here with Debian's rustc-web (its crates were
# prefetched into /opt/cargo-home) so that no job ever builds it; nothing to do
# when the toolchain has rustup's wasm32 target. The folder exists either way.
RUN set -eux; \
    mkdir -p /work /opt/hybrid/wasm-sysroot; \
    cd /work; \
    if [ "$(/opt/hybrid/bin/hl-step wasm-route)" = none ]; then \
      echo "no wasm32 std (neither rustup's target nor Debian's rustc-web): wasm jobs will fail" >&2; \
    else /opt/hybrid/bin/hl-step wasm-std /opt/hybrid/wasm-sysroot; fi; \
    rm -rf /work/* /tmp/*; \
    chmod -R a+rX,go-w /opt/hybrid/wasm-sysroot

WORKDIR /work
CMD ["/opt/hybrid/bin/hl-step", "versions"]
