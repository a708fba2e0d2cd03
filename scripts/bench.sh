#!/usr/bin/env bash
# `pnpm bench`: run every benchmark group; `pnpm bench <group>...` runs only those (relay-vs-peer,
# sync-vs-rest, pull, first-load, doc-cut, doc-open, federation). Each prints its figures and rewrites only its own
# section of docs/benchmarks.md (between its `<!-- bench:ID:start/end -->` markers), so groups can
# be added here one block each. Settings are environment variables (each group's bench/config.ts;
# doc-cut's bench/doc-cut-config.ts).
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
ensure_toolchain

GROUPS_KNOWN=(relay-vs-peer sync-vs-rest pull first-load doc-cut doc-open federation)
for g in "$@"; do
  [[ " ${GROUPS_KNOWN[*]} " == *" $g "* ]] || die "no benchmark group '$g' (groups: ${GROUPS_KNOWN[*]})"
done
SELECTED=("$@")
selected() { [ "${#SELECTED[@]}" -eq 0 ] || [[ " ${SELECTED[*]} " == *" $1 "* ]]; }

if selected relay-vs-peer; then
  cd "$ROOT/packages/workers"
  log "benchmark: ProjectDoc relay vs the runtime floor, y-partyserver and @y/websocket-server (about 30 minutes on 2 cores)"
  pnpm exec tsx bench/relay-vs-peer.ts
fi

if selected sync-vs-rest; then
  cd "$ROOT/packages/web"
  log "benchmark: offline metadata sync vs one REST call per mutation"
  pnpm exec tsx bench/sync-vs-rest.ts
fi

if selected pull; then
  cd "$ROOT/packages/web"
  log "benchmark: pull into an empty cache, from the app as npm start serves it (about 1 minute)"
  pnpm exec tsx bench/pull-into-empty-cache.ts
fi

if selected first-load; then
  cd "$ROOT/packages/web"
  log "benchmark: first load of the sign-in page and the project list, built files and Chromium (about 2 minutes)"
  pnpm exec tsx bench/first-load.ts
fi

if selected doc-cut; then
  cd "$ROOT/packages/workers"
  log "benchmark: Durable Object cut for the v2 document split, 200 studies × 3 checklists (about 10 minutes)"
  pnpm exec tsx bench/doc-cut.ts
fi

if selected doc-open; then
  cd "$ROOT/packages/web"
  log "benchmark: opening a 200-study project in Chromium, document model v1 vs v2 (about 10 minutes; installs the v1 build in a temporary worktree)"
  pnpm exec tsx bench/doc-open.ts
fi

if selected federation; then
  cd "$ROOT/packages/web"
  log "benchmark: a federated share of 10,000 records caught up from zero and after 100 changes, beside a naive peer (about 5 minutes)"
  pnpm exec tsx bench/federation.ts
fi
