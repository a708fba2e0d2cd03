import {
  createExecutionContext,
  env,
  evictDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { addMember, createProject, signUp } from './api.ts';

/**
 * The real D1 binding, counting the statements prepared on it (each is one query; a batch's are
 * counted one by one). Nothing is answered in its place.
 */
function countingD1(db: D1Database) {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'prepare')
        return (...args: unknown[]) => {
          statements++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { db: counted, taken: () => statements };
}

/** One socket upgrade through the Worker's fetch handler; its status and the D1 queries it made. */
async function upgrade(path: string, cookie: string): Promise<{ status: number; queries: number }> {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://corates.test${path}?clientVersion=0.3.0`, {
      headers: { Upgrade: 'websocket', Cookie: cookie },
    }),
    { ...env, DB: counter.db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close(1000, 'bye');
  }
  return { status: res.status, queries: counter.taken() };
}

// Issue 18: the per-upgrade session and membership check led the cost of opening many sockets.
describe("a document socket's upgrade: D1 queries in the Worker", () => {
  it('makes one, the config, once the session was read recently in this isolate', async () => {
    const owner = await signUp('Owner');
    const project = await createProject(owner.cookie);
    const path = `/api/projects/${project.id}/doc`;
    const first = await upgrade(path, owner.cookie);
    const again = await upgrade(path, owner.cookie);
    expect([first.status, again.status]).toEqual([101, 101]);
    // The first resolves the session through better-auth (the session row, then its user); each
    // reads minSupportedClient afresh, so a raise refuses the very next socket of a retired build
    // ([R11]); membership is the object's to decide.
    console.log(
      `D1 queries in the Worker per upgrade: first ${first.queries}, again ${again.queries}`,
    );
    expect(first.queries).toBeLessThanOrEqual(3);
    expect(again.queries).toBe(1);
  });

  it("the project's object decides membership from its own record: D1 is read when it has none", async () => {
    const owner = await signUp('Owner');
    const ed = await signUp('Editor');
    const project = await createProject(owner.cookie);
    await addMember(owner.cookie, project.id, ed.email, 'editor');
    const path = `/api/projects/${project.id}/doc`;
    expect((await upgrade(path, ed.cookie)).status).toBe(101);
    // The row goes behind the object's back (the app's removal would tell it: revoke): the member
    // it knows is still admitted, so it read nothing from D1 for this upgrade …
    await env.DB.prepare('DELETE FROM project_members WHERE project_id = ? AND user_id = ?')
      .bind(project.id, ed.id)
      .run();
    expect((await upgrade(path, ed.cookie)).status).toBe(101);
    // … and once it has no record (a new instance), it reads D1 and refuses.
    await evictDurableObject(env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(project.id)));
    const refused = await upgrade(path, ed.cookie);
    expect(refused.status).toBe(404);
  });
});
