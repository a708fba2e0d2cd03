import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_VERSION_HEADER,
  DocRoot,
  shareChangesSchema,
  shareGraphSchema,
  type ShareChanges,
} from '@corates/shared';
import { createDatabase } from '../src/db/client.ts';
import { pullSubscription } from '../src/federation/pull.ts';
import { toHex } from '../src/lib/hex.ts';
import { call, signUp } from './api.ts';
import { signedFetch, subscribedServer, type Subscriber } from './federation-peer.ts';
import { finalizeAppraisal, reconciledChecklistId, syncOver, v2Project } from './v2-project.ts';

// What a share covers follows the data (DESIGN.md "Federation"): the closure of its roots, kept in
// share_updates / share_records / share_edges by the project's writes (the ProjectDoc's export
// alarm, PDF uploads and changes), so a pull reads the log only.

type Project = Awaited<ReturnType<typeof v2Project>>;

async function exportToD1(projectId: string) {
  expect(
    await runDurableObjectAlarm(env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId))),
  ).toBe(true);
}

async function page(sub: Subscriber, since: number): Promise<ShareChanges> {
  const res = await signedFetch(
    'GET',
    `/api/federation/v1/shares/${sub.shareId}/changes?since=${since}&limit=500`,
    { key: sub.key, token: sub.token },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return shareChangesSchema.parse(await res.json());
}

const ops = (p: ShareChanges) => p.changes.map((c) => `${c.op} ${c.entity}:${c.id}`);

const pdfBytes = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

async function uploadPdf(p: Project, studyId: string, text: string): Promise<string> {
  const res = await SELF.fetch(
    `http://corates.test/api/projects/${p.project.id}/studies/${studyId}/pdfs?fileName=${text}.pdf`,
    {
      method: 'POST',
      headers: {
        Cookie: p.owner.cookie,
        [CLIENT_VERSION_HEADER]: '0.1.0',
        'Content-Type': 'application/pdf',
      },
      body: pdfBytes(text),
    },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Edits the project's document as its owner's client would (HTTP fallback). */
async function editDoc(p: Project, edit: (doc: Y.Doc) => void) {
  p.doc.transact(() => edit(p.doc));
  await syncOver(`/api/reconcile/doc/${p.project.id}`, p.owner.cookie, p.doc);
}

function addStudy(doc: Y.Doc, id: string, ownerId: string) {
  const study = new Y.Map<unknown>();
  doc.getMap(DocRoot.studies).set(id, study);
  for (const [k, v] of Object.entries({
    id,
    title: `Study ${id}`,
    authors: '',
    year: 2021,
    journal: '',
    doi: '',
    createdAt: '2026-12-01T00:00:00.000Z',
    createdBy: ownerId,
    reviewer1: null,
    reviewer2: null,
  }))
    study.set(k, v);
}

function addOutcome(doc: Y.Doc, id: string, ownerId: string) {
  const outcome = new Y.Map<unknown>();
  doc.getMap(DocRoot.outcomes).set(id, outcome);
  for (const [k, v] of Object.entries({
    id,
    name: `Outcome ${id}`,
    createdAt: '2026-12-01T00:00:00.000Z',
    createdBy: ownerId,
  }))
    outcome.set(k, v);
}

const sha256 = async (bytes: Uint8Array) =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));

async function dag(shareId: string) {
  const [nodes, edges] = await env.DB.batch([
    env.DB.prepare(
      "SELECT entity || ':' || entity_id AS k FROM share_records WHERE share_id = ? ORDER BY k",
    ).bind(shareId),
    env.DB.prepare(
      `SELECT from_entity || ':' || from_id || '>' || to_entity || ':' || to_id AS k
       FROM share_edges WHERE share_id = ? ORDER BY k`,
    ).bind(shareId),
  ]);
  return {
    nodes: (nodes!.results as { k: string }[]).map((r) => r.k),
    edges: (edges!.results as { k: string }[]).map((r) => r.k),
  };
}

/** The share's log as it stands, without a pull (entity:id → op). */
async function logged(shareId: string) {
  const rows = await env.DB.prepare(
    'SELECT entity, entity_id, op FROM share_updates WHERE share_id = ? ORDER BY seq',
  )
    .bind(shareId)
    .all<{ entity: string; entity_id: string; op: string }>();
  return Object.fromEntries(rows.results.map((r) => [`${r.entity}:${r.entity_id}`, r.op]));
}

describe('the share DAG', { timeout: 90_000 }, () => {
  it('a project share covers its studies, outcomes, checklists and PDFs (metadata → file), kept current by writes', async () => {
    const p = await v2Project();
    await editDoc(p, (doc) => {
      addStudy(doc, 's2', p.owner.id);
      addOutcome(doc, 'o1', p.owner.id);
    });
    await exportToD1(p.project.id);
    const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
    // The upload refreshes the share (its first refresh: the whole closure), before any pull.
    const pdfId = await uploadPdf(p, 's1', 'report');
    const hash = await sha256(pdfBytes('report'));
    expect(await logged(sub.shareId)).toEqual({
      'study:s1': 'upsert',
      'study:s2': 'upsert',
      'outcome:o1': 'upsert',
      [`checklist:${p.a}`]: 'upsert',
      [`checklist:${p.b}`]: 'upsert',
      [`pdf:${pdfId}`]: 'upsert',
    });
    const pid = p.project.id;
    expect(await dag(sub.shareId)).toEqual({
      nodes: [
        `checklist:${p.a}`,
        `checklist:${p.b}`,
        `file:${hash}`,
        'outcome:o1',
        `pdf:${pdfId}`,
        `project:${pid}`,
        'study:s1',
        'study:s2',
      ].sort(),
      edges: [
        `pdf:${pdfId}>file:${hash}`,
        `project:${pid}>outcome:o1`,
        `project:${pid}>study:s1`,
        `project:${pid}>study:s2`,
        `study:s1>checklist:${p.a}`,
        `study:s1>checklist:${p.b}`,
        `study:s1>pdf:${pdfId}`,
      ].sort(),
    });

    const first = await page(sub, 0);
    expect(first.changes.find((c) => c.entity === 'pdf')?.row).toEqual({
      id: pdfId,
      studyId: 's1',
      fileName: 'report.pdf',
      size: pdfBytes('report').byteLength,
      tag: 'primary',
      sha256: hash,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(first.changes.find((c) => c.entity === 'outcome')?.row).toEqual({
      id: 'o1',
      name: 'Outcome o1',
      createdAt: '2026-12-01T00:00:00.000Z',
    });

    // An edit reaches the log with the export, not with the pull: the log is current before it.
    await editDoc(p, (doc) =>
      (doc.getMap(DocRoot.outcomes).get('o1') as Y.Map<unknown>).set('name', 'Mortality'),
    );
    await exportToD1(pid);
    expect(await logged(sub.shareId)).toMatchObject({ 'outcome:o1': 'upsert' });
    const second = await page(sub, first.checkpoint);
    expect(ops(second)).toEqual(['upsert outcome:o1']);
    expect(second.changes[0]?.row).toMatchObject({ name: 'Mortality' });
    const labels = await env.DB.prepare(
      "SELECT label FROM share_records WHERE share_id = ? AND entity = 'outcome'",
    )
      .bind(sub.shareId)
      .first<{ label: string }>();
    expect(labels?.label).toBe('Mortality');
  });

  it('a study share: checklists and PDFs added under its studies join; a deleted study and a PDF moved away leave (nothing deleted at A)', async () => {
    const p = await v2Project();
    await editDoc(p, (doc) => {
      addStudy(doc, 's3', p.owner.id);
      addStudy(doc, 's9', p.owner.id);
    });
    await exportToD1(p.project.id);
    const f1 = await uploadPdf(p, 's1', 'f1');
    const f3 = await uploadPdf(p, 's3', 'f3');
    const f9 = await uploadPdf(p, 's9', 'f9');
    const sub = await subscribedServer(p.owner.cookie, {
      projectId: p.project.id,
      studyIds: ['s1', 's3'],
    });
    const first = await page(sub, 0);
    expect(ops(first).sort()).toEqual(
      [
        'upsert study:s1',
        'upsert study:s3',
        `upsert checklist:${p.a}`,
        `upsert checklist:${p.b}`,
        `upsert pdf:${f1}`,
        `upsert pdf:${f3}`,
      ].sort(),
    );
    expect(ops(first).join()).not.toContain(f9);

    // A checklist (the reconciled one) and a PDF added under s1 join.
    await finalizeAppraisal(p);
    await exportToD1(p.project.id);
    const f4 = await uploadPdf(p, 's1', 'f4');
    const joined = await page(sub, first.checkpoint);
    expect(ops(joined)).toEqual(
      expect.arrayContaining([`upsert checklist:${reconciledChecklistId}`, `upsert pdf:${f4}`]),
    );
    expect((await dag(sub.shareId)).edges).toEqual(
      expect.arrayContaining([`study:s1>checklist:${reconciledChecklistId}`, `study:s1>pdf:${f4}`]),
    );

    // s3 deleted from the document: it and its PDF leave; the PDF's row stays at A.
    await editDoc(p, (doc) => doc.getMap(DocRoot.studies).delete('s3'));
    await exportToD1(p.project.id);
    const left = await page(sub, joined.checkpoint);
    expect(ops(left).sort()).toEqual(['leave pdf:' + f3, 'leave study:s3'].sort());
    expect(left.changes.every((c) => c.row === undefined)).toBe(true);
    const kept = await env.DB.prepare('SELECT count(*) AS n FROM pdfs WHERE id = ?')
      .bind(f3)
      .first<{ n: number }>();
    expect(kept?.n).toBe(1);

    // f1 moved to s9, which is not shared. No route moves a PDF yet: its row is moved in D1 as
    // one would, and a rename (a PDF write, through the mutation path) refreshes the share.
    await env.DB.prepare("UPDATE pdfs SET study_id = 's9', tag = 'secondary' WHERE id = ?")
      .bind(f1)
      .run();
    const renamed = await call('PATCH', `/api/projects/${p.project.id}/pdfs/${f1}`, {
      cookie: p.owner.cookie,
      body: { fileName: 'moved.pdf' },
    });
    expect(renamed.status).toBe(200);
    const moved = await page(sub, left.checkpoint);
    expect(ops(moved)).toEqual([`leave pdf:${f1}`]);
    const graph = await dag(sub.shareId);
    expect(graph.nodes).not.toContain(`pdf:${f1}`);
    expect(graph.nodes).not.toContain('study:s3');
    expect(graph.edges.join()).not.toContain(f1);
  });

  it("pause and resume (owners only); a paused share's pull is 409 SHARE_PAUSED and resumes where it was; the owner's view of subscribers and the graph", async () => {
    const p = await v2Project();
    await exportToD1(p.project.id);
    const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
    const first = await page(sub, 0);
    const path = `/api/shares/${sub.shareId}`;
    const pause = (cookie: string, status: string) =>
      call('PATCH', path, { cookie, body: { status } });
    const outsider = await signUp('Oscar');
    expect((await pause(p.alice.cookie, 'paused')).status).toBe(403);
    expect((await pause(outsider.cookie, 'paused')).status).toBe(404);
    expect((await pause(p.owner.cookie, 'revoked')).status).toBe(400);
    const paused = await pause(p.owner.cookie, 'paused');
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ id: sub.shareId, status: 'paused', revokedAt: null });
    expect(Date.parse(paused.json.pausedAt)).toBeGreaterThan(Date.now() - 60_000);
    const refused = await signedFetch(
      'GET',
      `/api/federation/v1/shares/${sub.shareId}/changes?since=${first.checkpoint}`,
      { key: sub.key, token: sub.token },
    );
    expect([
      refused.status,
      ((await refused.json()) as { error: { code: string } }).error.code,
    ]).toEqual([409, 'SHARE_PAUSED']);
    // Paused, the log still follows the project: resumed, the subscriber goes on from its place.
    await editDoc(p, (doc) => addOutcome(doc, 'o1', p.owner.id));
    await exportToD1(p.project.id);
    const resumed = await pause(p.owner.cookie, 'active');
    expect(resumed.json).toMatchObject({ status: 'active', pausedAt: null });
    const next = await page(sub, first.checkpoint);
    expect(ops(next)).toEqual(['upsert outcome:o1']);

    // A refusal for a schema mismatch is counted for the owner's view.
    await env.DB.prepare('UPDATE servers SET schema_min = 99, schema_max = 99 WHERE id = ?')
      .bind(sub.key.serverId)
      .run();
    const mismatch = await signedFetch(
      'GET',
      `/api/federation/v1/shares/${sub.shareId}/changes?since=${next.checkpoint}`,
      { key: sub.key, token: sub.token },
    );
    expect(mismatch.status).toBe(409);

    expect((await call('GET', path, { cookie: p.alice.cookie })).status).toBe(403);
    const detail = await call('GET', path, { cookie: p.owner.cookie });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      id: sub.shareId,
      status: 'active',
      lastSeq: next.checkpoint,
      // project, s1, o1 and the two checklists
      recordCount: 5,
      subscribers: [
        {
          serverId: sub.key.serverId,
          origin: 'https://b.example',
          // It asked since first.checkpoint, not yet since next's: one change not acknowledged.
          ackedSeq: first.checkpoint,
          lag: next.checkpoint - first.checkpoint,
          lastError: null,
          schemaRefusals: 1,
        },
      ],
    });
    expect(Date.parse(detail.json.subscribers[0].lastPullAt)).toBeGreaterThan(Date.now() - 60_000);

    const graph = await call('GET', `${path}/graph`, { cookie: p.owner.cookie });
    expect(graph.status).toBe(200);
    const parsed = shareGraphSchema.parse(graph.json);
    expect(parsed.nodes.map((n) => n.key).sort()).toEqual(
      [
        `project:${p.project.id}`,
        'study:s1',
        'outcome:o1',
        `checklist:${p.a}`,
        `checklist:${p.b}`,
      ].sort(),
    );
    expect(parsed.nodes.find((n) => n.key === 'outcome:o1')).toMatchObject({
      entity: 'outcome',
      id: 'o1',
      label: 'Outcome o1',
    });
    expect(parsed.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(
      [
        `project:${p.project.id}>study:s1`,
        `project:${p.project.id}>outcome:o1`,
        `study:s1>checklist:${p.a}`,
        `study:s1>checklist:${p.b}`,
      ].sort(),
    );
    // The outcome joined after the study: its edge says so.
    const joined = (to: string) => Date.parse(parsed.edges.find((e) => e.to === to)!.includedAt);
    expect(joined('outcome:o1')).toBeGreaterThan(joined('study:s1'));

    // Revoked is for good: it is not resumed.
    await call('DELETE', path, { cookie: p.owner.cookie });
    const again = await pause(p.owner.cookie, 'active');
    expect([again.status, again.json.error.code]).toEqual([410, 'SHARE_REVOKED']);
  });

  it("a new share's graph is there before any pull (its first refresh runs on the read)", async () => {
    const p = await v2Project();
    await exportToD1(p.project.id);
    const sub = await subscribedServer(p.owner.cookie, {
      projectId: p.project.id,
      studyIds: ['s1'],
    });
    const graph = await call('GET', `/api/shares/${sub.shareId}/graph`, { cookie: p.owner.cookie });
    expect(graph.status).toBe(200);
    expect(graph.json.nodes.map((n: { key: string }) => n.key).sort()).toEqual(
      ['study:s1', `checklist:${p.a}`, `checklist:${p.b}`].sort(),
    );
    expect(graph.json.edges).toHaveLength(2);
  });

  it('a study taken out of a study share leaves it with its checklists and PDFs; studyIds are checked', async () => {
    const p = await v2Project();
    await editDoc(p, (doc) => addStudy(doc, 's3', p.owner.id));
    await exportToD1(p.project.id);
    const f1 = await uploadPdf(p, 's1', 'f1');
    const sub = await subscribedServer(p.owner.cookie, {
      projectId: p.project.id,
      studyIds: ['s1', 's3'],
    });
    const first = await page(sub, 0);
    const path = `/api/shares/${sub.shareId}`;
    const narrowed = await call('PATCH', path, {
      cookie: p.owner.cookie,
      body: { studyIds: ['s3'] },
    });
    expect([narrowed.status, narrowed.json.studyIds, narrowed.json.status]).toEqual([
      200,
      ['s3'],
      'active',
    ]);
    const left = await page(sub, first.checkpoint);
    expect(ops(left).sort()).toEqual(
      [
        'leave study:s1',
        `leave checklist:${p.a}`,
        `leave checklist:${p.b}`,
        `leave pdf:${f1}`,
      ].sort(),
    );
    expect((await dag(sub.shareId)).nodes).toEqual(['study:s3']);

    const unknown = await call('PATCH', path, {
      cookie: p.owner.cookie,
      body: { studyIds: ['nope'] },
    });
    expect([unknown.status, unknown.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call('PATCH', path, { cookie: p.owner.cookie, body: {} })).status).toBe(400);
    const whole = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
    const onProject = await call('PATCH', `/api/shares/${whole.shareId}`, {
      cookie: p.owner.cookie,
      body: { studyIds: ['s1'] },
    });
    expect([onProject.status, onProject.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it("the subscriber keeps a paused share's refusal in lastError and stays active; resumed, its next pull catches up", async () => {
    const p = await v2Project();
    await exportToD1(p.project.id);
    const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
    // B, on this same server: its subscription names a publisher origin whose calls are routed
    // back into this worker's publisher routes (signature and token checked there).
    const publisherOrigin = 'https://publisher.test';
    const publisherId = `srv_${crypto.randomUUID().replaceAll('-', '').slice(0, 22)}`;
    const id = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO servers (id, origin, public_key, schema_min, schema_max) VALUES (?, ?, ?, 2, 2)`,
      ).bind(publisherId, publisherOrigin, 'A'.repeat(43)),
      env.DB.prepare(
        `INSERT INTO subscriptions (id, publisher_id, share_id, token, schema_version, cursor)
         VALUES (?, ?, ?, ?, 2, 0)`,
      ).bind(id, publisherId, sub.shareId, sub.token),
    ]);
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return new URL(request.url).origin === publisherOrigin
        ? SELF.fetch(request)
        : realFetch(input, init);
    };
    try {
      const ctx = () => ({
        db: createDatabase(env.DB),
        d1: env.DB,
        key: sub.key,
        allowLocal: false,
        now: new Date(),
        env,
      });
      await call('PATCH', `/api/shares/${sub.shareId}`, {
        cookie: p.owner.cookie,
        body: { status: 'paused' },
      });
      const paused = await pullSubscription(ctx(), id);
      expect(paused.subscription).toMatchObject({
        state: 'active',
        cursor: 0,
        lastError: 'pulling: 409 SHARE_PAUSED',
      });
      await call('PATCH', `/api/shares/${sub.shareId}`, {
        cookie: p.owner.cookie,
        body: { status: 'active' },
      });
      const resumed = await pullSubscription(ctx(), id);
      expect(resumed.subscription).toMatchObject({ state: 'active', lastError: null });
      expect(resumed.subscription.cursor).toBeGreaterThan(0);
      expect(resumed.applied).toBe(3);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
