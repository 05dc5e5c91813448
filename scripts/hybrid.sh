#!/usr/bin/env bash
# Entry point of every root npm script: finds a Node >= 22.12 (installing the
# `node` package from the npm registry into the user cache when the machine's
# Node is older), then hands over to hybrid.ts, which does the real work.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${HYBRID_LAB_CACHE:-$HOME/.cache/hybrid-lab}"
cached_node_dir="$cache/node/node_modules/.bin"

node_is_recent() {
  # True when $1 runs and reports a version >= 22.12.
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
           process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

node_bin=""
if command -v node >/dev/null && node_is_recent "$(command -v node)"; then
  node_bin="$(command -v node)"
elif [ -x "$cached_node_dir/node" ] && node_is_recent "$cached_node_dir/node"; then
  node_bin="$cached_node_dir/node"
elif command -v npm >/dev/null; then
  echo "hybrid-lab: Node $(node -v 2>/dev/null || echo '(none)') is older than 22.12; installing Node 22 from the npm registry into $cache/node" >&2
  mkdir -p "$cache/node"
  npm install --prefix "$cache/node" --no-audit --no-fund --loglevel=error node@22 >&2
  node_bin="$cached_node_dir/node"
  node_is_recent "$node_bin" || {
    echo "hybrid-lab: the node package did not give a working Node 22 at $node_bin." >&2
    echo "  Fix: install Node >= 22.12 yourself and put it first on PATH." >&2
    exit 1
  }
else
  echo "hybrid-lab: needs Node >= 22.12 and found neither node nor npm." >&2
  echo "  Fix: apt-get install -y nodejs npm   (then run this command again; it fetches Node 22 itself)" >&2
  exit 1
fi

# Every child (npm, npx, astro, vitest, wasm-pack) sees the same Node and the
# tools this project installed into its cache.
node_dir="$(dirname "$node_bin")"
case ":$PATH:" in *":$node_dir:"*) ;; *) PATH="$node_dir:$PATH" ;; esac
export PATH="$cache/cargo/bin:$PATH"
export HYBRID_LAB_CACHE="$cache"
exec "$node_bin" "$root/scripts/hybrid.ts" "$@"
