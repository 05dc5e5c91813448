#!/bin/sh
# hl-step: the part of the runner that lives inside the sandbox.
#
# The runner (on the host) starts one sandbox per step of a job, always with
# the same layout, and runs `hl-step COMMAND` in it with /work as the current
# folder. This script only prepares the step's caches and execs the tool, so
# the exit status and signal the host sees are the tool's own.
#
# Layout inside every sandbox (bubblewrap and container alike):
#   /opt/go, /opt/rust          toolchains (read-only)
#   /opt/cargo-home             CARGO_HOME with prefetched crates (read-only)
#   /opt/hybrid/warm/target     prebuilt cargo target dir (read-only)
#   /opt/hybrid/warm/go-build   warm Go build cache (read-only)
#   /work                       the job (read-write, size-capped tmpfs)
#   /tmp                        scratch (read-write, size-capped tmpfs)
set -eu

warm=/opt/hybrid/warm
out=/work/.hybrid-lab

# Cargo reuses the prebuilt dependencies when the job's target dir starts as
# a copy of the warm one (same paths, same toolchain, same profiles).
prepare_target() {
  if [ ! -e /work/rust/target ] && [ -d "$warm/target" ]; then
    cp -a "$warm/target" /work/rust/target
  fi
}

# Go needs a writable build cache; each step gets a fresh copy of the warm
# one in /tmp, so no job can leave anything behind for the next.
prepare_gocache() {
  if [ -d "$warm/go-build" ] && [ ! -e "$GOCACHE" ]; then
    cp -a "$warm/go-build" "$GOCACHE"
  fi
  mkdir -p "$GOCACHE"
}

# Runs the learner's program without exec, so that afterwards this script can
# find processes the program left behind, kill them and say so.
run_program() {
  status=0
  "$@" || status=$?
  left=0
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [ "$pid" = 1 ] || [ "$pid" = "$$" ] || left=$((left + 1))
  done
  if [ "$left" -gt 0 ]; then
    kill -9 -1 2>/dev/null || true
    echo "[hybrid-lab] the program exited but left $left background process(es) running; the sandbox killed them" >&2
  fi
  exit "$status"
}

case "${1:-}" in
  cargo-build)
    prepare_target
    cd /work/rust
    exec cargo build --release --offline
    ;;
  cargo-test)
    prepare_target
    cd /work/rust
    exec cargo test --offline
    ;;
  go-build)
    prepare_gocache
    mkdir -p "$out"
    exec go build -o "$out/app" .
    ;;
  go-test)
    prepare_gocache
    exec go test ./...
    ;;
  run-go)
    run_program "$out/app"
    ;;
  run-rust)
    cd /work/rust
    run_program cargo run --release --offline --quiet
    ;;
  noop)
    exit 0
    ;;
  versions)
    echo "go=$(go env GOVERSION)"
    echo "rustc=$(rustc --version)"
    echo "cargo=$(cargo --version)"
    echo "cc=$(cc -dumpfullversion 2>/dev/null || cc -dumpversion)"
    ;;
  *)
    echo "hl-step: unknown command '${1:-}' (expected cargo-build, cargo-test, go-build, go-test, run-go, run-rust, noop or versions)" >&2
    exit 64
    ;;
esac
