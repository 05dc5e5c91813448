#!/usr/bin/env bash
# Builds the Hybrid Lab images with podman (or docker), without any
# container registry:
#   localhost/hybrid-lab-base:bookworm-cgo   Debian bookworm minbase + gcc, libc6-dev, bubblewrap
#                                            (debootstrap + import; skipped when BASE is set)
#   localhost/hybrid-lab-sandbox:latest      toolchains, prefetched + prebuilt crates, warm Go cache
#   localhost/hybrid-lab-runner:latest       the runner (bubblewrap backend inside its container)
#   localhost/hybrid-lab-site:latest         site/dist behind a small static server
#
# Idempotent: each image is labelled with a hash of its inputs and skipped
# when an image with that hash exists. Usage:
#   bash docker/build-images.sh [sandbox|runner|site|all]   (default: sandbox)
# Environment:
#   ENGINE=podman|docker   BASE=<image>  (a stock upstream base such as debian:bookworm-slim)
#
# The runner and site images get the Node the project itself runs on, found by
# scripts/find-node.sh (the first node on PATH if >= 22.12, else the project's
# own Node 22 in ~/.cache/hybrid-lab/node), never simply the first node on PATH:
# the runner runs its TypeScript sources directly, which Node 20 cannot.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
what="${1:-sandbox}"
engine="${ENGINE:-}"
if [[ -z "$engine" ]]; then
  if command -v podman >/dev/null; then engine=podman; elif command -v docker >/dev/null; then engine=docker; else
    echo "build-images: neither podman nor docker is installed (apt-get install podman runc)" >&2; exit 1
  fi
fi
build_flags=()
if [[ "$engine" == podman && -x /usr/sbin/runc ]]; then build_flags+=(--runtime /usr/sbin/runc); fi
# `run` here also needs explicit rlimits (raising the engine's defaults is not permitted).
run_flags=("${build_flags[@]}" --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)

log() { printf '[build-images] %s\n' "$*" >&2; }
image_exists() { "$engine" image inspect "$1" >/dev/null 2>&1; }
image_id() { "$engine" image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
# After a rebuild the previous image of a tag is left untagged (over 1 GB for the
# sandbox and runner): remove it, unless a container or another image still uses it.
drop_replaced() { [[ -n "$2" && "$2" != "$(image_id "$1")" ]] && "$engine" rmi "$2" >/dev/null 2>&1; return 0; }
image_label() { "$engine" image inspect --format "{{ index .Config.Labels \"hybrid-lab.inputs\" }}" "$1" 2>/dev/null || true; }
# Every Rust crate of every lesson whose dependencies the sandbox image
# prefetches: the example's and the exercise's starter and solution (the same
# list as sandbox-runner/src/prepare-sandbox.ts), relative to the repository.
lesson_manifests() {
  local m
  for m in "$repo"/lessons/*/{example,exercise/starter,exercise/solution}/rust/Cargo.toml; do
    [[ -f "$m" ]] && printf '%s\n' "${m#"$repo"/}"
  done
  return 0
}
# Hashes name files relative to the repository, so every clone of the same
# commit computes the same inputs (CI clones to a new path each time).
lesson_crates_hash() {
  local m
  (cd "$repo" && for m in $(lesson_manifests); do
    sha256sum "$m"
    if [[ -f "${m%.toml}.lock" ]]; then sha256sum "${m%.toml}.lock"; else echo "no lock ${m%.toml}.lock"; fi
  done)
}
hash_paths() { (cd "$repo" && find "$@" -type f ! -path '*/target/*' ! -path '*/node_modules/*' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }
# The code of this script that decides what goes into an image is one of its
# inputs too: `declare -f` prints those functions (as bash reads them, so a
# change to a comment or to another image's part rebuilds nothing).
hash_functions() { declare -f "$@" | sha256sum | cut -c1-16; }

go_root="${RUNNER_GOROOT:-$(go env GOROOT)}"
rust_sysroot="${RUNNER_RUST_SYSROOT:-$(rustc --print sysroot)}"
# The Node copied into the runner and site images; found only when one of them is built.
node_bin=""
node_version=""
find_project_node() {
  [[ -n "$node_bin" ]] && return
  # shellcheck source=../scripts/find-node.sh
  source "$repo/scripts/find-node.sh"
  hybrid_lab_find_node || exit 1
  node_version="$("$node_bin" --version)"
  log "Node for the images: $node_version ($node_bin)"
}

# --- base -------------------------------------------------------------------
base="${BASE:-localhost/hybrid-lab-base:bookworm-cgo}"
build_base() {
  if [[ -n "${BASE:-}" ]] || image_exists "$base"; then return; fi
  command -v debootstrap >/dev/null || { echo "build-images: debootstrap is needed for the offline base (apt-get install debootstrap), or set BASE=debian:bookworm-slim" >&2; exit 1; }
  local dir; dir="$(mktemp -d /var/tmp/hybrid-lab-rootfs.XXXXXX)"
  log "making the base image with debootstrap (a few minutes) in $dir"
  debootstrap --variant=minbase --include=gcc,libc6-dev,bubblewrap bookworm "$dir/rootfs" http://deb.debian.org/debian >"$dir/debootstrap.log" 2>&1 \
    || { tail -20 "$dir/debootstrap.log" >&2; exit 1; }
  rm -rf "$dir/rootfs/var/cache/apt/archives/"*.deb "$dir/rootfs/var/lib/apt/lists/"*
  tar -C "$dir/rootfs" -c . | "$engine" import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
  rm -rf "$dir"
  log "base image $base ready"
}

# --- wasm32 -------------------------------------------------------------------
# The image's wasm32 std comes the host's way (scripts/toolchain.ts wasmRoute):
# rustup's target, copied with the Rust toolchain, needs nothing more; without
# it the image gets Debian's rustc-web at the host's exact versions (as .debs
# fetched here, so the image build itself stays offline) and builds std once
# (hl-step wasm-std). The packages: scripts/toolchain.ts debianRust.packages.
debian_rust_packages=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)
deb_cache="${HYBRID_LAB_CACHE:-$HOME/.cache/hybrid-lab}/sandbox-debs"
wasm_route="none"
if compgen -G "$rust_sysroot/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*" >/dev/null; then
  wasm_route="rustup"
elif [[ -x /usr/bin/rustc && -x /usr/bin/cargo && -d /usr/lib/rustlib/src/rust/library ]] \
  && dpkg-query -W "${debian_rust_packages[@]}" >/dev/null 2>&1; then
  wasm_route="debian"
fi
# The .deb files the base image lacks for Debian's rustc-web at the host's versions, one per line
# (apt inside the base, offline, with the host's package lists, tells which).
debian_rust_debs() {
  local pins
  pins="$(dpkg-query -W -f '${Package}=${Version} ' "${debian_rust_packages[@]}")"
  # shellcheck disable=SC2086
  "$engine" run --rm "${run_flags[@]}" --network=none -v /var/lib/apt/lists:/var/lib/apt/lists:ro -v /etc/apt:/etc/apt:ro \
    "$base" apt-get install --print-uris -qq --no-install-recommends $pins | awk '{print $2}' | sort
}
# Downloads (once, into the per-user cache) and copies the .debs into $1.
fetch_debs() {
  local dest="$1" deb name version
  mkdir -p "$deb_cache" "$dest"
  for deb in "${wasm_debs[@]}"; do
    if [[ ! -s "$deb_cache/$deb" ]]; then
      name="${deb%%_*}"; version="${deb#*_}"; version="${version%_*}"; version="${version//%3a/:}"
      log "downloading $name=$version"
      (cd "$deb_cache" && apt-get download -q "$name=$version" >&2) || { echo "build-images: could not download $name=$version (apt-get download); check the network to Debian's mirrors" >&2; exit 1; }
    fi
    cp "$deb_cache/$deb" "$dest/"
  done
}

# --- sandbox ------------------------------------------------------------------
# The crates go into a CARGO_HOME of this user's that outlives the build (like
# the .debs), and each fetch tries the cache alone first: a rebuild that needs
# no new crate (a new toolchain, a comment changed in a lesson's Cargo.toml)
# then works with no internet. The image gets a copy of the whole cache.
cargo_cache="${HYBRID_LAB_CACHE:-$HOME/.cache/hybrid-lab}/sandbox-cargo-home"
# fetch_crates WHAT CARGO fetch ARGS...: runs the `cargo fetch` given with the cache as CARGO_HOME.
fetch_crates() {
  local what="$1"; shift
  CARGO_HOME="$cargo_cache" "$@" --offline >/dev/null 2>&1 && return
  log "fetching crates for $what that are not in $cargo_cache yet (needs the internet)"
  CARGO_HOME="$cargo_cache" "$@" >&2
}

fill_sandbox_context() {
  local ctx="$here/.build/sandbox"
  rm -rf "$ctx" && mkdir -p "$ctx/rust" "$ctx/cargo-home" "$cargo_cache"
  # Hard links keep this fast when the toolchains live on the same disk.
  cp -al "$go_root" "$ctx/go" 2>/dev/null || cp -a "$go_root" "$ctx/go"
  for part in bin lib libexec; do
    [[ -e "$rust_sysroot/$part" ]] || continue
    cp -al "$rust_sysroot/$part" "$ctx/rust/" 2>/dev/null || cp -a "$rust_sysroot/$part" "$ctx/rust/"
  done
  cp "$repo/sandbox-runner/sandbox/hl-step.sh" "$ctx/hl-step.sh"
  mkdir -p "$ctx/warmup" && (cd "$repo/sandbox-runner/sandbox/warmup" && tar --exclude=./rust/target -c .) | tar -C "$ctx/warmup" -x
  # Prefetch the crates of the warm-up crate and of every lesson (the build has no network).
  local manifests=("$repo/sandbox-runner/sandbox/warmup/rust/Cargo.toml")
  local m; for m in $(lesson_manifests); do manifests+=("$repo/$m"); done
  for m in "${manifests[@]}"; do
    local scratch; scratch="$(mktemp -d)"
    cp "$m" "$scratch/Cargo.toml"
    [[ -f "$(dirname "$m")/Cargo.lock" ]] && cp "$(dirname "$m")/Cargo.lock" "$scratch/"
    mkdir "$scratch/src" && : >"$scratch/src/lib.rs" && echo 'fn main() {}' >"$scratch/src/main.rs"
    fetch_crates "${m#"$repo"/}" "$rust_sysroot/bin/cargo" fetch --manifest-path "$scratch/Cargo.toml"
    rm -rf "$scratch"
  done
  mkdir -p "$ctx/debs"
  if [[ "$wasm_route" == debian ]]; then
    fetch_debs "$ctx/debs"
    # std's own dependencies, for the one build of std in the image (hl-step wasm-std).
    local scratch; scratch="$(mktemp -d)"
    printf '[package]\nname = "hl-fetch-std"\nversion = "0.0.0"\nedition = "2021"\n' >"$scratch/Cargo.toml"
    mkdir "$scratch/src" && : >"$scratch/src/lib.rs"
    (cd "$scratch" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 fetch_crates "the wasm32 std" /usr/bin/cargo fetch -Z build-std=std,panic_abort --target wasm32-unknown-unknown)
    rm -rf "$scratch"
  fi
  cp -al "$cargo_cache/." "$ctx/cargo-home/" 2>/dev/null || cp -a "$cargo_cache/." "$ctx/cargo-home/"
}

build_sandbox() {
  local image=localhost/hybrid-lab-sandbox:latest
  local base_id; base_id="$("$engine" image inspect --format '{{.Id}}' "$base" 2>/dev/null || echo "$base")"
  wasm_debs=()
  if [[ "$wasm_route" == debian ]]; then
    mapfile -t wasm_debs < <(debian_rust_debs)
    [[ ${#wasm_debs[@]} -gt 0 ]] || { echo "build-images: apt in $base found no packages for ${debian_rust_packages[*]} (are the host's package lists current? apt-get update)" >&2; exit 1; }
  fi
  log "wasm32 std in the image: $wasm_route${wasm_debs:+ (${#wasm_debs[@]} Debian packages)}"
  local inputs
  inputs="$( { echo "$base_id"; "$go_root/bin/go" version; "$rust_sysroot/bin/rustc" -vV; hash_paths docker/sandbox.Dockerfile sandbox-runner/sandbox; \
    hash_functions fill_sandbox_context fetch_crates fetch_debs debian_rust_debs lesson_manifests; lesson_crates_hash; echo "wasm $wasm_route"; printf '%s\n' "${wasm_debs[@]}"; } | sha256sum | cut -c1-16)"
  if [[ "$(image_label "$image")" == "$inputs" ]]; then log "sandbox image up to date ($inputs)"; return; fi
  log "building the sandbox image (inputs $inputs)"
  local old; old="$(image_id "$image")"
  fill_sandbox_context
  "$engine" build "${build_flags[@]}" --network=none --build-arg "BASE=$base" --label "hybrid-lab.inputs=$inputs" \
    -f "$here/sandbox.Dockerfile" -t "$image" "$here/.build/sandbox" >&2
  rm -rf "$here/.build/sandbox"
  drop_replaced "$image" "$old"
  log "sandbox image ready"
}

# --- runner -------------------------------------------------------------------
build_runner() {
  local image=localhost/hybrid-lab-runner:latest
  local sandbox_id; sandbox_id="$("$engine" image inspect --format '{{.Id}}' localhost/hybrid-lab-sandbox:latest)"
  find_project_node
  # The Node version is an input: a different Node rebuilds the image.
  local inputs
  inputs="$( { echo "$sandbox_id"; echo "node $node_version"; hash_paths docker/runner.Dockerfile sandbox-runner; hash_functions build_runner; (cd "$repo" && sha256sum node_modules/zod/package.json); } | sha256sum | cut -c1-16)"
  if [[ "$(image_label "$image")" == "$inputs" ]]; then log "runner image up to date ($inputs)"; return; fi
  log "building the runner image (inputs $inputs)"
  local old; old="$(image_id "$image")"
  local ctx="$here/.build/runner"
  rm -rf "$ctx" && mkdir -p "$ctx/app/node_modules"
  cp -L "$node_bin" "$ctx/node"
  (cd "$repo/sandbox-runner" && tar -c package.json src sandbox openapi.json) | tar -C "$ctx/app" -x
  cp -a "$repo/node_modules/zod" "$ctx/app/node_modules/zod"
  "$engine" build "${build_flags[@]}" --network=none --label "hybrid-lab.inputs=$inputs" -f "$here/runner.Dockerfile" -t "$image" "$ctx" >&2
  rm -rf "$ctx"
  drop_replaced "$image" "$old"
  log "runner image ready"
}

# --- site ---------------------------------------------------------------------
build_site() {
  local image=localhost/hybrid-lab-site:latest
  [[ -f "$repo/site/dist/index.html" ]] || { echo "build-images: site/dist is missing; build the site first (npm run build)" >&2; exit 1; }
  find_project_node
  local inputs
  inputs="$( { "$engine" image inspect --format '{{.Id}}' "$base"; echo "node $node_version"; hash_paths docker/site.Dockerfile docker/static-server.mjs docker/content-encoding.mjs site/dist; hash_functions build_site; } | sha256sum | cut -c1-16)"
  if [[ "$(image_label "$image")" == "$inputs" ]]; then log "site image up to date ($inputs)"; return; fi
  log "building the site image (inputs $inputs)"
  local old; old="$(image_id "$image")"
  local ctx="$here/.build/site"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp -L "$node_bin" "$ctx/node"
  cp "$here/static-server.mjs" "$here/content-encoding.mjs" "$ctx/"
  cp -a "$repo/site/dist" "$ctx/dist"
  "$engine" build "${build_flags[@]}" --network=none --build-arg "BASE=$base" --label "hybrid-lab.inputs=$inputs" -f "$here/site.Dockerfile" -t "$image" "$ctx" >&2
  rm -rf "$ctx"
  drop_replaced "$image" "$old"
  log "site image ready"
}

# One build at a time: two runs (the images tests run side by side, or a
# developer's beside CI's) would share the build contexts and tags.
mkdir -p "$here/.build"
exec 9>"$here/.build/lock"
if ! flock -n 9; then
  log "another build-images.sh is running; waiting for it"
  flock 9
fi

build_base
case "$what" in
  sandbox) build_sandbox ;;
  runner) build_sandbox; build_runner ;;
  site) build_site ;;
  all) build_sandbox; build_runner; build_site ;;
  *) echo "usage: build-images.sh [sandbox|runner|site|all]" >&2; exit 2 ;;
esac
