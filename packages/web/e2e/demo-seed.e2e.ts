// The README's first command seeds a demo account and project with content to explore; a second
// run keeps what is there. Checked on the app the browser tests run against (started the README way).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readChecklists, readOutcomes, readStudies } from '@corates/shared/doc';
import { apiJson } from './support/api.ts';
import { baseUrl } from './support/browser.ts';
import { readServerDoc } from './support/doc-client.ts';

const webDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The credentials the README prints. */
async function signInDemo(): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl() },
    body: JSON.stringify({ email: 'demo@corates.dev', password: 'corates-demo' }),
  });
  assert.equal(res.status, 200, 'the demo account signs in with the README’s password');
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function demoContent(projectId: string, cookie: string) {
  return readServerDoc(projectId, cookie, (doc) => ({
    studies: readStudies(doc)
      .map((s) => s.title)
      .sort(),
    outcomes: readOutcomes(doc).map((o) => o.name),
    checklists: readChecklists(doc)
      .map((c) => `${c.type}:${c.status}`)
      .sort(),
  }));
}

test('the demo project has studies and started appraisals, and seeding again adds nothing', async () => {
  const cookie = await signInDemo();
  const { projects } = await apiJson<{ projects: { id: string; name: string; role: string }[] }>(
    'GET',
    '/api/projects',
    cookie,
  );
  const demo = projects.find((p) => p.name.startsWith('Demo project'));
  assert.ok(demo, 'the demo project is listed');
  assert.equal(demo.role, 'owner');
  const { members } = await apiJson<{ members: { email: string; role: string }[] }>(
    'GET',
    `/api/projects/${demo.id}/members`,
    cookie,
  );
  assert.deepEqual(members.map((m) => `${m.email}:${m.role}`).sort(), [
    'demo@corates.dev:owner',
    'reviewer@corates.dev:editor',
  ]);

  const expected = {
    studies: [
      'Rosuvastatin to prevent vascular events in men and women with elevated C-reactive protein',
      'Statins for the primary prevention of cardiovascular disease',
    ],
    outcomes: ['All-cause mortality'],
    checklists: ['AMSTAR2:in-progress', 'ROB2:in-progress'],
  };
  assert.deepEqual(await demoContent(demo.id, cookie), expected);

  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/seed-demo.ts', baseUrl()],
    { cwd: webDir },
  );
  assert.match(stdout, /demo data already present/);
  assert.deepEqual(await demoContent(demo.id, cookie), expected);
});
