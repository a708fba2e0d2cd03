#!/usr/bin/env bash
# `pnpm bench`: run every benchmark group. Each prints its figures and rewrites only its own
# section of docs/benchmarks.md (between its `<!-- bench:ID:start/end -->` markers), so groups can
# be added here one line each. Settings are environment variables (each group's bench/config.ts).
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
ensure_toolchain

cd "$ROOT/packages/workers"
log "benchmark: ProjectDoc relay vs @y/websocket-server (about 10 minutes on 2 cores)"
pnpm exec tsx bench/relay-vs-peer.ts

cd "$ROOT/packages/web"
log "benchmark: offline metadata sync vs one REST call per mutation"
pnpm exec tsx bench/sync-vs-rest.ts
