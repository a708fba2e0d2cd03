/**
 * Experiment (issue 18's lead): the relay's ProjectDoc Durable Object in a Worker of its own, the
 * app (Hono, better-auth, the routes) left out of the bundle and the isolate. Every upgrade goes
 * straight to the object with the identity headers the app's route would set after its session
 * check, for one fixed owner: what remains is the relay's own cost on this runtime. The object
 * decides membership itself ([R9]): the owner is made a member of each project in D1 first, once
 * per project and isolate, as creating the project in the app would have.
 */
import { DOC_INTERNAL_HEADERS } from '../../src/durable/internal-headers.ts';

export { ProjectDoc } from '../../src/durable/project-doc.ts';

const OWNER = 'bench-owner';
const seeded = new Map<string, Promise<unknown>>();

/** The owner's membership of the project, written once (idempotent: a restarted isolate repeats it). */
function seedMembership(db: D1Database, projectId: string): Promise<unknown> {
  let done = seeded.get(projectId);
  if (!done) {
    done = db.batch([
      db
        .prepare('INSERT OR IGNORE INTO user (id, name, email) VALUES (?, ?, ?)')
        .bind(OWNER, 'Bench Owner', 'bench-owner@bench.invalid'),
      db
        .prepare('INSERT OR IGNORE INTO projects (id, name, created_by) VALUES (?, ?, ?)')
        .bind(projectId, 'bench', OWNER),
      db
        .prepare(
          "INSERT OR IGNORE INTO project_members (project_id, user_id, role) VALUES (?, ?, 'owner')",
        )
        .bind(projectId, OWNER),
    ]);
    seeded.set(projectId, done);
  }
  return done;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('relay alone');
    }
    // ws://host/<project id>/doc, as y-websocket appends the room to the server URL.
    const projectId = new URL(request.url).pathname.split('/')[1] ?? '';
    const headers = new Headers(request.headers);
    await seedMembership(env.DB, projectId);
    headers.set(DOC_INTERNAL_HEADERS.userId, OWNER);
    headers.set(DOC_INTERNAL_HEADERS.userName, 'Bench%20Owner');
    headers.set(DOC_INTERNAL_HEADERS.projectId, projectId);
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));
    return stub.fetch(new Request(request.url, { headers }));
  },
};
