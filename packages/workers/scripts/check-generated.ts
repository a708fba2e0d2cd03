// Fails when a generated, committed file no longer matches its source:
//   packages/workers/openapi.json            ← the route definitions
//   packages/web/src/api/openapi.d.ts        ← openapi.json (openapi-typescript)
//   packages/workers/src/worker-configuration.d.ts ← wrangler.jsonc (wrangler types)
//   docs/endpoints.md                        ← the route definitions and the op registry
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InventoryIncomplete } from './lib/endpoint-inventory.ts';
import { renderEndpoints } from './lib/endpoints-document.ts';
import { renderOpenApi } from './lib/openapi-document.ts';

const workers = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(workers, '../web');
const tmp = mkdtempSync(path.join(tmpdir(), 'corates-drift-'));
const failures: string[] = [];

try {
  const doc = await renderOpenApi();
  if (doc !== readFileSync(path.join(workers, 'openapi.json'), 'utf8')) {
    failures.push('packages/workers/openapi.json is out of date with the routes');
  }
  const endpoints = await renderEndpoints().catch((e: unknown) => {
    if (e instanceof InventoryIncomplete) return e;
    throw e;
  });
  if (endpoints instanceof InventoryIncomplete) {
    failures.push(`docs/endpoints.md cannot be generated:\n${endpoints.message}`);
  } else if (endpoints !== readFileSync(path.join(workers, '../../docs/endpoints.md'), 'utf8')) {
    failures.push('docs/endpoints.md is out of date with the routes and op types');
  }

  // Types are generated from the committed document, exactly as `openapi:types` does.
  const types = path.join(tmp, 'openapi.d.ts');
  writeFileSync(path.join(tmp, 'openapi.json'), readFileSync(path.join(workers, 'openapi.json')));
  const gen = spawnSync(
    path.join(web, 'node_modules/.bin/openapi-typescript'),
    [path.join(tmp, 'openapi.json'), '-o', types],
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`openapi-typescript failed: ${gen.stderr}`);
  if (
    readFileSync(types, 'utf8') !== readFileSync(path.join(web, 'src/api/openapi.d.ts'), 'utf8')
  ) {
    failures.push('packages/web/src/api/openapi.d.ts is out of date with openapi.json');
  }

  const wrangler = spawnSync(
    path.join(workers, 'node_modules/.bin/wrangler'),
    [
      'types',
      '--include-runtime=false',
      '--strict-vars=false',
      'src/worker-configuration.d.ts',
      '--check',
    ],
    { cwd: workers, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
  if (wrangler.status !== 0)
    failures.push(
      'packages/workers/src/worker-configuration.d.ts is out of date with wrangler.jsonc',
    );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`Generated files drifted:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  console.error(
    'Regenerate with `pnpm openapi:generate && pnpm --filter @corates/workers cf-typegen` and commit the result.',
  );
  process.exit(1);
}
console.log(
  'Generated files are up to date: openapi.json, openapi.d.ts, endpoints.md, worker-configuration.d.ts',
);
