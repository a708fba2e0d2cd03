# Sourced by scripts/start.sh and scripts/test.sh: brings a machine that has only Node.js (20+) and
# npm up to what the project needs, using nothing but the npm registry (and Debian packages for
# Chromium, in tests). Idempotent: a second run only checks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION="22.23.3"   # wrangler and vitest-pool-workers need Node >= 22.12
PNPM_VERSION="10.34.8"   # keep equal to "packageManager" in package.json

# Local dev and tests never reach Cloudflare: no metrics, no Request.cf download.
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

# Where local runs keep wrangler's D1/R2/Durable Object state: `npm start` serves from it and
# `npm run maintainer` (without --remote) changes it. PERSIST_DIR overrides it for both.
local_state_dir() {
  local dir="${PERSIST_DIR:-$ROOT/.data/local}"
  mkdir -p "$dir" && (cd "$dir" && pwd)
}

log() { printf '\033[1;34m[corates]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[corates] %s\033[0m\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  command -v node >/dev/null || die "Node.js is required (20 or newer): https://nodejs.org"
  command -v npm >/dev/null || die "npm is required"
  if [ "$(node_major)" -ge 22 ]; then return; fi
  local bin="$TOOLS/node/node_modules/node/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" -v)" != "v$NODE_VERSION" ]; then
    log "Node $(node -v) is older than 22: installing Node $NODE_VERSION from the npm registry into .tools/"
    npm install --prefix "$TOOLS/node" --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >/dev/null
  fi
  export PATH="$bin:$PATH"
  [ "$(node_major)" -ge 22 ] || die "could not install Node 22 into $TOOLS/node"
}

ensure_pnpm() {
  local bin="$TOOLS/pnpm/node_modules/.bin"
  if [ ! -x "$bin/pnpm" ] || [ "$("$bin/pnpm" -v)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION from the npm registry into .tools/"
    npm install --prefix "$TOOLS/pnpm" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$bin:$PATH"
}

ensure_dependencies() {
  cd "$ROOT"
  local stamp="node_modules/.corates-install-stamp"
  if [ -f "$stamp" ] && [ "$stamp" -nt pnpm-lock.yaml ] && [ "$stamp" -nt package.json ]; then
    return
  fi
  log "installing dependencies (pnpm install)"
  pnpm install --frozen-lockfile --reporter=append-only | grep -v '^Progress' || die "pnpm install failed"
  touch "$stamp"
}

# Debian's Chromium for browser tests; a test tool's own browser download cannot work offline.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian's chromium for the browser tests (apt-get)"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
    || die "could not install chromium with apt-get"
}

ensure_toolchain() {
  ensure_node
  ensure_pnpm
  ensure_dependencies
}
