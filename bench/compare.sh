#!/bin/sh
# compare.sh -- issue 21's speed targets measured in one run, side by side with the floor, the peer
# (json-rules-engine on node) and jq; prints a summary table.  See bench/README.md ("compare.sh").
#
#   bench/compare.sh [--plans 10000] [--rss-plans 100000] [--hogo build/hogo] [--json] ...
#
# Needs a built tree (build/hogo, build/hogo-bench), node and npm (the peer is installed from
# bench/peer/package-lock.json with `npm ci` on first use), python3 and jq.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/peer/node_modules/json-rules-engine" ]; then
    (cd "$here/peer" && npm ci --no-audit --no-fund >/dev/null)
fi
exec python3 "$here/compare.py" "$@"
