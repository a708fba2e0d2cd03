#!/usr/bin/env bash
# Quick start, command 1: set everything up and run CoRATES locally on embedded defaults.
#   PORT         port to serve on (default 8787)
#   PERSIST_DIR  where wrangler keeps local D1/R2/Durable Object state (default .data/local)
#   FEDERATION_ALLOW_LOCAL_PEERS=true  let this server subscribe to shares of servers at http and
#                loopback/private addresses, e.g. another local one (docs/federation.md); off by default
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
ensure_toolchain

PORT="${PORT:-8787}"
HOST="127.0.0.1"
PERSIST_DIR="$(local_state_dir)"
URL="http://$HOST:$PORT"

cd "$ROOT"
# Rebuild the web app only when its sources (or shared's) changed since the last build.
if [ ! -f packages/web/dist/index.html ] || [ -n "$(find packages/web/src packages/web/index.html packages/web/vite.config.ts packages/shared/src -newer packages/web/dist/index.html -print -quit)" ]; then
  log "building the web app"
  pnpm --filter @corates/web run build >/dev/null
fi

cd packages/workers
# This server's federation key (docs/federation.md): a Worker secret when deployed; locally made
# once per state directory (another PERSIST_DIR is another server) and passed to wrangler dev as a
# variable — not kept in .dev.vars, which `wrangler types` would read into the generated types.
FEDERATION_KEY_FILE="$PERSIST_DIR/federation-private-key"
if [ ! -s "$FEDERATION_KEY_FILE" ]; then
  log "generating this server's federation key ($FEDERATION_KEY_FILE)"
  (umask 077 && node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64url"))' >"$FEDERATION_KEY_FILE")
fi

log "applying D1 migrations to the local database ($PERSIST_DIR)"
CI=true pnpm exec wrangler d1 migrations apply DB --local --persist-to "$PERSIST_DIR" >/dev/null

# The local-development exception to federation's SSRF rule, only when asked for.
LOCAL_PEERS=()
if [ "${FEDERATION_ALLOW_LOCAL_PEERS:-}" = "true" ]; then
  LOCAL_PEERS=(--var "FEDERATION_ALLOW_LOCAL_PEERS:true")
fi

log "starting the Worker on $URL"
pnpm exec wrangler dev --ip "$HOST" --port "$PORT" --persist-to "$PERSIST_DIR" \
  --var "FEDERATION_PRIVATE_KEY:$(cat "$FEDERATION_KEY_FILE")" "${LOCAL_PEERS[@]}" \
  --show-interactive-dev-session=false --log-level warn &
WRANGLER_PID=$!
trap 'kill "$WRANGLER_PID" 2>/dev/null; wait "$WRANGLER_PID" 2>/dev/null' EXIT INT TERM

# Node's fetch rather than curl: a machine with only Node.js and npm may have no curl.
answers() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }
for _ in $(seq 1 120); do
  if answers "$URL/api/metadata"; then break; fi
  kill -0 "$WRANGLER_PID" 2>/dev/null || die "wrangler dev exited; see its output above"
  sleep 0.5
done
answers "$URL/api/metadata" || die "the app did not answer on $URL"

(cd ../web && pnpm exec tsx scripts/seed-demo.ts "$URL")
printf '\n  \033[1mCoRATES is running at %s\033[0m\n' "$URL"
printf '  Demo account: demo@corates.dev / corates-demo   (a second reviewer: reviewer@corates.dev / corates-demo)\n'
printf '  Stop with Ctrl+C.\n\n'
wait "$WRANGLER_PID"
