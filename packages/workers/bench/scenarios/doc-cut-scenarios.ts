import type WebSocket from 'ws';
import type * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import { BenchClient, destroyAll } from '../lib/bench-client.ts';
import { sleep } from '../lib/sleep.ts';
import type { Cut, DocCutServer, DocName } from '../servers/doc-cut-server.ts';
import type { ProjectFixture } from '@corates/bench-kit/project-fixture';

const SYNC_TIMEOUT_MS = 60_000;
const WRITE_TIMEOUT_MS = 10_000;

/** The project as one cut hosts it. */
export interface HostedProject {
  server: DocCutServer;
  cut: Cut;
  projectId: string;
  fixture: ProjectFixture;
}

/** Seeds every document of the project under the cut (v1: the one document; v2: all of them). */
export async function seedProject({ server, cut, projectId, fixture }: HostedProject) {
  if (cut === 'v1') {
    await server.seed(cut, projectId, 'project', fixture.v1);
    return;
  }
  await server.seed(cut, projectId, 'project', fixture.project);
  for (const checklist of fixture.checklists)
    await server.seed(cut, projectId, { checklist: checklist.id }, checklist.update);
}

/** What a reviewer opens: v1's one document, or v2's project document and one checklist's. */
export function reviewerDocs(cut: Cut, checklistId: string): DocName[] {
  return cut === 'v1' ? ['project'] : ['project', { checklist: checklistId }];
}

/** A client of one document that counts the bytes it receives. */
class CountingClient extends BenchClient {
  received = 0;

  constructor(...args: ConstructorParameters<typeof BenchClient>) {
    super(...args);
    // y-websocket creates its socket in the constructor; count every frame it receives.
    const ws = this.provider.ws as unknown as WebSocket;
    ws.on('message', (data: ArrayBuffer | Buffer) => (this.received += data.byteLength));
  }
}

export interface JoinSample {
  /** From opening the sockets until every document is synced. */
  ms: number;
  /** Bytes received on the sockets until then. */
  bytes: number;
  /** Objects constructed by the join (cold starts). */
  coldStarts: number;
}

/** Opens `docs` as `userId`, all at once; resolves when all are synced, with the clients. */
async function open(project: HostedProject, docs: DocName[], userId: string) {
  const { server, cut, projectId } = project;
  const started = performance.now();
  const clients = docs.map(
    (doc) => new CountingClient(server.address(cut, projectId, doc, userId)),
  );
  const synced = await Promise.all(clients.map((c) => c.whenSynced(SYNC_TIMEOUT_MS)));
  if (synced.includes(false)) {
    const failures = clients.flatMap((c) => c.failures).join('; ');
    destroyAll(clients);
    throw new Error(`a join did not sync in ${SYNC_TIMEOUT_MS / 1000} s ${failures}`);
  }
  const ms = Math.max(...clients.map((c) => c.syncedAt!)) - started;
  return { clients, ms, bytes: clients.reduce((n, c) => n + c.received, 0) };
}

/** One reviewer's join, timed, then closed. */
export async function timeJoin(
  project: HostedProject,
  docs: DocName[],
  userId: string,
): Promise<JoinSample> {
  const before = await project.server.instances();
  const { clients, ms, bytes } = await open(project, docs, userId);
  destroyAll(clients);
  const coldStarts = (await project.server.instances()) - before;
  return { ms, bytes, coldStarts };
}

/** The objects holding `docs` leave memory: v1 and cut A one per project, cut B one per document. */
export async function evict(project: HostedProject, docs: DocName[]) {
  const { server, cut, projectId } = project;
  for (const doc of cut === 'b' ? docs : ['project' as const])
    await server.evict(cut, projectId, doc);
  await sleep(100, undefined);
}

/** Checklists spread over the project, one per study from the first: `count` distinct ids. */
export function spreadChecklists(fixture: ProjectFixture, count: number, reviewerId: string) {
  const own = fixture.checklists.filter((c) => c.reviewerId === reviewerId);
  const step = Math.max(1, Math.floor(own.length / count));
  return Array.from({ length: count }, (_, i) => own[(i * step) % own.length]!.id);
}

export interface JoinResult {
  cold: JoinSample[];
  warm: JoinSample[];
}

/**
 * Cold: the objects are evicted first. Warm: another member (an owner) holds the same documents
 * open, so the objects and rooms are in memory. A different checklist of reviewer r1 each time.
 */
export async function measureJoins(project: HostedProject, repeats: number): Promise<JoinResult> {
  const reviewer = project.fixture.reviewers[0];
  const checklists = spreadChecklists(project.fixture, repeats, reviewer);
  const cold: JoinSample[] = [];
  const warm: JoinSample[] = [];
  for (const id of checklists) {
    const docs = reviewerDocs(project.cut, id);
    await evict(project, docs);
    cold.push(await timeJoin(project, docs, reviewer));
  }
  for (const id of checklists) {
    const docs = reviewerDocs(project.cut, id);
    const holder = await open(project, docs, 'owner-holder');
    try {
      await sleep(200, undefined);
      warm.push(await timeJoin(project, docs, reviewer));
    } finally {
      destroyAll(holder.clients);
    }
  }
  return { cold, warm };
}

export interface BackgroundSyncSample {
  documents: number;
  /** From the first checklist socket until the last checklist is synced. */
  ms: number;
  /** Bytes the checklist sockets received. */
  bytes: number;
  /** Objects constructed, the project document's join included. */
  coldStarts: number;
}

/**
 * A reviewer with the project document open syncs every checklist assigned to them, `concurrency`
 * sockets at a time (each closed once synced), as the app's background sync would.
 */
export async function backgroundSync(
  project: HostedProject,
  concurrency: number,
): Promise<BackgroundSyncSample> {
  const reviewer = project.fixture.reviewers[0];
  const ids = project.fixture.checklists.filter((c) => c.reviewerId === reviewer).map((c) => c.id);
  const before = await project.server.instances();
  const home = await open(project, ['project'], reviewer);
  try {
    const started = performance.now();
    let bytes = 0;
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const { clients, bytes: b } = await open(project, [{ checklist: id }], reviewer);
        bytes += b;
        destroyAll(clients);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const ms = performance.now() - started;
    const coldStarts = (await project.server.instances()) - before;
    return { documents: ids.length, ms, bytes, coldStarts };
  } finally {
    destroyAll(home.clients);
  }
}

/**
 * Opens and holds the joins of members `skip` + 1 … `members` (each the project document and a
 * different checklist; the first is reviewer r1, the others owners).
 */
export async function holdMembers(project: HostedProject, members: number, skip = 0) {
  const first = project.fixture.reviewers[0];
  const ids = spreadChecklists(project.fixture, members, first);
  const held: BenchClient[] = [];
  for (const [i, id] of ids.entries()) {
    if (i < skip) continue;
    const user = i === 0 ? first : `owner-${i + 1}`;
    held.push(...(await open(project, reviewerDocs(project.cut, id), user)).clients);
  }
  return held;
}

export interface RevokeSample {
  /** From the request until the member's last socket saw its close. */
  ms: number;
  /** Sockets the server closed. */
  closed: number;
  /** Objects constructed to carry it out. */
  coldStarts: number;
}

/**
 * Reviewer r1 holds a join open (the project document and one checklist) and loses access: the
 * server closes their sockets in every document of the project they may have open. Under cut B
 * that means asking each of their checklists' objects, woken if not in memory.
 */
export async function timeRevoke(
  project: HostedProject,
  checklistId: string,
): Promise<RevokeSample> {
  const reviewer = project.fixture.reviewers[0];
  const { clients } = await open(project, reviewerDocs(project.cut, checklistId), reviewer);
  try {
    const closedAt = Promise.all(
      clients.map(
        (c) =>
          new Promise<number>((resolve) =>
            c.provider.once('connection-close', () => resolve(performance.now())),
          ),
      ),
    );
    const before = await project.server.instances();
    const started = performance.now();
    const closed = await project.server.revoke(project.cut, project.projectId, reviewer);
    const times = await Promise.race([closedAt, sleep(SYNC_TIMEOUT_MS, undefined)]);
    if (!times) throw new Error('the revoked sockets were not closed');
    const coldStarts = (await project.server.instances()) - before;
    return { ms: Math.max(...times) - started, closed, coldStarts };
  } finally {
    destroyAll(clients);
  }
}

export interface LatencyResult {
  writers: number;
  /** ms from a writer's change to the same document's other client seeing it. */
  samples: number[];
  lost: number;
}

/** The answers map a checklist's answers live in, in the document the client holds. */
function answersOf(cut: Cut, doc: Y.Doc, checklistId: string): Y.Map<string> {
  if (cut !== 'v1') return doc.getMap<string>('answers');
  const header = doc.getMap(DocRoot.checklists).get(checklistId) as Y.Map<unknown>;
  return header.get('answers') as Y.Map<string>;
}

/**
 * `writers` members of the project each edit their own checklist at once, one answer every
 * `paceMs` (a person clicking through questions), each watched by a second client of the same
 * checklist (their other device). All writers run concurrently, so under cut A they share one
 * object and under cut B each has its own; v1 puts every socket in one document.
 */
export async function measureLatency(
  project: HostedProject,
  writers: number,
  writes: number,
  warmup: number,
  paceMs: number,
): Promise<LatencyResult> {
  const ids = spreadChecklists(project.fixture, writers, project.fixture.reviewers[0]);
  const pairs: { writer: BenchClient[]; observer: BenchClient[]; checklistId: string }[] = [];
  try {
    for (const [i, id] of ids.entries()) {
      const user = `owner-w${i + 1}`;
      const writer = (await open(project, reviewerDocs(project.cut, id), user)).clients;
      const watched: DocName = project.cut === 'v1' ? 'project' : { checklist: id };
      const observer = (await open(project, [watched], user)).clients;
      pairs.push({ writer, observer, checklistId: id });
    }
    const samples: number[] = [];
    let lost = 0;
    await Promise.all(
      pairs.map(async ({ writer, observer, checklistId }, i) => {
        const target = answersOf(project.cut, writer.at(-1)!.doc, checklistId);
        const seen = answersOf(project.cut, observer[0]!.doc, checklistId);
        await sleep((paceMs * i) / writers, undefined); // stagger the writers
        for (let seq = 1; seq <= warmup + writes; seq++) {
          const value = `w${seq}`;
          let onChange = () => {};
          const arrived = new Promise<number>((resolve) => {
            onChange = () => {
              if (seen.get('bench') === value) resolve(performance.now());
            };
            seen.observe(onChange);
          });
          const at = performance.now();
          target.set('bench', value);
          const when = await Promise.race([arrived, sleep(WRITE_TIMEOUT_MS, undefined)]);
          seen.unobserve(onChange);
          if (seq > warmup) {
            if (when === undefined) lost++;
            else samples.push(when - at);
          }
          await sleep(paceMs, undefined);
        }
      }),
    );
    return { writers, samples, lost };
  } finally {
    for (const { writer, observer } of pairs) destroyAll([...writer, ...observer]);
  }
}
