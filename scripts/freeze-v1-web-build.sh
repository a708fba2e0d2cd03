#!/usr/bin/env bash
# Freezes the last version-1 release (document model v1: web app 0.2.0 and its Worker) into
# packages/web/e2e/fixtures/v1-release.tar.gz: `web/` (the web build, without source maps) and
# `worker/index.js` (the Worker bundled as `wrangler deploy` would upload it, minified).
# e2e/v1-offline-edits.e2e.ts runs them as the release users had before document model v2, then
# deploys this tree over the same local state. Committed rather than built by the test: building
# it needs the commit's history and a second dependency install, which a CI clone may not have and
# which would cost minutes on every run. Run it again only to refreeze; the archive has fixed
# times and owners, so it only changes when what was built does.
#
#   scripts/freeze-v1-web-build.sh [commit]    (default: LAST_V1_COMMIT of bench/doc-open/config.ts)
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
ensure_toolchain

REV="${1:-$(sed -n "s/^export const LAST_V1_COMMIT = '\([0-9a-f]*\)';$/\1/p" \
  "$ROOT/packages/web/bench/doc-open/config.ts")}"
[ -n "$REV" ] || die "no commit given and LAST_V1_COMMIT not found in bench/doc-open/config.ts"
OUT="$ROOT/packages/web/e2e/fixtures/v1-release.tar.gz"

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/corates-freeze-v1-XXXXXX")"
cleanup() {
  git -C "$ROOT" worktree remove --force "$SCRATCH/repo" >/dev/null 2>&1
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

log "checking out $REV in a temporary worktree"
git -C "$ROOT" worktree add --detach "$SCRATCH/repo" "$REV" >/dev/null || die "no commit $REV"
cd "$SCRATCH/repo" || die "worktree missing"
log "installing its dependencies"
pnpm install --frozen-lockfile --prefer-offline >/dev/null || die "pnpm install failed at $REV"

log "building its web app"
cd "$SCRATCH/repo/packages/web" || die "no packages/web at $REV"
# No source maps: nothing in the test reads them and they are two thirds of the build's bytes.
node node_modules/vite/bin/vite.js build --outDir "$SCRATCH/out/web" --emptyOutDir --sourcemap false \
  >/dev/null || die "vite build failed at $REV"

log "bundling its Worker"
cd "$SCRATCH/repo/packages/workers" || die "no packages/workers at $REV"
# The dry run checks the assets directory exists; the bundle does not depend on its contents.
mkdir -p ../web/dist
pnpm exec wrangler deploy --dry-run --env="" --minify --outdir "$SCRATCH/bundle" >/dev/null ||
  die "wrangler could not bundle the Worker at $REV"
mkdir -p "$SCRATCH/out/worker"
cp "$SCRATCH/bundle/index.js" "$SCRATCH/out/worker/index.js"

mkdir -p "$(dirname "$OUT")"
tar --sort=name --mtime='2026-01-01 00:00Z' --owner=0 --group=0 --numeric-owner \
  -C "$SCRATCH/out" -cf - web worker | gzip -9n >"$OUT"
log "wrote $OUT ($(du -k "$OUT" | cut -f1) kB) from $REV"
