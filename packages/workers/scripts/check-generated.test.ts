import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const workers = fileURLToPath(new URL('..', import.meta.url));
const shared = path.join(workers, '../shared');
const tsx = path.join(workers, 'node_modules/.bin/tsx');
// Inside the package so the copies resolve the same node_modules.
const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

/**
 * A copy of the workers' and shared's sources to change: the workers copy imports
 * `@corates/shared` from the shared copy, and everything else from the real node_modules.
 */
function copySources() {
  const copy = mkdtempSync(path.join(workers, '.drift-test-'));
  copies.push(copy);
  cpSync(path.join(workers, 'src'), path.join(copy, 'workers/src'), { recursive: true });
  cpSync(path.join(shared, 'src'), path.join(copy, 'shared/src'), { recursive: true });
  cpSync(path.join(shared, 'package.json'), path.join(copy, 'shared/package.json'));
  mkdirSync(path.join(copy, 'workers/node_modules/@corates'), { recursive: true });
  symlinkSync(path.join(copy, 'shared'), path.join(copy, 'workers/node_modules/@corates/shared'));
  const edit = (file: string, from: string, to: string) => {
    const original = readFileSync(path.join(copy, file), 'utf8');
    const changed = original.replace(from, to);
    expect(changed, file).not.toBe(original);
    writeFileSync(path.join(copy, file), changed);
  };
  return { app: path.join(copy, 'workers/src/app.ts'), edit };
}

function check(appModule?: string) {
  return spawnSync(tsx, ['scripts/check-generated.ts'], {
    cwd: workers,
    encoding: 'utf8',
    env: { ...process.env, ...(appModule ? { OPENAPI_APP_MODULE: appModule } : {}) },
  });
}

describe('the generated-files drift check', () => {
  it('passes on the committed tree', () => {
    const res = check();
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  }, 60_000);

  it("fails when a route's response schema changes and the document is not regenerated", () => {
    const { app, edit } = copySources();
    edit(
      'workers/src/routes/metadata.ts',
      "metadataSchema.openapi('Metadata')",
      "metadataSchema.extend({ region: metadataSchema.shape.cacheVersion }).openapi('Metadata')",
    );
    const res = check(app);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('openapi.json is out of date');
  }, 60_000);

  it('fails when a route is added and the endpoint inventory is not regenerated', () => {
    const { app, edit } = copySources();
    edit(
      'workers/src/routes/metadata.ts',
      'export const metadataRoutes = createRouter().openapi(getMetadata,',
      `const version = createRoute({
  method: 'get',
  path: '/version',
  ...inventory({ primitive: 'rest', caller: 'anonymous' }),
  responses: { 200: { description: 'ok' } },
});
export const metadataRoutes = createRouter()
  .openapi(version, (c) => c.body(null, 200))
  .openapi(getMetadata,`,
    );
    edit(
      'workers/src/routes/metadata.ts',
      '',
      "import { inventory } from '../openapi/inventory.ts';\n",
    );
    const res = check(app);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('docs/endpoints.md is out of date with the routes and op types');
  }, 60_000);

  it('fails when an op type is added: without its access entry, then without regenerating', () => {
    const { app, edit } = copySources();
    edit(
      'shared/src/sync/ops.ts',
      "  'project.delete': z.strictObject({ id: projectIdSchema }),\n",
      "  'project.delete': z.strictObject({ id: projectIdSchema }),\n  'project.archive': z.strictObject({ id: projectIdSchema }),\n",
    );
    const unlisted = check(app);
    expect(unlisted.status).toBe(1);
    expect(unlisted.stderr).toContain('op type project.archive has no entry in OP_ACCESS');

    edit(
      'workers/src/domain/mutations/op-access.ts',
      "  'project.delete': 'owner',\n",
      "  'project.delete': 'owner',\n  'project.archive': 'owner',\n",
    );
    const stale = check(app);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('docs/endpoints.md is out of date with the routes and op types');
    expect(stale.stderr).not.toContain('openapi.json');
  }, 120_000);
});
