#!/usr/bin/env bash
# `npm run maintainer -- set --min-client 1.4.0 [--remote --env production]`: see docs/runbooks/.
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
ensure_toolchain
# The local database is the one `npm start` serves (see local_state_dir).
export CORATES_LOCAL_STATE_DIR="$(local_state_dir)"
cd "$ROOT/packages/workers"
exec pnpm exec tsx scripts/maintainer.ts "$@"
