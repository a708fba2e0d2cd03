import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const workers = fileURLToPath(new URL('..', import.meta.url));
const tsx = path.join(workers, 'node_modules/.bin/tsx');
// Inside the package so the copy resolves the same node_modules.
const copy = mkdtempSync(path.join(workers, '.drift-test-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

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
    cpSync(path.join(workers, 'src'), path.join(copy, 'src'), { recursive: true });
    const route = path.join(copy, 'src/routes/metadata.ts');
    const original = readFileSync(route, 'utf8');
    const changed = original.replace(
      "metadataSchema.openapi('Metadata')",
      "metadataSchema.extend({ region: metadataSchema.shape.cacheVersion }).openapi('Metadata')",
    );
    expect(changed).not.toBe(original);
    writeFileSync(route, changed);

    const res = check(path.join(copy, 'src/app.ts'));
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('openapi.json is out of date');
  }, 60_000);
});
