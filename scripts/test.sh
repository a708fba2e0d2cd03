#!/usr/bin/env bash
# Quick start, command 2: set everything up and run every check and test; non-zero on any failure.
# Order: cheapest first, so a formatting slip fails in seconds rather than after the browser tests.
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
ensure_toolchain
ensure_chromium
cd "$ROOT"

step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

step "format (prettier --check)"
pnpm run format:check

step "generated files (OpenAPI document, client types, Worker binding types)"
pnpm run openapi:check

step "typecheck, lint, unit and Worker (workerd) tests"
pnpm exec turbo run typecheck lint test --concurrency=2 --output-logs=errors-only

step "browser tests (Chromium) against the app started the README way"
pnpm --filter @corates/web run e2e

printf '\n\033[1;32mAll checks and tests passed.\033[0m\n'
