// Federation between two real servers (issue 17, docs/federation.md): the app the runner started is
// the publisher A; this file starts a second one, B, the README's way (scripts/start.sh) on its own
// port and state folder — so its own federation key — with the local-development setting that lets
// it call A over http://127.0.0.1. No browser: both sides are driven over HTTP, as an admin would.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import * as Y from 'yjs';
import { DocRoot, type ShareGraph, type SubscriptionRecords } from '@corates/shared';
import {
  ChecklistDocRoot,
  readChecklistContent,
  readProjectDoc,
  removeStudy,
} from '@corates/shared/doc';
import { apiJson, sessionCookie } from './support/api.ts';
import { startApp, type RunningApp } from './support/app-server.ts';
import { baseUrl } from './support/browser.ts';
import { maintainerAt } from './support/maintainer.ts';
import { queryLocalD1 } from './support/worker-process.ts';

interface Identity {
  origin: string;
  serverId: string;
  publicKey: string;
}

let b: RunningApp;
const password = 'correct horse battery';
const unique = Date.now().toString(36);

before(async () => {
  b = await startApp({ env: { FEDERATION_ALLOW_LOCAL_PEERS: 'true' } });
});
after(async () => {
  await b?.stop();
});

/** A's state folder (the runner's app). */
function aState(): string {
  const dir = process.env.E2E_PERSIST_DIR;
  if (!dir) throw new Error('E2E_PERSIST_DIR is not set: run through e2e/run.ts');
  return dir;
}

async function identity(url: string): Promise<Identity> {
  const res = await fetch(`${url}/.well-known/corates-federation`);
  assert.equal(res.status, 200);
  return (await res.json()) as Identity;
}

async function post(url: string, path: string, cookie: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Sends a document to A's relay through its HTTP fallback, as the person with this cookie. */
async function pushDoc(url: string, cookie: string, docPath: string, doc: Y.Doc) {
  const res = await fetch(`${url}/api/reconcile/doc/${docPath}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({
      update: toBase64(Y.encodeStateAsUpdate(doc)),
      stateVector: toBase64(Y.encodeStateVector(new Y.Doc())),
    }),
  });
  assert.equal(res.status, 200, `POST ${docPath}: ${await res.text()}`);
}

/** A document as `cookie` reads it from a server's relay (the HTTP fallback, sending nothing). */
async function readDoc(url: string, cookie: string, docPath: string): Promise<Y.Doc> {
  const empty = new Y.Doc();
  const res = await fetch(`${url}/api/reconcile/doc/${docPath}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({
      update: toBase64(Y.encodeStateAsUpdate(empty)),
      stateVector: toBase64(Y.encodeStateVector(empty)),
    }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `POST ${docPath}: ${text}`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from((JSON.parse(text) as { update: string }).update, 'base64'));
  return doc;
}

/** What of a project document a share carries, comparable between A and B's mirror. */
function sharedView(doc: Y.Doc) {
  const read = readProjectDoc(doc);
  return {
    studies: read.studies.map((s) => [s.id, s.title, s.authors, s.year]),
    checklists: read.checklists.map((c) => [c.id, c.type, c.studyId, c.status, c.completedAt]),
  };
}

/** A study as the web app writes it into a project document (reviewed by `ownerId` alone). */
function putStudy(doc: Y.Doc, id: string, title: string, ownerId: string) {
  const study = new Y.Map<unknown>();
  doc.getMap(DocRoot.studies).set(id, study);
  for (const [k, v] of Object.entries({
    id,
    title,
    authors: 'Lee, J',
    year: 2024,
    journal: '',
    doi: '',
    createdAt: '2026-12-01T00:00:00.000Z',
    createdBy: ownerId,
    reviewer1: ownerId,
    reviewer2: null,
  }))
    study.set(k, v);
}

/** `ownerId`'s AMSTAR 2 checklist header of a study, finalized (with its date) or in progress. */
function putChecklist(doc: Y.Doc, studyId: string, ownerId: string, finalized: boolean) {
  const checklistId = `${studyId}:AMSTAR2:${ownerId}`;
  const header = new Y.Map<unknown>();
  doc.getMap(DocRoot.checklists).set(checklistId, header);
  for (const [k, v] of Object.entries({
    id: checklistId,
    type: 'AMSTAR2',
    studyId,
    reviewerId: ownerId,
    status: finalized ? 'finalized' : 'in-progress',
    createdAt: '2026-12-01T00:00:00.000Z',
    completedAt: finalized ? '2026-12-02T00:00:00.000Z' : null,
  }))
    header.set(k, v);
  header.set('history', new Y.Array());
  return checklistId;
}

/**
 * Answers q1 in a checklist's document on A (document model v2), over what A holds: an answer
 * written from a fresh document would be concurrent with the earlier one, and Yjs would keep
 * either.
 */
async function answer(url: string, cookie: string, projectId: string, id: string, q1: string) {
  const path = `${projectId}/checklists/${encodeURIComponent(id)}`;
  const content = await readDoc(url, cookie, path);
  content.getMap(ChecklistDocRoot.answers).set('q1', q1);
  await pushDoc(url, cookie, path, content);
}

/**
 * On A: study s1 appraised with AMSTAR 2 by the owner alone, finalized (a single reviewer's is the
 * result), its answer to q1 in the checklist's own document.
 */
async function finalizedAppraisal(url: string, cookie: string, projectId: string) {
  const me = await apiJson<{ user: { id: string } }>('GET', '/api/me', cookie, undefined, url);
  const doc = new Y.Doc();
  let checklistId = '';
  doc.transact(() => {
    doc.getMap(DocRoot.meta).set('schemaVersion', 2);
    putStudy(doc, 's1', 'Shared trial', me.user.id);
    checklistId = putChecklist(doc, 's1', me.user.id, true);
  });
  await pushDoc(url, cookie, projectId, doc);
  await answer(url, cookie, projectId, checklistId, 'yes');
  return checklistId;
}

/**
 * Reads until `done` holds, or `ms` passed (then the last value read, for the assertion to show):
 * B pulls by itself, every 10 s while nothing changes, after A's export delay of about 2 s; the
 * bound leaves a loaded machine room.
 */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 90_000) {
  let value = await read();
  for (const deadline = Date.now() + ms; !done(value) && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 500));
    value = await read();
  }
  return value;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Pulled {
  applied: number;
  subscription: { cursor: number; lastError: string | null; lastPullAt: string | null };
}
interface Held {
  studies: { id: string; title: string }[];
  checklists: { id: string; status: string; content: { answers: Record<string, string> } | null }[];
}

test('an owner on A shares a project; an admin on B redeems the invite, reads the share with what it got and catches up a finalized checklist by itself (no pull now); a revoked share’s pull says SHARE_REVOKED and pauses the subscription', async () => {
  const a = baseUrl();
  const [idA, idB] = await Promise.all([identity(a), identity(b.url)]);
  assert.notEqual(idA.serverId, idB.serverId, 'two state folders are two servers');

  // A: an owner shares a project and makes an invite.
  const owner = await sessionCookie('Owner A', `owner-${unique}@a.test`, password, a);
  const project = await apiJson<{ id: string }>(
    'POST',
    '/api/projects',
    owner,
    { name: 'Shared' },
    a,
  );
  const share = await apiJson<{ id: string }>(
    'POST',
    `/api/projects/${project.id}/shares`,
    owner,
    { mode: 'read' },
    a,
  );
  const { invite } = await apiJson<{ invite: string }>(
    'POST',
    `/api/shares/${share.id}/invites`,
    owner,
    undefined,
    a,
  );

  // B: a platform admin pastes it.
  const adminEmail = `admin-${unique}@b.test`;
  const admin = await sessionCookie('Admin B', adminEmail, password, b.url);
  assert.match(maintainerAt(b.persistDir, 'grant-admin', '--email', adminEmail), /platform admin/);
  const subscribed = await post(b.url, '/api/federation/subscriptions', admin, { invite });
  assert.equal(subscribed.status, 201, JSON.stringify(subscribed.json));
  assert.deepEqual(subscribed.json.publisher, { serverId: idA.serverId, origin: a });
  assert.equal(subscribed.json.shareId, share.id);
  assert.equal(subscribed.json.state, 'active');

  const listed = await apiJson<{ subscriptions: { id: string }[] }>(
    'GET',
    '/api/federation/subscriptions',
    admin,
    undefined,
    b.url,
  );
  assert.deepEqual(
    listed.subscriptions.map((s) => s.id),
    [subscribed.json.id],
  );

  // A knows B by the key B's well-known document publishes, as the subscriber of the share, and
  // took requests signed with it: the redeem, B's first read of the share with the token A gave
  // (requirePeer let it in: B's answer has no lastError), and from then on B's scheduled pulls
  // (the first due at once), so at least two. B keeps A's key and the token, which A keeps only
  // as a hash.
  assert.equal(subscribed.json.lastError, null);
  const [subscriber] = await queryLocalD1<{
    server_id: string;
    origin: string;
    public_key: string;
    signed: number;
  }>(
    aState(),
    `select s.server_id, v.origin, v.public_key, (select count(*) from federation_nonces n where n.key_id = s.server_id) as signed from share_subscribers s join servers v on v.id = s.server_id where s.share_id = '${share.id}'`,
  );
  const { signed, ...who } = subscriber!;
  assert.deepEqual(who, { server_id: idB.serverId, origin: b.url, public_key: idB.publicKey });
  assert.ok(signed >= 2, `signed requests: ${signed}`);
  const [mirror] = await queryLocalD1<{ public_key: string; token: string }>(
    b.persistDir,
    `select v.public_key, s.token from subscriptions s join servers v on v.id = s.publisher_id where s.share_id = '${share.id}'`,
  );
  assert.equal(mirror?.public_key, idA.publicKey);
  assert.match(mirror?.token ?? '', /^[A-Za-z0-9_-]{43}$/);

  // The invite was single-use: pasting it again is A's refusal, passed on by B.
  const again = await post(b.url, '/api/federation/subscriptions', admin, { invite });
  assert.deepEqual([again.status, again.json.error.code], [409, 'INVITE_USED']);

  // A finalized appraisal on A reaches B by itself, nobody pressing "pull now": A's ProjectDoc
  // exports it to D1 within about 2 s, which the share is read from, and B's subscription polls
  // every 10 s while nothing changes (docs/federation.md "Scheduling"), so it is there within
  // seconds; 30 s leaves the loaded machine room.
  const checklistId = await finalizedAppraisal(a, owner, project.id);
  const pullPath = `/api/federation/subscriptions/${subscribed.json.id}/pull`;
  const recordsPath = `/api/federation/subscriptions/${subscribed.json.id}/records`;
  const held = await until(
    () => apiJson<Held>('GET', recordsPath, admin, undefined, b.url),
    (h) => Boolean(h.checklists[0]?.content),
    30_000,
  );
  assert.deepEqual(
    held.studies.map((s) => [s.id, s.title]),
    [['s1', 'Shared trial']],
  );
  assert.deepEqual(
    held.checklists.map((c) => [c.id, c.status, c.content?.answers.q1]),
    [[checklistId, 'finalized', 'yes']],
  );

  // B shows the share as a mirror project its admin owns, read-only, from A; its documents match
  // A's share (the project document's studies and checklist headers, the checklist's content),
  // and a PDF uploaded at A arrives with the same bytes (copied into B's R2 by its hash).
  const pdfBytes = new TextEncoder().encode(`%PDF-1.4\nshared ${unique}`);
  const uploaded = await fetch(
    `${a}/api/projects/${project.id}/studies/s1/pdfs?fileName=trial.pdf`,
    {
      method: 'POST',
      headers: { Cookie: owner, 'Content-Type': 'application/pdf', Origin: a },
      body: pdfBytes,
    },
  );
  assert.equal(uploaded.status, 201, await uploaded.text());
  const mirrorId = subscribed.json.mirrorProjectId as string;
  const mirrorPdfs = `/api/projects/${mirrorId}/studies/s1/pdfs`;
  const pdfs = await until(
    async () =>
      (
        await apiJson<{ pdfs: { id: string; fileName: string }[] }>(
          'GET',
          mirrorPdfs,
          admin,
          undefined,
          b.url,
        )
      ).pdfs,
    (p) => p.length > 0,
    30_000,
  );
  assert.deepEqual(
    pdfs.map((p) => p.fileName),
    ['trial.pdf'],
  );
  const copied = await fetch(`${b.url}/api/projects/${mirrorId}/pdfs/${pdfs[0]!.id}/content`, {
    headers: { Cookie: admin },
  });
  assert.deepEqual(new Uint8Array(await copied.arrayBuffer()), pdfBytes);
  const mine = await apiJson<{
    projects: { id: string; role: string; mirror?: { origin: string } }[];
  }>('GET', '/api/projects', admin, undefined, b.url);
  assert.deepEqual(
    mine.projects.filter((p) => p.id === mirrorId).map((p) => [p.role, p.mirror?.origin]),
    [['owner', a]],
  );
  assert.deepEqual(
    sharedView(await readDoc(b.url, admin, mirrorId)),
    sharedView(await readDoc(a, owner, project.id)),
  );
  const checklistPath = (id: string) => `${id}/checklists/${encodeURIComponent(checklistId)}`;
  assert.deepEqual(
    readChecklistContent(await readDoc(b.url, admin, checklistPath(mirrorId))),
    readChecklistContent(await readDoc(a, owner, checklistPath(project.id))),
  );
  // Nobody at B edits it: its owner's rename is refused.
  const rename = await fetch(`${b.url}/api/projects/${mirrorId}`, {
    method: 'PATCH',
    headers: { Cookie: admin, 'Content-Type': 'application/json', Origin: b.url },
    body: JSON.stringify({ name: 'Mine' }),
  });
  assert.equal(rename.status, 403);
  assert.equal(
    ((await rename.json()) as { error: { code: string } }).error.code,
    'MIRROR_READ_ONLY',
  );
  const caughtUp = (
    await apiJson<{ subscriptions: Pulled['subscription'][] }>(
      'GET',
      '/api/federation/subscriptions',
      admin,
      undefined,
      b.url,
    )
  ).subscriptions[0]!;
  assert.ok(caughtUp.cursor > 0 && caughtUp.lastPullAt, JSON.stringify(caughtUp));
  assert.equal(caughtUp.lastError, null);
  // "Pull now" still answers, through the subscription's scheduler.
  const now = await post(b.url, pullPath, admin, {});
  assert.equal(now.status, 200, JSON.stringify(now.json));
  const pulled = now.json as Pulled;
  assert.equal(pulled.subscription.lastError, null);
  assert.ok(pulled.subscription.cursor >= caughtUp.cursor);

  // A revokes the share: B's next pull is refused, says why, and keeps what it held.
  const revoked = await fetch(`${a}/api/shares/${share.id}`, {
    method: 'DELETE',
    headers: { Cookie: owner, Origin: a },
  });
  assert.equal(revoked.status, 200);
  const refused = await post(b.url, pullPath, admin, {});
  assert.equal(refused.status, 200);
  assert.match(refused.json.subscription.lastError, /^pulling: 410 SHARE_REVOKED/);
  // Never retried by itself: paused until an admin acts.
  assert.equal(refused.json.subscription.state, 'paused');
  assert.equal(refused.json.subscription.cursor, pulled.subscription.cursor);
  const kept = await apiJson<Held>('GET', recordsPath, admin, undefined, b.url);
  assert.equal(kept.checklists.length, 1);
});

test('without the local-development setting a server refuses to call a peer at 127.0.0.1 (SSRF rule)', async () => {
  // B shares; A (started without the setting) is asked to subscribe and refuses before any call.
  const a = baseUrl();
  const owner = await sessionCookie('Owner B', `owner-${unique}@b.test`, password, b.url);
  const project = await apiJson<{ id: string }>(
    'POST',
    '/api/projects',
    owner,
    { name: 'B' },
    b.url,
  );
  const share = await apiJson<{ id: string }>(
    'POST',
    `/api/projects/${project.id}/shares`,
    owner,
    { mode: 'read' },
    b.url,
  );
  const { invite } = await apiJson<{ invite: string }>(
    'POST',
    `/api/shares/${share.id}/invites`,
    owner,
    undefined,
    b.url,
  );
  const adminEmail = `admin-${unique}@a.test`;
  const admin = await sessionCookie('Admin A', adminEmail, password, a);
  assert.match(maintainerAt(aState(), 'grant-admin', '--email', adminEmail), /platform admin/);
  const refused = await post(a, '/api/federation/subscriptions', admin, { invite });
  assert.deepEqual([refused.status, refused.json.error.code], [400, 'PEER_ORIGIN_REFUSED']);
  const [unused] = await queryLocalD1<{ redeemed_at: number | null }>(
    b.persistDir,
    `select redeemed_at from invites where share_id = '${share.id}'`,
  );
  assert.equal(unused?.redeemed_at, null);
});

/** Records as compared between A's project document and B's held copy: ids sorted, fields that travel. */
function recordsView(r: {
  studies: readonly Pick<
    SubscriptionRecords['studies'][number],
    'id' | 'title' | 'authors' | 'year' | 'journal' | 'doi' | 'createdAt'
  >[];
  checklists: readonly (Pick<
    SubscriptionRecords['checklists'][number],
    'id' | 'studyId' | 'type' | 'status'
  > & { completedAt?: string | null })[];
}) {
  return {
    studies: r.studies
      .map((s) => [s.id, s.title, s.authors, s.year, s.journal, s.doi, s.createdAt])
      .sort(),
    checklists: r.checklists
      .map((c) => [c.id, c.studyId, c.type, c.status, c.completedAt ?? null])
      .sort(),
  };
}

test('a study share through its life: B, pulling by itself, gets a study added, an edit, a PDF and a completed checklist, loses a study deleted at A and one unshared, and ends holding exactly what A’s share covers (records, checklist documents by state vector, PDF bytes by hash)', async () => {
  const a = baseUrl();
  const owner = await sessionCookie('Owner A', `life-${unique}@a.test`, password, a);
  const ownerId = (await apiJson<{ user: { id: string } }>('GET', '/api/me', owner, undefined, a))
    .user.id;
  const project = await apiJson<{ id: string }>(
    'POST',
    '/api/projects',
    owner,
    { name: 'Life' },
    a,
  );
  const checklistPath = (projectId: string, id: string) =>
    `${projectId}/checklists/${encodeURIComponent(id)}`;

  // A: s1 (finalized appraisal), s2 (in progress) and s3 (finalized, with a PDF) are shared; s9 is
  // in the project but not in the share, and never reaches B.
  const docA = new Y.Doc();
  docA.transact(() => {
    docA.getMap(DocRoot.meta).set('schemaVersion', 2);
    putStudy(docA, 's1', 'First', ownerId);
    putStudy(docA, 's2', 'Second', ownerId);
    putStudy(docA, 's3', 'Third', ownerId);
    putStudy(docA, 's9', 'Not shared', ownerId);
  });
  const c1 = putChecklist(docA, 's1', ownerId, true);
  const c2 = putChecklist(docA, 's2', ownerId, false);
  const c3 = putChecklist(docA, 's3', ownerId, true);
  await pushDoc(a, owner, project.id, docA);
  await answer(a, owner, project.id, c1, 'yes');
  await answer(a, owner, project.id, c2, 'partial yes');
  await answer(a, owner, project.id, c3, 'no');
  const upload = async (studyId: string, fileName: string) => {
    const bytes = new TextEncoder().encode(`%PDF-1.4\n${studyId} ${unique}`);
    const res = await fetch(
      `${a}/api/projects/${project.id}/studies/${studyId}/pdfs?fileName=${fileName}`,
      {
        method: 'POST',
        headers: { Cookie: owner, 'Content-Type': 'application/pdf', Origin: a },
        body: bytes,
      },
    );
    assert.equal(res.status, 201, await res.text());
    return sha256(bytes);
  };
  await upload('s3', 'third.pdf');
  const share = await apiJson<{ id: string }>(
    'POST',
    `/api/projects/${project.id}/shares`,
    owner,
    { mode: 'read', studyIds: ['s1', 's2', 's3'] },
    a,
  );
  const setStudies = async (studyIds: string[]) => {
    const res = await fetch(`${a}/api/shares/${share.id}`, {
      method: 'PATCH',
      headers: { Cookie: owner, 'Content-Type': 'application/json', Origin: a },
      body: JSON.stringify({ studyIds }),
    });
    assert.equal(res.status, 200, await res.text());
  };

  // B: an admin redeems an invite; the first pull is B's own.
  const { invite } = await apiJson<{ invite: string }>(
    'POST',
    `/api/shares/${share.id}/invites`,
    owner,
    undefined,
    a,
  );
  const adminEmail = `life-admin-${unique}@b.test`;
  const admin = await sessionCookie('Admin B', adminEmail, password, b.url);
  assert.match(maintainerAt(b.persistDir, 'grant-admin', '--email', adminEmail), /platform admin/);
  const subscribed = await post(b.url, '/api/federation/subscriptions', admin, { invite });
  assert.equal(subscribed.status, 201, JSON.stringify(subscribed.json));
  const subscriptionId = subscribed.json.id as string;
  const mirrorId = subscribed.json.mirrorProjectId as string;
  const records = () =>
    apiJson<SubscriptionRecords>(
      'GET',
      `/api/federation/subscriptions/${subscriptionId}/records`,
      admin,
      undefined,
      b.url,
    );
  const studyIds = (r: SubscriptionRecords) => r.studies.map((s) => s.id).sort();
  const checklistIds = (r: SubscriptionRecords) => r.checklists.map((c) => c.id).sort();
  const mirrorPdfs = async (studyId: string) =>
    (
      await apiJson<{ pdfs: { id: string; fileName: string }[] }>(
        'GET',
        `/api/projects/${mirrorId}/studies/${studyId}/pdfs`,
        admin,
        undefined,
        b.url,
      )
    ).pdfs;

  let held = await until(records, (r) => r.checklists.filter((c) => c.content).length === 2);
  assert.deepEqual(studyIds(held), ['s1', 's2', 's3']);
  assert.deepEqual(
    held.checklists.map((c) => [c.id, c.status, c.content?.answers.q1 ?? null]).sort(),
    [
      [c1, 'finalized', 'yes'],
      [c2, 'in-progress', null],
      [c3, 'finalized', 'no'],
    ].sort(),
  );
  assert.deepEqual(
    (
      await until(
        () => mirrorPdfs('s3'),
        (p) => p.length > 0,
      )
    ).map((p) => p.fileName),
    ['third.pdf'],
  );

  // A: s2 retitled and its checklist completed; s4 added (with an appraisal begun) and shared; a
  // PDF uploaded to s1. B catches up with all of it.
  docA.transact(() => {
    docA.getMap<Y.Map<unknown>>(DocRoot.studies).get('s2')!.set('title', 'Second, retitled');
    const header = docA.getMap<Y.Map<unknown>>(DocRoot.checklists).get(c2)!;
    header.set('status', 'finalized');
    header.set('completedAt', '2026-12-03T00:00:00.000Z');
    putStudy(docA, 's4', 'Fourth', ownerId);
  });
  const c4 = putChecklist(docA, 's4', ownerId, false);
  await pushDoc(a, owner, project.id, docA);
  await answer(a, owner, project.id, c2, 'yes');
  await setStudies(['s1', 's2', 's3', 's4']);
  const pdf1 = await upload('s1', 'first.pdf');
  held = await until(
    records,
    (r) =>
      r.studies.some((s) => s.id === 's2' && s.title === 'Second, retitled') &&
      r.checklists.some((c) => c.id === c2 && c.content?.answers.q1 === 'yes') &&
      r.checklists.some((c) => c.id === c4),
  );
  assert.deepEqual(studyIds(held), ['s1', 's2', 's3', 's4']);
  assert.deepEqual(checklistIds(held), [c1, c2, c3, c4].sort());
  assert.equal(held.studies.find((s) => s.id === 's2')?.title, 'Second, retitled');
  assert.deepEqual(
    held.checklists.filter((c) => c.id === c2).map((c) => [c.status, c.content?.answers.q1]),
    [['finalized', 'yes']],
  );
  assert.deepEqual(
    (
      await until(
        () => mirrorPdfs('s1'),
        (p) => p.length > 0,
      )
    ).map((p) => p.fileName),
    ['first.pdf'],
  );

  // A: s4 deleted (its started appraisal goes to the trash, as the app does); B drops it with its
  // checklist.
  removeStudy(docA, 's4', { by: ownerId, role: 'owner' });
  await pushDoc(a, owner, project.id, docA);
  held = await until(records, (r) => !r.studies.some((s) => s.id === 's4'));
  assert.deepEqual(studyIds(held), ['s1', 's2', 's3']);
  assert.deepEqual(checklistIds(held), [c1, c2, c3].sort());

  // A: s3 unshared (still in A's project); B drops it with its checklist and its PDF.
  await setStudies(['s1', 's2']);
  held = await until(records, (r) => !r.studies.some((s) => s.id === 's3'));
  assert.deepEqual(studyIds(held), ['s1', 's2']);
  assert.deepEqual(checklistIds(held), [c1, c2].sort());
  assert.deepEqual(
    await until(
      () => mirrorPdfs('s3'),
      (p) => p.length === 0,
    ),
    [],
  );

  // B matches A's share exactly. What it covers, read from A on its own: the share's graph (ids)
  // and the project's document (the records' fields) and checklist documents.
  const graph = await apiJson<ShareGraph>(
    'GET',
    `/api/shares/${share.id}/graph`,
    owner,
    undefined,
    a,
  );
  const covered = (entity: string) =>
    graph.nodes
      .filter((n) => n.entity === entity)
      .map((n) => n.id)
      .sort();
  assert.deepEqual(covered('study'), ['s1', 's2']);
  assert.deepEqual(covered('checklist'), [c1, c2].sort());
  assert.deepEqual(covered('file'), [pdf1].sort());
  const docAtA = readProjectDoc(await readDoc(a, owner, project.id));
  const ofShare = {
    studies: docAtA.studies.filter((s) => covered('study').includes(s.id)),
    checklists: docAtA.checklists.filter((c) => covered('checklist').includes(c.id)),
  };
  assert.deepEqual(recordsView(held), recordsView(ofShare));
  // The mirror project's document says the same.
  const mirrorDoc = readProjectDoc(await readDoc(b.url, admin, mirrorId));
  assert.deepEqual(recordsView(mirrorDoc), recordsView(ofShare));

  // Each checklist document B received (every covered one: both are finalized) is A's: same state
  // vector, same content.
  const rows = await queryLocalD1<{ checklist_id: string; data: string }>(
    b.persistDir,
    `select checklist_id, hex(data) as data from received_checklist_docs where subscription_id = '${subscriptionId}' order by checklist_id, idx`,
  );
  const received = new Map<string, Buffer>();
  for (const r of rows)
    received.set(
      r.checklist_id,
      Buffer.concat([received.get(r.checklist_id) ?? Buffer.alloc(0), Buffer.from(r.data, 'hex')]),
    );
  assert.deepEqual([...received.keys()].sort(), covered('checklist'));
  for (const [id, state] of received) {
    const atB = new Y.Doc();
    Y.applyUpdate(atB, state);
    const atA = await readDoc(a, owner, checklistPath(project.id, id));
    assert.deepEqual(Y.encodeStateVector(atB), Y.encodeStateVector(atA), `state vector of ${id}`);
    assert.deepEqual(readChecklistContent(atB), readChecklistContent(atA));
  }

  // The PDFs on B, downloaded by a member of the mirror, hash to A's files.
  const pdfsAtB = (await Promise.all(['s1', 's2', 's3', 's4'].map(mirrorPdfs))).flat();
  const hashes = await Promise.all(
    pdfsAtB.map(async (p) => {
      const res = await fetch(`${b.url}/api/projects/${mirrorId}/pdfs/${p.id}/content`, {
        headers: { Cookie: admin },
      });
      assert.equal(res.status, 200);
      return sha256(new Uint8Array(await res.arrayBuffer()));
    }),
  );
  assert.deepEqual(hashes.sort(), covered('file'));
});
