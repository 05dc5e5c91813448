#!/usr/bin/env bash
# Entry point of every root npm script: finds a Node >= 22.12 (installing the
# `node` package from the npm registry into the user cache when the machine's
# Node is older), then hands over to hybrid.ts, which does the real work.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Which Node (and where the project's own one lives) is decided in one place,
# shared with docker/build-images.sh, which copies that Node into the images.
# shellcheck source=find-node.sh
source "$root/scripts/find-node.sh"
hybrid_lab_find_node || exit 1
cache="$hybrid_lab_cache"

# Every child (npm, npx, astro, vitest, wasm-pack) sees the same Node and the
# tools this project installed into its cache.
node_dir="$(dirname "$node_bin")"
case ":$PATH:" in *":$node_dir:"*) ;; *) PATH="$node_dir:$PATH" ;; esac
export PATH="$cache/cargo/bin:$PATH"
export HYBRID_LAB_CACHE="$cache"
exec "$node_bin" "$root/scripts/hybrid.ts" "$@"
