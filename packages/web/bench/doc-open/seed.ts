import * as Y from 'yjs';
import type { FixtureChecklist, ProjectFixture } from '@corates/bench-kit/project-fixture';

/**
 * Under the JSON body limit of 256 KiB once base64 (4/3 the bytes) and the state vector are added,
 * with room to spare (the HTTP fallback's own field limit is 350,000 characters).
 */
const BATCH_BYTES = 150_000;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Consecutive updates merged into pieces of at most about `maxBytes` each. */
export function batchUpdates(updates: readonly Uint8Array[], maxBytes: number): Uint8Array[] {
  const batches: Uint8Array[] = [];
  let current: Uint8Array[] = [];
  let size = 0;
  for (const update of updates) {
    if (size + update.length > maxBytes && current.length > 0) {
      batches.push(Y.mergeUpdates(current));
      current = [];
      size = 0;
    }
    current.push(update);
    size += update.length;
  }
  if (current.length > 0) batches.push(Y.mergeUpdates(current));
  return batches;
}

interface Api {
  url: string;
  cookie: string;
}

async function post<T>(api: Api, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { Cookie: api.cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Sends a document through an HTTP fallback in pieces, each against what was sent before it. */
async function sendDoc(api: Api, path: string, updates: readonly Uint8Array[]) {
  const sent = new Y.Doc();
  for (const batch of batchUpdates(updates, BATCH_BYTES)) {
    const stateVector = Y.encodeStateVector(sent);
    await post(api, path, { update: base64(batch), stateVector: base64(stateVector) });
    Y.applyUpdate(sent, batch);
  }
  sent.destroy();
}

/**
 * A new project of the signed-in account holding the fixture in the layout of the build that
 * serves it: the v1 document through the project's fallback, or the v2 project document and the
 * document of the checklist `opened` through theirs — all that opening it reads (the account owns
 * the project, and an owner may write only reconciled checklists' documents, so the reviewers'
 * could not be seeded as them anyway). `projectId` is the one the fixture was built for.
 */
export async function seedProject(
  api: Api,
  projectId: string,
  fixture: ProjectFixture,
  layout: 'v1' | 'v2',
  opened: FixtureChecklist,
): Promise<void> {
  const project = await post<{ id: string }>(api, '/api/projects', {
    id: projectId,
    name: `Benchmark: ${fixture.checklists.length / 3} studies`,
  });
  const docPath = `/api/reconcile/doc/${project.id}`;
  if (layout === 'v1') {
    await sendDoc(api, docPath, fixture.v1Updates);
    return;
  }
  await sendDoc(api, docPath, fixture.projectUpdates);
  await sendDoc(api, `${docPath}/checklists/${encodeURIComponent(opened.id)}`, [opened.update]);
}
