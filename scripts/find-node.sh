#!/usr/bin/env bash
# The one place that decides which Node Hybrid Lab runs on (and copies into
# its images): the first `node` on PATH when it is >= 22.12, else the
# project's own Node 22 under $HYBRID_LAB_CACHE/node (default
# ~/.cache/hybrid-lab/node), installed there from the npm registry's `node`
# package when missing. The machine's Node may well be older (Debian's is 20).
#
# Two ways to use it:
#   source scripts/find-node.sh; hybrid_lab_find_node   # sets $node_bin and $hybrid_lab_cache
#   bash scripts/find-node.sh                           # prints the path of that node
# Messages go to stderr; stdout carries only the path.

hybrid_lab_cache="${HYBRID_LAB_CACHE:-$HOME/.cache/hybrid-lab}"

hybrid_lab_node_is_recent() {
  # True when $1 runs and reports a version >= 22.12.
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
           process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

# Sets node_bin to a Node >= 22.12, installing the project's own when needed;
# returns 1 (with the fix on stderr) when there is none to be had.
hybrid_lab_find_node() {
  local cached="$hybrid_lab_cache/node/node_modules/.bin/node"
  node_bin=""
  if command -v node >/dev/null && hybrid_lab_node_is_recent "$(command -v node)"; then
    node_bin="$(command -v node)"
  elif [ -x "$cached" ] && hybrid_lab_node_is_recent "$cached"; then
    node_bin="$cached"
  elif command -v npm >/dev/null; then
    echo "hybrid-lab: Node $(node -v 2>/dev/null || echo '(none)') is older than 22.12; installing Node 22 from the npm registry into $hybrid_lab_cache/node" >&2
    mkdir -p "$hybrid_lab_cache/node"
    npm install --prefix "$hybrid_lab_cache/node" --no-audit --no-fund --loglevel=error node@22 >&2 || true
    if [ -x "$cached" ] && hybrid_lab_node_is_recent "$cached"; then
      node_bin="$cached"
    else
      echo "hybrid-lab: the node package did not give a working Node 22 at $cached." >&2
      echo "  Fix: install Node >= 22.12 yourself and put it first on PATH." >&2
      return 1
    fi
  else
    echo "hybrid-lab: needs Node >= 22.12 and found neither node nor npm." >&2
    echo "  Fix: apt-get install -y nodejs npm   (then run this command again; it fetches Node 22 itself)" >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  hybrid_lab_find_node || exit 1
  printf '%s\n' "$node_bin"
fi
