// Two federated servers for the federation fault test and benchmark (issue 17, docs/federation.md
// "Tests"): each a Worker under `wrangler dev` that can be killed and started again on the same port
// and state (its own federation key), the publisher A behind a fault proxy that B reaches it
// through (the invite is made through the proxy, so it names the proxy's origin), an owner on A
// whose project is shared, and an admin on B subscribed to the share.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { freePort } from '@corates/bench-kit/free-port';
import { DocRoot } from '@corates/shared';
import { apiJson, sessionCookie } from './api.ts';
import { NO_FAULTS, startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { maintainerAt } from './maintainer.ts';
import { queryLocalD1, workerProcess, type WorkerProcess } from './worker-process.ts';

export interface PeerServer {
  url: string;
  persistDir: string;
  process: WorkerProcess;
}

/** A server of its own: throwaway state folder, its own key, started. */
export async function startPeer(name: string, allowLocalPeers: boolean): Promise<PeerServer> {
  const persistDir = mkdtempSync(path.join(tmpdir(), `corates-federation-${name}-`));
  const vars: Record<string, string> = {
    // As scripts/start.sh makes one per state folder: 32 random bytes, base64url.
    FEDERATION_PRIVATE_KEY: randomBytes(32).toString('base64url'),
    ...(allowLocalPeers ? { FEDERATION_ALLOW_LOCAL_PEERS: 'true' } : {}),
  };
  const proc = await workerProcess(await freePort(), persistDir, undefined, vars);
  await proc.start();
  return { url: proc.url, persistDir, process: proc };
}

export async function stopPeer(peer: PeerServer | undefined): Promise<void> {
  if (!peer) return;
  await peer.process.kill();
  rmSync(peer.persistDir, { recursive: true, force: true });
}

const PASSWORD = 'federation faults password';
/** Records per update sent to A's relay: its HTTP fallback takes updates up to ~260 KB. */
const RECORDS_PER_UPDATE = 400;

/**
 * The owner's edits to A's project document, sent through the relay's HTTP fallback as the web app
 * sends a Yjs update, in batches. It keeps its own copy of the document, so it knows what the
 * share covers: every study and checklist header it holds.
 */
export class ProjectWriter {
  readonly doc = new Y.Doc();
  private sent = Y.encodeStateVector(new Y.Doc());
  private pending = 0;
  private nextStudy = 0;
  /** Numbers retitles, so each gives a title the study never had. */
  private revision = 0;

  constructor(
    private readonly url: string,
    private readonly cookie: string,
    readonly projectId: string,
    private readonly ownerId: string,
  ) {}

  private get studies() {
    return this.doc.getMap<Y.Map<unknown>>(DocRoot.studies);
  }
  private get checklists() {
    return this.doc.getMap<Y.Map<unknown>>(DocRoot.checklists);
  }

  /** Reads the project's document as the server has it (its meta), before the first edit. */
  async load(): Promise<void> {
    await this.exchange(new Uint8Array());
  }

  private async exchange(update: Uint8Array): Promise<void> {
    const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
    const res = await fetch(`${this.url}/api/reconcile/doc/${this.projectId}`, {
      method: 'POST',
      headers: { Cookie: this.cookie, 'Content-Type': 'application/json', Origin: this.url },
      body: JSON.stringify({
        update: b64(update),
        stateVector: b64(Y.encodeStateVector(this.doc)),
      }),
    });
    if (res.status !== 200) throw new Error(`reconcile: ${res.status} ${await res.text()}`);
    const answer = (await res.json()) as { update: string };
    Y.applyUpdate(this.doc, Buffer.from(answer.update, 'base64'));
    this.sent = Y.encodeStateVector(this.doc);
  }

  private async counted(): Promise<void> {
    this.pending += 1;
    if (this.pending >= RECORDS_PER_UPDATE) await this.flush();
  }

  /** Sends what changed since the last flush, in one update. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    this.pending = 0;
    await this.exchange(Y.encodeStateAsUpdate(this.doc, this.sent));
  }

  /** A new study, and (every other one) an in-progress AMSTAR 2 checklist for it: 1 or 2 records. */
  async addStudy(withChecklist: boolean): Promise<void> {
    const id = `st-${this.nextStudy++}`;
    const now = new Date().toISOString();
    const study = new Y.Map<unknown>();
    this.studies.set(id, study);
    for (const [k, v] of Object.entries({
      id,
      title: `Study ${id}`,
      authors: 'Lee, J',
      year: 2024,
      journal: '',
      doi: '',
      createdAt: now,
      createdBy: this.ownerId,
      reviewer1: this.ownerId,
      reviewer2: null,
    }))
      study.set(k, v);
    await this.counted();
    if (!withChecklist) return;
    const checklistId = `${id}:AMSTAR2:${this.ownerId}`;
    const header = new Y.Map<unknown>();
    this.checklists.set(checklistId, header);
    for (const [k, v] of Object.entries({
      id: checklistId,
      type: 'AMSTAR2',
      studyId: id,
      reviewerId: this.ownerId,
      status: 'in-progress',
      createdAt: now,
    }))
      header.set(k, v);
    header.set('history', new Y.Array());
    await this.counted();
  }

  /** Adds studies until `records` records were added (a checklist for every other study). */
  async addRecords(records: number): Promise<void> {
    for (let left = records; left > 0;) {
      const withChecklist = left >= 2 && this.nextStudy % 2 === 0;
      await this.addStudy(withChecklist);
      left -= withChecklist ? 2 : 1;
    }
    await this.flush();
  }

  /**
   * `count` changes, each to a different record, chosen by `random`: one in ten a new study; the
   * rest existing records drawn without replacement — a checklist's status moved between
   * in-progress and reviewer-completed, a study without checklists deleted (one in four of those:
   * a tombstone at B), any other study retitled — and new studies once every record was changed.
   */
  async change(count: number, random: () => number): Promise<void> {
    const records = [
      ...[...this.studies.keys()].map((id) => ({ checklist: false, id })),
      ...[...this.checklists.keys()].map((id) => ({ checklist: true, id })),
    ];
    for (let i = records.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [records[i], records[j]] = [records[j]!, records[i]!];
    }
    const hasChecklist = new Set(
      [...this.checklists.values()].map((c) => c.get('studyId') as string),
    );
    let next = 0;
    for (let i = 0; i < count; i++) {
      const record = records[next];
      if (random() < 0.1 || record === undefined) {
        await this.addStudy(false);
        continue;
      }
      next += 1;
      if (record.checklist) {
        const c = this.checklists.get(record.id)!;
        c.set('status', c.get('status') === 'in-progress' ? 'reviewer-completed' : 'in-progress');
      } else if (!hasChecklist.has(record.id) && random() < 0.25) {
        this.studies.delete(record.id);
      } else {
        this.studies.get(record.id)!.set('title', `Study ${record.id} r${this.revision++}`);
      }
      await this.counted();
    }
    await this.flush();
  }

  /** What the share covers: studies by id → title, checklists by id → status. */
  expected(): Holding {
    return {
      studies: Object.fromEntries(
        [...this.studies.entries()].map(([id, s]) => [id, s.get('title') as string]),
      ),
      checklists: Object.fromEntries(
        [...this.checklists.entries()].map(([id, c]) => [id, c.get('status') as string]),
      ),
    };
  }
}

/** Records compared by what the writer controls: studies' titles, checklists' statuses. */
export interface Holding {
  studies: Record<string, string>;
  checklists: Record<string, string>;
}

export interface Federation {
  a: PeerServer;
  b: PeerServer;
  proxy: FaultProxy;
  owner: string;
  admin: string;
  writer: ProjectWriter;
  shareId: string;
  subscriptionId: string;
  /** Replaced by a test to act on answers going back to B (e.g. to crash B mid-apply). */
  onReply: (method: string, path: string, status: number) => void;
}

/**
 * A shares a project (as its owner) and, unless `subscribe` is false, B subscribes (as an admin)
 * with an invite made through the proxy, which passes requests under /api/federation/v1/ through
 * its faults (none until set).
 */
export async function federate(
  a: PeerServer,
  b: PeerServer,
  seed: number,
  subscribe = true,
): Promise<Federation> {
  const unique = `${Date.now().toString(36)}-${seed}`;
  const owner = await sessionCookie('Owner A', `owner-${unique}@a.test`, PASSWORD, a.url);
  const me = await apiJson<{ user: { id: string } }>('GET', '/api/me', owner, undefined, a.url);
  const project = await apiJson<{ id: string }>(
    'POST',
    '/api/projects',
    owner,
    { name: 'Federated' },
    a.url,
  );
  const share = await apiJson<{ id: string }>(
    'POST',
    `/api/projects/${project.id}/shares`,
    owner,
    { mode: 'read' },
    a.url,
  );
  const fed = { onReply: (_m: string, _p: string, _s: number) => {} } as Federation;
  const proxy = await startFaultProxy({
    target: a.url,
    seed,
    rates: NO_FAULTS,
    maxDelayMs: 2_000,
    preserveHost: true,
    faulty: (_method, p) => p.startsWith('/api/federation/v1/'),
    onReply: (m, p, s) => fed.onReply(m, p, s),
  });
  // The proxy is the caller's to close once this resolves; until then, a failure closes it (an open
  // server would keep the test's process from ever exiting).
  try {
    const adminEmail = `admin-${unique}@b.test`;
    const admin = await sessionCookie('Admin B', adminEmail, PASSWORD, b.url);
    maintainerAt(b.persistDir, 'grant-admin', '--email', adminEmail);
    const writer = new ProjectWriter(a.url, owner, project.id, me.user.id);
    await writer.load();
    Object.assign(fed, {
      a,
      b,
      proxy,
      owner,
      admin,
      writer,
      shareId: share.id,
      subscriptionId: '',
    });
    if (subscribe) await subscribeB(fed);
    return fed;
  } catch (err) {
    await proxy.close();
    throw err;
  }
}

/**
 * B's admin subscribes to A's share with an invite A's owner makes through the proxy (the invite
 * names the origin the owner's request reached: the proxy's). B's subscription then pulls by
 * itself (its Durable Object's alarm), as well as on "pull now".
 */
export async function subscribeB(f: Federation): Promise<void> {
  const { invite } = await apiJson<{ invite: string }>(
    'POST',
    `/api/shares/${f.shareId}/invites`,
    f.owner,
    undefined,
    f.proxy.url,
  );
  const subscription = await apiJson<{ id: string; publisher: { origin: string } }>(
    'POST',
    '/api/federation/subscriptions',
    f.admin,
    { invite },
    f.b.url,
  );
  if (subscription.publisher.origin !== f.proxy.url)
    throw new Error(`B subscribed to ${subscription.publisher.origin}, not the proxy`);
  f.subscriptionId = subscription.id;
}

export interface Pulled {
  applied: number;
  subscription: { cursor: number; lastError: string | null };
}

/** "Pull now" on B; a network failure (B down or killed) is an Error, not a throw. */
export async function pullNow(f: Federation): Promise<Pulled | Error> {
  try {
    const res = await fetch(`${f.b.url}/api/federation/subscriptions/${f.subscriptionId}/pull`, {
      method: 'POST',
      headers: { Cookie: f.admin, 'Content-Type': 'application/json', Origin: f.b.url },
      body: '{}',
    });
    if (res.status !== 200) return new Error(`pull: ${res.status} ${await res.text()}`);
    return (await res.json()) as Pulled;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** What B holds, in the writer's terms. */
export async function held(f: Federation): Promise<Holding> {
  const records = await apiJson<{
    studies: { id: string; title: string }[];
    checklists: { id: string; status: string }[];
  }>(
    'GET',
    `/api/federation/subscriptions/${f.subscriptionId}/records`,
    f.admin,
    undefined,
    f.b.url,
  );
  return {
    studies: Object.fromEntries(records.studies.map((s) => [s.id, s.title])),
    checklists: Object.fromEntries(records.checklists.map((c) => [c.id, c.status])),
  };
}

export function sameHolding(x: Holding, y: Holding): boolean {
  const same = (p: Record<string, string>, q: Record<string, string>) =>
    Object.keys(p).length === Object.keys(q).length &&
    Object.entries(p).every(([k, v]) => q[k] === v);
  return same(x.studies, y.studies) && same(x.checklists, y.checklists);
}

/** The share's last seq at A, and B's cursor: equal once B applied everything A logged. */
export async function seqs(f: Federation): Promise<{ lastSeq: number; cursor: number }> {
  const [share] = await queryLocalD1<{ last_seq: number }>(
    f.a.persistDir,
    `select last_seq from shares where id = '${f.shareId}'`,
  );
  const [sub] = await queryLocalD1<{ cursor: number }>(
    f.b.persistDir,
    `select cursor from subscriptions where id = '${f.subscriptionId}'`,
  );
  return { lastSeq: share?.last_seq ?? -1, cursor: sub?.cursor ?? -1 };
}

/**
 * Until B holds what the writer sent A (A serves it once its ProjectDoc exported it to D1, about
 * 2 s after a write), or the deadline: pulling now again and again, or with `byItself` leaving the
 * pulls to B's own schedule (its subscription's Durable Object) and only looking. Pull failures
 * (faults, a peer restarting) are retried. Resolves to the pulls made and whether B got there.
 */
export async function pullUntilHeld(
  f: Federation,
  deadlineMs: number,
  byItself = false,
): Promise<{ pulls: number; failures: number; equal: boolean; last: Holding }> {
  const want = f.writer.expected();
  let pulls = 0;
  let failures = 0;
  let last: Holding = { studies: {}, checklists: {} };
  for (const end = Date.now() + deadlineMs; Date.now() < end;) {
    const answer = byItself ? undefined : await pullNow(f);
    if (answer) pulls += 1;
    if (answer instanceof Error || answer?.subscription.lastError) failures += 1;
    last = await held(f);
    if (sameHolding(last, want)) return { pulls, failures, equal: true, last };
    if (!answer || answer instanceof Error || answer.applied === 0)
      await new Promise((r) => setTimeout(r, 500));
  }
  return { pulls, failures, equal: false, last };
}
