#!/usr/bin/env bash
# `npm run federation -- shares | share ID | graph ID [--svg FILE] | subscriptions | pull ID --url U
# | unsubscribe ID --url U`: federation's admin views from a shell; see docs/federation.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
ensure_toolchain
# The local database is the one `npm start` serves (see local_state_dir).
export CORATES_LOCAL_STATE_DIR="$(local_state_dir)"
cd "$ROOT/packages/workers"
exec pnpm exec tsx scripts/federation.ts "$@"
