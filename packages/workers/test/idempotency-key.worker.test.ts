// DESIGN.md: REST mutations accept an `Idempotency-Key` header; a repeat of the same request gets
// the first answer and changes nothing.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addMember, call, createProject, signUp } from './api.ts';

const withKey = (key: string) => ({ 'Idempotency-Key': key });

/** POST /api/projects with an Idempotency-Key. */
const createWithKey = (cookie: string, name: string, key: string) =>
  call('POST', '/api/projects', { cookie, body: { name }, headers: withKey(key) });

async function projectNames(cookie: string): Promise<string[]> {
  const res = await call('GET', '/api/projects', { cookie });
  return (res.json.projects as { name: string }[]).map((p) => p.name).sort();
}

describe('Idempotency-Key on REST mutations', () => {
  it('[B14] a repeated create returns the first answer, marked replayed, and makes one project', async () => {
    const u = await signUp();
    const key = crypto.randomUUID();
    const first = await createWithKey(u.cookie, 'Once', key);
    const again = await createWithKey(u.cookie, 'Once', key);
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(await projectNames(u.cookie)).toEqual(['Once']);
  });

  it('[B14] without the header, the same create twice makes two projects', async () => {
    const u = await signUp();
    for (let i = 0; i < 2; i++)
      await call('POST', '/api/projects', { cookie: u.cookie, body: { name: 'Twice' } });
    expect(await projectNames(u.cookie)).toEqual(['Twice', 'Twice']);
  });

  it('[B14] the key with a different body is 422 IDEMPOTENCY_MISMATCH and changes nothing', async () => {
    const u = await signUp();
    const key = crypto.randomUUID();
    await createWithKey(u.cookie, 'A', key);
    const other = await createWithKey(u.cookie, 'B', key);
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await projectNames(u.cookie)).toEqual(['A']);
  });

  it('[B14] a rename replayed after a later change still answers with the first result', async () => {
    const u = await signUp();
    const p = await createProject(u.cookie, 'Start');
    const key = crypto.randomUUID();
    const rename = () =>
      call('PATCH', `/api/projects/${p.id}`, {
        cookie: u.cookie,
        body: { name: 'Keyed' },
        headers: withKey(key),
      });
    const first = await rename();
    await call('PATCH', `/api/projects/${p.id}`, { cookie: u.cookie, body: { name: 'Later' } });
    const again = await rename();
    expect(again.json).toEqual(first.json);
    const now = await call('GET', `/api/projects/${p.id}`, { cookie: u.cookie });
    expect(now.json).toMatchObject({ name: 'Later', version: 3 });
  });

  it('[B14] refusals are replayed too: a viewer’s rename is 403 both times', async () => {
    const owner = await signUp();
    const viewer = await signUp();
    const p = await createProject(owner.cookie);
    await addMember(owner.cookie, p.id, viewer.email, 'viewer');
    const key = crypto.randomUUID();
    const statuses = [];
    for (let i = 0; i < 2; i++) {
      const res = await call('PATCH', `/api/projects/${p.id}`, {
        cookie: viewer.cookie,
        body: { name: 'Nope' },
        headers: withKey(key),
      });
      statuses.push([res.status, res.json.error.code, res.headers.get('Idempotent-Replayed')]);
    }
    expect(statuses).toEqual([
      [403, 'FORBIDDEN', null],
      [403, 'FORBIDDEN', 'true'],
    ]);
  });

  it('[B14] keys belong to a user: another user’s same key runs their own request', async () => {
    const [a, b] = [await signUp(), await signUp()];
    const key = crypto.randomUUID();
    for (const u of [a, b]) {
      const res = await createWithKey(u.cookie, 'Shared key', key);
      expect(res.headers.get('Idempotent-Replayed')).toBeNull();
    }
    expect(await projectNames(a.cookie)).toEqual(['Shared key']);
    expect(await projectNames(b.cookie)).toEqual(['Shared key']);
  });

  it('[B14] concurrent repeats make one project; the others are replays or 409 CONFLICT', async () => {
    const u = await signUp();
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => createWithKey(u.cookie, 'Race', key)),
    );
    const fresh = answers.filter((r) => r.status === 201 && !r.headers.get('Idempotent-Replayed'));
    expect(fresh).toHaveLength(1);
    for (const r of answers) {
      if (r.status === 409) expect(r.json.error.code).toBe('CONFLICT');
      else expect(r.json).toEqual(fresh[0]!.json);
    }
    expect(await projectNames(u.cookie)).toEqual(['Race']);
  });

  it('[B14] a first attempt that died unanswered is taken over once it is abandoned', async () => {
    const u = await signUp();
    const key = crypto.randomUUID();
    const send = () => createWithKey(u.cookie, 'Retry', key);
    // The claim a request leaves when its Worker dies mid-way: no answer stored.
    const first = await send();
    await env.DB.prepare(
      'UPDATE idempotent_requests SET response_status = NULL, response_body = NULL, created_at = ? WHERE key = ?',
    )
      .bind(Date.now() - 1_000, key)
      .run();
    const running = await send();
    expect([running.status, running.json.error.code]).toEqual([409, 'CONFLICT']);
    await env.DB.prepare('UPDATE idempotent_requests SET created_at = ? WHERE key = ?')
      .bind(Date.now() - 120_000, key)
      .run();
    const retried = await send();
    expect(retried.status).toBe(201);
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull();
    expect(first.status).toBe(201);
  });

  it('[B14] a malformed key is 400 VALIDATION_FAILED and nothing runs', async () => {
    const u = await signUp();
    for (const bad of ['x'.repeat(256), 'with space']) {
      const res = await createWithKey(u.cookie, 'Bad key', bad);
      expect([res.status, res.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await projectNames(u.cookie)).toEqual([]);
  });

  it('[B14] without a session the key changes nothing: 401 as always', async () => {
    const res = await call('POST', '/api/projects', {
      body: { name: 'Anon' },
      headers: withKey(crypto.randomUUID()),
    });
    expect([res.status, res.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
