#!/bin/bash
# hl-step: the part of the runner that lives inside the sandbox.
#
# The runner (on the host) starts one sandbox per step of a job, always with
# the same layout, and runs `hl-step COMMAND [ARGS]` in it with /work as the
# current folder. This script prepares the step's caches and runs the tools.
#
# Layout inside every sandbox (bubblewrap and container alike):
#   /opt/go, /opt/rust          toolchains (read-only)
#   /opt/cargo-home             CARGO_HOME with prefetched crates (read-only)
#   /opt/hybrid/warm/target     prebuilt cargo target dir (read-only)
#   /opt/hybrid/warm/go-build   warm Go build cache (read-only)
#   /opt/hybrid/wasm-sysroot    wasm32 std prepared once for Debian's rustc-web
#                               (read-only; empty when /opt/rust has rustup's target)
#   /work                       the job (read-write, size-capped tmpfs)
#   /tmp                        scratch (read-write, size-capped tmpfs)
#
# The report channel: file descriptor 3, when the host opened one, carries
# what this script reports (cargo's JSON messages, one record per test, left
# over processes) as lines "<kind> <fields...>". Every tool and every program
# of the learner runs with fd 3 closed, so nothing they print can pass for a
# report. Without fd 3 (warm-up builds) reports go nowhere.
set -eu
set -o pipefail

warm=/opt/hybrid/warm
out=/work/.hybrid-lab

if ! { true >&3; } 2>/dev/null; then exec 3>/dev/null; fi

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

# Runs cargo with JSON messages and forwards each line to the report channel,
# where the host turns compiler messages into readable text and diagnostics.
# A copy of the messages goes to $1 (for the test executables).
cargo_json() {
  local copy="$1"
  shift
  "${cargo_bin:-cargo}" "$@" --offline --message-format=json 3>&- | tee "$copy" | sed -u 's/^/cargo-message /' >&3
}

# Runs the learner's program without exec, so that afterwards this script can
# find processes the program left behind, kill them and report it.
run_program() {
  local status=0 left=0 p pid
  "$@" 3>&- || status=$?
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [ "$pid" = 1 ] || [ "$pid" = "$$" ] || [ "$pid" = "$BASHPID" ] || left=$((left + 1))
  done
  if [ "$left" -gt 0 ]; then
    kill -9 -1 2>/dev/null || true
    echo "leftover $left" >&3
  fi
  exit "$status"
}

# The wasm32 toolchain: rustup's target when /opt/rust has it; otherwise
# Debian's rustc-web (/usr/bin) with the std that `wasm-std` built once into
# $wasm_sysroot (a job never builds std). simd128 on, and only for the
# target: build scripts and proc-macros build for the host as usual.
wasm_target=wasm32-unknown-unknown
wasm_sysroot=/opt/hybrid/wasm-sysroot
debian_rustc=/usr/bin/rustc
debian_cargo=/usr/bin/cargo
debian_std_src=/usr/lib/rustlib/src/rust/library
wasm_rustflags="-C target-feature=+simd128"

has_std() { compgen -G "$1/libstd-*.rlib" >/dev/null; }

# Prints rustup, debian (std prepared), debian-unprepared or none.
wasm_route() {
  if has_std "$(rustc --print target-libdir --target "$wasm_target" 2>/dev/null)"; then
    echo rustup
  elif [ -x "$debian_rustc" ] && [ -x "$debian_cargo" ] && has_std "$wasm_sysroot/lib/rustlib/$wasm_target/lib"; then
    echo debian
  elif [ -x "$debian_rustc" ] && [ -x "$debian_cargo" ] && [ -d "$debian_std_src" ]; then
    echo debian-unprepared
  else
    echo none
  fi
}

# wasm-build: the job's crate (rust/) as a release wasm32 module. Only compiles.
wasm_build() {
  cd /work/rust
  case "$(wasm_route)" in
    rustup)
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_rustflags" \
        cargo_json /tmp/hl-cargo-wasm.jsonl build --release --target "$wasm_target"
      ;;
    debian)
      RUSTC="$debian_rustc" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--sysroot $wasm_sysroot $wasm_rustflags" \
        cargo_bin="$debian_cargo" cargo_json /tmp/hl-cargo-wasm.jsonl build --release --target "$wasm_target"
      ;;
    *)
      echo "hl-step: this sandbox has no wasm32 standard library (rustup's $wasm_target target, or Debian's rustc-web with the std prepared in $wasm_sysroot); rebuild the sandbox (bash docker/build-images.sh, or npm run prepare-sandbox -w @hybrid-lab/sandbox-runner)" >&2
      exit 70
      ;;
  esac
}

# wasm-std DEST: builds std for wasm32 with Debian's rustc-web, once per
# toolchain (the sandbox image's build, prepare-sandbox.ts), and puts its
# rlibs in DEST/lib/rustlib/wasm32-unknown-unknown/lib. std's dependencies
# must be in CARGO_HOME already (cargo fetch -Z build-std). lto = true makes
# the rlibs carry bitcode, which a job's LTO build needs. Nothing to do when
# rustup's target is there.
wasm_std() {
  local dest="$1" crate=/work/hl-wasm-std libdir
  case "$(wasm_route)" in
    rustup) echo "wasm-std: rustup's $wasm_target target is installed; nothing to prepare"; return 0 ;;
    none) echo "wasm-std: neither rustup's $wasm_target target nor Debian's rustc-web with its std sources ($debian_std_src)" >&2; exit 70 ;;
  esac
  mkdir -p "$crate/src"
  : >"$crate/src/lib.rs"
  cat >"$crate/Cargo.toml" <<'TOML'
[package]
name = "hl-wasm-std"
version = "0.0.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]

[profile.release]
lto = true
panic = "abort"
codegen-units = 1
TOML
  (cd "$crate" && RUSTC="$debian_rustc" RUSTC_BOOTSTRAP=1 "$debian_cargo" build --release --offline \
    -Z build-std=std,panic_abort --target "$wasm_target" 3>&-)
  libdir="$dest/lib/rustlib/$wasm_target/lib"
  rm -rf "${libdir:?}" && mkdir -p "$libdir"
  find "$crate/target/$wasm_target/release/deps" -name 'lib*.rlib' ! -name 'libhl_wasm_std*' -exec cp {} "$libdir/" \;
  rm -rf "$crate"
  has_std "$libdir" || { echo "wasm-std: no libstd among the built rlibs" >&2; exit 70; }
  echo "wasm-std: $(ls "$libdir" | wc -l) rlibs in $libdir"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Runs one test in its own process under a time limit (seconds) and reports it:
#   test <language> <file or folder> <name> <exit status> <milliseconds> <output as base64>
# Prints a short line for the learner's live view too. Sets test_status.
test_status=0
run_one_test() {
  local lang="$1" where="$2" name="$3" limit="$4" cwd="$5"
  shift 5
  local log=/tmp/hl-test-output started ended verdict
  test_status=0
  started=$(now_ms)
  (cd "$cwd" && timeout -k 2 "$limit" "$@" >"$log" 2>&1 </dev/null 3>&-) || test_status=$?
  ended=$(now_ms)
  case "$test_status" in 0) verdict=ok ;; 124 | 137) verdict=STOPPED ;; *) verdict=FAIL ;; esac
  printf '%-7s %s (%d ms)\n' "$verdict" "$name" "$((ended - started))"
  printf 'test %s %s %s %s %s %s\n' "$lang" "$where" "$name" "$test_status" "$((ended - started))" "$(head -c 65536 "$log" | base64 -w0)" >&3
}

# rust-tests LIMIT: builds every test target of the crate, then runs each test
# of each target in its own process. Exit 0: all passed; 1: some did not;
# 2: the tests did not build.
rust_tests() {
  local limit="$1" messages=/tmp/hl-cargo-test.jsonl result=0 target src exe name
  prepare_target
  cd /work/rust
  if ! cargo_json "$messages" test --no-run; then
    echo "build-failed rust" >&3
    exit 2
  fi
  # One line per test executable: target name, source path, executable.
  sed -n 's/.*"target":{[^}]*"name":"\([^"]*\)","src_path":"\([^"]*\)"[^}]*}.*"executable":"\([^"]*\)".*/\1 \2 \3/p' "$messages" >/tmp/hl-test-targets
  while read -r target src exe; do
    echo "target rust $target ${src#/work/}" >&3
    "$exe" --list --format terse 3>&- </dev/null | sed -n 's/: test$//p' >/tmp/hl-test-names
    while read -r name; do
      run_one_test rust "${src#/work/}" "$name" "$limit" /work/rust "$exe" --exact "$name" --test-threads=1 --nocapture
      [ "$test_status" = 0 ] || result=1
    done </tmp/hl-test-names
  done </tmp/hl-test-targets
  echo "tests-done rust" >&3
  exit "$result"
}

# go-tests LIMIT DIR:TestName...: compiles the test binary of each package
# folder once, then runs each named test in its own process. Go's own
# -test.timeout fires first, so a hanging test ends with its goroutine dump.
go_tests() {
  local limit="$1" result=0 dir name bin built=""
  shift
  prepare_gocache
  mkdir -p "$out/go-tests"
  for spec in "$@"; do
    dir=${spec%%:*}
    name=${spec#*:}
    bin="$out/go-tests/pkg-$(printf '%s' "$dir" | tr '/.' '__').test"
    case " $built " in
      *" $dir "*) ;;
      *)
        built="$built $dir"
        if ! go test -c -o "$bin" "./$dir" 3>&-; then
          echo "build-failed go $dir" >&3
          result=2
        fi
        ;;
    esac
    [ -x "$bin" ] || continue
    run_one_test go "$dir" "$name" "$((limit + 2))" "/work/$dir" "$bin" -test.run "^${name}\$" -test.v=test2json -test.count=1 -test.timeout="${limit}s"
    [ "$test_status" = 0 ] || [ "$result" = 2 ] || result=1
  done
  echo "tests-done go" >&3
  exit "$result"
}

case "${1:-}" in
  cargo-build)
    prepare_target
    cd /work/rust
    cargo_json /tmp/hl-cargo-build.jsonl build --release
    ;;
  cargo-test)
    # Warm-up form (no report channel needed): build and run the tests as cargo does.
    prepare_target
    cd /work/rust
    exec cargo test --offline 3>&-
    ;;
  rust-tests)
    rust_tests "${2:-10}"
    ;;
  go-build)
    prepare_gocache
    mkdir -p "$out"
    exec go build -o "$out/app" . 3>&-
    ;;
  go-test)
    prepare_gocache
    exec go test ./... 3>&-
    ;;
  go-tests)
    shift
    go_tests "$@"
    ;;
  run-go)
    run_program "$out/app"
    ;;
  run-rust)
    cd /work/rust
    run_program cargo run --release --offline --quiet
    ;;
  wasm-build)
    wasm_build
    ;;
  wasm-std)
    wasm_std "${2:-$wasm_sysroot}"
    ;;
  wasm-route)
    wasm_route
    ;;
  noop)
    exit 0
    ;;
  versions)
    echo "go=$(go env GOVERSION)"
    echo "rustc=$(rustc --version)"
    echo "cargo=$(cargo --version)"
    echo "cc=$(cc -dumpfullversion 2>/dev/null || cc -dumpversion)"
    case "$(wasm_route)" in
      rustup) echo "wasm=$(rustc --version) ($wasm_target, rustup target)" ;;
      debian) echo "wasm=$("$debian_rustc" --version) ($wasm_target, std prepared from Debian's rust-web-src)" ;;
      *) echo "wasm=none" ;;
    esac
    ;;
  *)
    echo "hl-step: unknown command '${1:-}' (expected cargo-build, cargo-test, rust-tests, go-build, go-test, go-tests, run-go, run-rust, wasm-build, wasm-std, wasm-route, noop or versions)" >&2
    exit 64
    ;;
esac
