import { applyD1Migrations, env } from 'cloudflare:test';

// The same migration files wrangler applies in dev and production; idempotent per test file.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
