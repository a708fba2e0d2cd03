import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DocRoot } from '@corates/shared';
import { ChecklistDocRoot, readChecklistContent, readProjectDoc } from '@corates/shared/doc';
import { createDatabase } from '../src/db/client.ts';
import { ensureMirrorProject } from '../src/federation/mirror-project.ts';
import { blobKey, sha256Hex } from '../src/federation/pdf-blobs.ts';
import { pullSubscription, type PullContext } from '../src/federation/pull.ts';
import { importServerKey } from '../src/federation/server-key.ts';
import { subscribe } from '../src/federation/subscribe.ts';
import { unsubscribe } from '../src/federation/unsubscribe.ts';
import { addMember, call, grantAdmin, signUp } from './api.ts';
import { newServerSeed } from './federation-keys.ts';
import { ORIGIN, signedFetch, subscribedServer } from './federation-peer.ts';
import { editOverHttp, projectDocStub, serverDoc } from './project-doc-server.ts';
import {
  checklistFallback,
  finalizeAppraisal,
  fromB64,
  reconciledChecklistId,
  syncOver,
  toB64,
  v2Project,
} from './v2-project.ts';

// The mirror project (docs/federation.md "The mirror project", SPEC [R22]): server B subscribes to
// a share of server A, and shows it as a read-only project. Both servers are this Worker: A is
// reached over HTTP (SELF), B is the subscriber's code run with a key of its own, so A knows B as
// another server. B's calls to A's origin leave through the global fetch, which is routed to SELF
// here (the network between the two, not a stand-in for either: every request is A's real route).

const realFetch = globalThis.fetch;
beforeAll(() => {
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const request = new Request(input, init);
    return request.url.startsWith(ORIGIN) ? SELF.fetch(request) : realFetch(request);
  });
});
afterAll(() => vi.restoreAllMocks());

async function exportToD1(projectId: string) {
  expect(
    await runDurableObjectAlarm(env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId))),
  ).toBe(true);
}

/** A's owner finalizes the appraisal of s1 (q1 = yes, noted 'agreed') and A exports it to D1. */
async function finalize(p: Awaited<ReturnType<typeof v2Project>>) {
  await finalizeAppraisal(p, 'agreed');
  await exportToD1(p.project.id);
}

/** A shares its whole project; B's admin subscribes (as the subscribe route does). */
async function mirrorOf(p: Awaited<ReturnType<typeof v2Project>>) {
  const share = await call('POST', `/api/projects/${p.project.id}/shares`, {
    cookie: p.owner.cookie,
    body: { mode: 'read' },
  });
  expect(share.status).toBe(201);
  const invite = await call('POST', `/api/shares/${share.json.id}/invites`, {
    cookie: p.owner.cookie,
  });
  const admin = await signUp('Bea');
  await grantAdmin(admin.email);
  const db = createDatabase(env.DB);
  const ctx: PullContext & { origin: string } = {
    db,
    d1: env.DB,
    env,
    key: await importServerKey(newServerSeed()),
    origin: 'https://b.example',
    allowLocal: true,
    now: new Date(),
  };
  const subscription = await subscribe(ctx, invite.json.invite, admin.id);
  const projectId = await ensureMirrorProject(env, db, {
    subscriptionId: subscription.id,
    origin: subscription.publisher.origin,
    ownerId: admin.id,
    now: ctx.now,
  });
  const pull = async () => {
    const pulled = await pullSubscription({ ...ctx, now: new Date() }, subscription.id);
    expect(pulled.subscription.lastError).toBeNull();
    return pulled;
  };
  return { admin, subscription, projectId, pull, ctx };
}

/** A checklist document of the mirror as `cookie` reads it (the HTTP fallback, sending nothing). */
async function readChecklist(projectId: string, checklistId: string, cookie: string) {
  const res = await call('POST', checklistFallback(projectId, checklistId), {
    cookie,
    body: {
      update: toB64(Y.encodeStateAsUpdate(new Y.Doc())),
      stateVector: toB64(Y.encodeStateVector(new Y.Doc())),
    },
  });
  if (res.status !== 200) return res.status;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromB64(res.json.update));
  return readChecklistContent(doc);
}

describe('the mirror project [R22]', { timeout: 90_000 }, () => {
  it('is made on subscribe, owned by the subscribing admin, marked from the publisher; a pull writes the records into its documents', async () => {
    const p = await v2Project();
    await exportToD1(p.project.id);
    const m = await mirrorOf(p);

    const listed = await call('GET', '/api/projects', { cookie: m.admin.cookie });
    const mirror = (listed.json.projects as { id: string }[]).find((x) => x.id === m.projectId);
    expect(mirror).toMatchObject({ role: 'owner', mirror: { origin: ORIGIN } });
    // Nothing pulled yet: an empty document.
    expect(readProjectDoc(await serverDoc(m.projectId)).studies).toEqual([]);

    expect((await m.pull()).subscription.mirrorProjectId).toBe(m.projectId);
    const first = readProjectDoc(await serverDoc(m.projectId));
    expect(first.studies.map((s) => [s.id, s.title])).toEqual([['s1', 'Trial']]);
    expect(first.checklists.map((c) => c.id).sort()).toEqual([p.a, p.b].sort());
    // Blinding holds in a mirror, for its owner too: a reviewer's checklist of an appraisal not
    // finalized is open to no one (nor was its content shared).
    expect(await readChecklist(m.projectId, p.a, m.admin.cookie)).toBe(404);

    await finalize(p);
    await m.pull();
    const second = readProjectDoc(await serverDoc(m.projectId));
    const reconciled = second.checklists.find((c) => c.id === reconciledChecklistId);
    expect(reconciled).toMatchObject({ status: 'finalized', reviewerId: null });
    // The finalized appraisal's content is in its checklist document, readable by the owner.
    expect(await readChecklist(m.projectId, reconciledChecklistId, m.admin.cookie)).toMatchObject({
      answers: { q1: 'yes' },
      notes: { q1: 'agreed' },
    });
    // A pull with nothing new writes nothing: the document's state stays.
    const before = Y.encodeStateVector(await serverDoc(m.projectId));
    await m.pull();
    expect(Y.encodeStateVector(await serverDoc(m.projectId))).toEqual(before);
  });

  it('is made once when two subscribes of one share race: both get the same mirror', async () => {
    const admin = await signUp('Rae');
    const db = createDatabase(env.DB);
    const input = {
      subscriptionId: 'sub-raced',
      origin: ORIGIN,
      ownerId: admin.id,
      now: new Date(),
    };
    const [first, second] = await Promise.all([
      ensureMirrorProject(env, db, input),
      ensureMirrorProject(env, db, input),
    ]);
    expect(second).toBe(first);
    const rows = await env.DB.prepare(
      'SELECT count(*) AS n FROM projects WHERE mirror_of_subscription = ?',
    )
      .bind('sub-raced')
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("refuses every write, the owner's and a member's; the owner adds members as anywhere", async () => {
    const p = await v2Project();
    await finalize(p);
    const m = await mirrorOf(p);
    await m.pull();
    const reader = await signUp('Rita');
    const editor = await signUp('Ed');
    await addMember(m.admin.cookie, m.projectId, reader.email, 'viewer');
    await addMember(m.admin.cookie, m.projectId, editor.email, 'editor');
    const members = await call('GET', `/api/projects/${m.projectId}/members`, {
      cookie: m.admin.cookie,
    });
    expect(members.status).toBe(200);
    expect(members.json.members).toHaveLength(3);

    // The document: the owner's and the editor's updates are ignored, as a viewer's are.
    for (const cookie of [m.admin.cookie, editor.cookie]) {
      const res = await editOverHttp(m.projectId, cookie, (d) =>
        (d.getMap(DocRoot.studies).get('s1') as Y.Map<unknown>).set('title', 'Changed at B'),
      );
      expect(res.status).toBe(200);
    }
    expect(readProjectDoc(await serverDoc(m.projectId)).studies[0]?.title).toBe('Trial');
    // A checklist document too: the owner's answer does not land.
    const answer = new Y.Doc();
    answer.getMap(ChecklistDocRoot.answers).set('q1', 'no');
    const sent = await call('POST', checklistFallback(m.projectId, reconciledChecklistId), {
      cookie: m.admin.cookie,
      body: {
        update: toB64(Y.encodeStateAsUpdate(answer)),
        stateVector: toB64(Y.encodeStateVector(answer)),
      },
    });
    expect(sent.status).toBe(200);
    expect(await readChecklist(m.projectId, reconciledChecklistId, m.admin.cookie)).toMatchObject({
      answers: { q1: 'yes' },
    });

    // REST writes: refused with MIRROR_READ_ONLY for the owner and an editor; a viewer is below the role.
    for (const cookie of [m.admin.cookie, editor.cookie]) {
      const rename = await call('PATCH', `/api/projects/${m.projectId}`, {
        cookie,
        body: { name: 'Mine now' },
      });
      expect(rename.status).toBe(403);
      expect(rename.json.error.code).toBe('MIRROR_READ_ONLY');
    }
    const byReader = await call('PATCH', `/api/projects/${m.projectId}`, {
      cookie: reader.cookie,
      body: { name: 'Mine now' },
    });
    expect(byReader.json.error.code).toBe('FORBIDDEN');
    const remove = await call('DELETE', `/api/projects/${m.projectId}`, {
      cookie: m.admin.cookie,
    });
    expect(remove.json.error.code).toBe('MIRROR_READ_ONLY');
    const upload = await SELF.fetch(
      `${ORIGIN}/api/projects/${m.projectId}/studies/s1/pdfs?fileName=b.pdf`,
      {
        method: 'POST',
        headers: { Cookie: m.admin.cookie, 'Content-Type': 'application/pdf' },
        body: '%PDF-1.4 not at B',
      },
    );
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { error: { code: string } }).error.code).toBe(
      'MIRROR_READ_ONLY',
    );
    // The mirror's reader sees what the owner sees.
    expect(readProjectDoc(await serverDoc(m.projectId)).studies.map((s) => s.id)).toEqual(['s1']);
  });

  it('removes a record that left the share, and goes when the subscription does', async () => {
    const p = await v2Project();
    p.doc.transact(() => {
      const study = new Y.Map<unknown>();
      p.doc.getMap(DocRoot.studies).set('s2', study);
      for (const [k, v] of Object.entries({
        id: 's2',
        title: 'Second',
        authors: '',
        year: null,
        journal: '',
        doi: '',
        createdAt: '2026-12-01T00:00:00.000Z',
        createdBy: p.owner.id,
        reviewer1: null,
        reviewer2: null,
      }))
        study.set(k, v);
    });
    await syncOver(`/api/reconcile/doc/${p.project.id}`, p.owner.cookie, p.doc);
    await exportToD1(p.project.id);
    const m = await mirrorOf(p);
    await m.pull();
    expect(
      readProjectDoc(await serverDoc(m.projectId))
        .studies.map((s) => s.id)
        .sort(),
    ).toEqual(['s1', 's2']);

    p.doc.getMap(DocRoot.studies).delete('s2');
    await syncOver(`/api/reconcile/doc/${p.project.id}`, p.owner.cookie, p.doc);
    await exportToD1(p.project.id);
    await m.pull();
    expect(readProjectDoc(await serverDoc(m.projectId)).studies.map((s) => s.id)).toEqual(['s1']);

    // Unsubscribing deletes the mirror: gone from its owner's projects, its members and its
    // object's storage (the document and the mirror mark) with it.
    await unsubscribe({ ...m.ctx, now: new Date() }, m.subscription.id, async () => {});
    const listed = await call('GET', '/api/projects', { cookie: m.admin.cookie });
    expect((listed.json.projects as { id: string }[]).map((x) => x.id)).not.toContain(m.projectId);
    const members = await env.DB.prepare(
      'SELECT count(*) AS n FROM project_members WHERE project_id = ?',
    )
      .bind(m.projectId)
      .first<{ n: number }>();
    expect(members?.n).toBe(0);
    const stored = await runInDurableObject(projectDocStub(m.projectId), (_, state) =>
      state.storage.list(),
    );
    expect(stored.size).toBe(0);
  });
});

/** A's owner uploads a PDF to study s1; answers its id and the hash the upload recorded. */
async function uploadPdf(projectId: string, cookie: string, text: string) {
  const bytes = new TextEncoder().encode(`%PDF-1.4\n${text}`);
  const res = await SELF.fetch(
    `${ORIGIN}/api/projects/${projectId}/studies/s1/pdfs?fileName=${text}.pdf`,
    {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'application/pdf',
        'Content-Length': String(bytes.byteLength),
      },
      body: bytes,
    },
  );
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const row = await env.DB.prepare('SELECT sha256, r2_key FROM pdfs WHERE id = ?')
    .bind(id)
    .first<{ sha256: string; r2_key: string }>();
  // Hashed on the way to R2.
  expect(row?.sha256).toBe(await sha256Hex(bytes));
  return { id, bytes, sha256: row!.sha256, r2Key: row!.r2_key };
}

describe('PDF files of a share', { timeout: 90_000 }, () => {
  it("are copied into the subscriber's R2 by their hash, verified; a file whose bytes do not match is refused and not stored", async () => {
    const p = await v2Project();
    const good = await uploadPdf(p.project.id, p.owner.cookie, 'the protocol');
    const bad = await uploadPdf(p.project.id, p.owner.cookie, 'the full text');
    // A's stored bytes of the second file go bad after it was hashed: what A serves no longer
    // matches the hash its share names.
    await env.PDFS.put(bad.r2Key, new TextEncoder().encode('%PDF-1.4\nsomething else'));
    await exportToD1(p.project.id);
    const m = await mirrorOf(p);

    const pulled = await pullSubscription({ ...m.ctx, now: new Date() }, m.subscription.id);
    expect(pulled.subscription.lastError).toBe(
      `fetching PDF ${bad.sha256}: the bytes received hash to ${await sha256Hex(new TextEncoder().encode('%PDF-1.4\nsomething else'))}; not stored`,
    );
    const copied = await env.PDFS.get(blobKey(good.sha256));
    expect(new Uint8Array(await copied!.arrayBuffer())).toEqual(good.bytes);
    expect(await env.PDFS.head(blobKey(bad.sha256))).toBeNull();

    // The mirror lists the file it holds, and its owner opens it like any project's PDF.
    const pdfs = await call('GET', `/api/projects/${m.projectId}/studies/s1/pdfs?fileName=b.pdf`, {
      cookie: m.admin.cookie,
    });
    expect(pdfs.json.pdfs.map((x: { size: number }) => x.size)).toEqual([good.bytes.byteLength]);
    const content = await SELF.fetch(
      `${ORIGIN}/api/projects/${m.projectId}/pdfs/${pdfs.json.pdfs[0].id}/content`,
      { headers: { Cookie: m.admin.cookie } },
    );
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(good.bytes);

    // A's file is mended: the next pull asks again (nothing new to apply) and stores it.
    await env.PDFS.put(bad.r2Key, bad.bytes);
    const again = await pullSubscription({ ...m.ctx, now: new Date() }, m.subscription.id);
    expect(again.subscription.lastError).toBeNull();
    expect(await env.PDFS.head(blobKey(bad.sha256))).not.toBeNull();
  });

  it('are served to a subscriber only by the hash of a PDF its share covers', async () => {
    const p = await v2Project();
    const pdf = await uploadPdf(p.project.id, p.owner.cookie, 'the protocol');
    await exportToD1(p.project.id);
    const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
    // The share's log is brought up to date by a changes request.
    expect(
      (await signedFetch('GET', `/api/federation/v1/shares/${sub.shareId}/changes?since=0`, sub))
        .status,
    ).toBe(200);
    const blob = (sha256: string) =>
      signedFetch('GET', `/api/federation/v1/shares/${sub.shareId}/blobs/${sha256}`, sub);
    const served = await blob(pdf.sha256);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(pdf.bytes);
    // A file this server holds, but not in this share: as unknown as any other hash.
    const other = await v2Project();
    const elsewhere = await uploadPdf(other.project.id, other.owner.cookie, 'not shared');
    for (const sha256 of [elsewhere.sha256, 'a'.repeat(64)]) {
      const res = await blob(sha256);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
    expect((await blob('not-a-hash')).status).toBe(400);
  });
});
