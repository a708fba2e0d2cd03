import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { shareChangesSchema, type ShareChange, type ShareChanges } from '@corates/shared';
import { ChecklistDocRoot, noteRootName, readChecklistContent } from '@corates/shared/doc';
import { call, grantAdmin, signUp } from './api.ts';
import { docUpdateBytes } from './federation-docs.ts';
import { signedFetch, subscribedServer, type Subscriber } from './federation-peer.ts';
import {
  checklistFallback,
  finalizeAppraisal,
  reconciledChecklistId,
  syncOver,
  v2Project,
} from './v2-project.ts';
import { applyPage, pullSubscription } from '../src/federation/pull.ts';
import { createDatabase } from '../src/db/client.ts';
import { BadDocUpdate, receivedChecklistState } from '../src/federation/received-docs.ts';
import { attachDocUpdates } from '../src/federation/checklist-docs.ts';
import { readSharePage } from '../src/federation/share-changes.ts';

// Checklist documents in a share (docs/federation.md "Checklist documents"): the publisher sends
// each as a Yjs update against what the subscriber holds, and the subscriber keeps its Yjs state.
// Both sides run here on one D1: the publisher's route answers the pages (signed as a subscribing
// server signs them) and the subscriber's applyPage stores them, as a pull does with each page.

async function page(sub: Subscriber, since: number, limit = 200): Promise<ShareChanges> {
  const res = await signedFetch(
    'GET',
    `/api/federation/v1/shares/${sub.shareId}/changes?since=${since}&limit=${limit}`,
    { key: sub.key, token: sub.token },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return shareChangesSchema.parse(await res.json());
}

async function exportToD1(projectId: string) {
  expect(
    await runDurableObjectAlarm(env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId))),
  ).toBe(true);
}

const checklist = (changes: ShareChanges['changes'], id: string) =>
  changes.find((c): c is Extract<ShareChange, { entity: 'checklist' }> => c.id === id);
const updateBytes = (c: ShareChange | undefined) => docUpdateBytes(c).byteLength;

/** The publisher's origin as a subscription names it (calls to it are routed back here). */
const PUBLISHER = 'https://publisher.test';

/** A subscription on "this" server to the share, as B keeps it (its publisher not called here). */
async function subscription(
  shareId: string,
  publisherAt: { origin: string; token: string } = {
    origin: 'https://a.example',
    token: 'T'.repeat(43),
  },
) {
  const admin = await signUp('B admin');
  await grantAdmin(admin.email);
  const publisher = `srv_${crypto.randomUUID().replaceAll('-', '').slice(0, 22)}`;
  const id = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO servers (id, origin, public_key, schema_min, schema_max) VALUES (?, ?, ?, 2, 2)`,
    ).bind(publisher, publisherAt.origin, 'A'.repeat(43)),
    env.DB.prepare(
      `INSERT INTO subscriptions (id, publisher_id, share_id, token, schema_version, cursor)
       VALUES (?, ?, ?, ?, 2, 0)`,
    ).bind(id, publisher, shareId, publisherAt.token),
  ]);
  let cursor = 0;
  return {
    id,
    admin,
    get cursor() {
      return cursor;
    },
    /**
     * Applies a page as the pull does (page and cursor in one batch, guarded on the cursor the
     * page was asked at: `expected`); false if refused.
     */
    async apply(since: number, p: ShareChanges, expected = since === 0 ? cursor : since) {
      const ok = await applyPage({ d1: env.DB, now: new Date() }, id, expected, since, p);
      if (ok) cursor = p.checkpoint;
      return ok;
    },
    async records() {
      const res = await call('GET', `/api/federation/subscriptions/${id}/records`, {
        cookie: admin.cookie,
      });
      expect(res.status).toBe(200);
      return res.json as { checklists: { id: string; content: unknown }[] };
    },
  };
}

/** The publisher's checklist document as its owner reads it (HTTP fallback, from nothing). */
async function publisherDoc(projectId: string, cookie: string, checklistId: string) {
  const doc = new Y.Doc();
  await syncOver(checklistFallback(projectId, checklistId), cookie, doc);
  return doc;
}

/** A note of about 40 KB: a document whose whole state is large beside an edit's few bytes. */
const LONG_NOTE = 'Risk of bias discussed at length. '.repeat(1_200);

describe(
  'checklist documents as Yjs updates against the subscriber state vector',
  { timeout: 120_000 },
  () => {
    it('withholds content until finalized, then sends the whole document once and only the diff after; B converges to A', async () => {
      const p = await v2Project();
      // Alice's checklist grows large while she works (blinded: nothing of it goes out yet).
      const big = new Y.Doc();
      big.getText(noteRootName('q2')).insert(0, LONG_NOTE);
      await syncOver(checklistFallback(p.project.id, p.a), p.alice.cookie, big);
      await exportToD1(p.project.id);
      const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
      const b = await subscription(sub.shareId);

      const first = await page(sub, 0);
      expect(checklist(first.changes, p.a)?.docUpdate).toBeUndefined();
      expect(checklist(first.changes, p.b)?.docUpdate).toBeUndefined();
      expect(checklist(first.changes, p.a)?.row).not.toHaveProperty('content');
      expect(await b.apply(0, first)).toBe(true);
      expect((await b.records()).checklists.map((c) => c.content)).toEqual([null, null]);

      await finalizeAppraisal(p);
      await exportToD1(p.project.id);
      const second = await page(sub, b.cursor);
      const full = updateBytes(checklist(second.changes, p.a));
      expect(full).toBeGreaterThan(LONG_NOTE.length);
      expect(checklist(second.changes, reconciledChecklistId)?.docUpdate).toBeDefined();
      expect(await b.apply(first.checkpoint, second)).toBe(true);

      // A small edit to the large document: the next change carries only what B lacks.
      const edit = await publisherDoc(p.project.id, p.alice.cookie, p.a);
      edit.getMap(ChecklistDocRoot.answers).set('q2', 'partial yes');
      await syncOver(checklistFallback(p.project.id, p.a), p.alice.cookie, edit);
      await exportToD1(p.project.id);
      const third = await page(sub, b.cursor);
      expect(third.changes.map((c) => c.id)).toEqual([p.a]);
      const diff = updateBytes(third.changes[0]);
      expect(diff).toBeGreaterThan(0);
      expect(diff * 100).toBeLessThan(full);

      // A crash before B's cursor write: the page is lost and asked for again. Answered against
      // what B acknowledged (not against what was sent and lost), so B misses nothing.
      const edit2 = await publisherDoc(p.project.id, p.alice.cookie, p.a);
      edit2.getMap(ChecklistDocRoot.answers).set('q3', 'no');
      await syncOver(checklistFallback(p.project.id, p.a), p.alice.cookie, edit2);
      await exportToD1(p.project.id);
      const lost = await page(sub, b.cursor);
      const again = await page(sub, b.cursor);
      expect(again.changes.map((c) => c.id)).toEqual(lost.changes.map((c) => c.id));
      // The repeat answers against the state B acknowledged, so it carries both small edits' ops.
      expect(updateBytes(again.changes[0])).toBeGreaterThanOrEqual(updateBytes(lost.changes[0]));
      expect(await b.apply(b.cursor, again)).toBe(true);
      // The lost answer arriving late changes nothing: its cursor is not B's any more.
      expect(await b.apply(third.checkpoint, lost)).toBe(false);

      // B's content and state vectors equal A's, for every checklist.
      const records = await b.records();
      for (const id of [p.a, p.b, reconciledChecklistId]) {
        const a = await publisherDoc(p.project.id, p.owner.cookie, id);
        const state = await receivedChecklistState(env.DB, b.id, id);
        expect(state, id).not.toBeNull();
        const held = new Y.Doc();
        Y.applyUpdate(held, state!);
        expect(records.checklists.find((c) => c.id === id)?.content).toEqual(
          readChecklistContent(a),
        );
        expect(Y.decodeStateVector(Y.encodeStateVector(held))).toEqual(
          Y.decodeStateVector(Y.encodeStateVector(a)),
        );
      }
      expect(records.checklists.find((c) => c.id === p.a)?.content).toMatchObject({
        answers: { q1: 'yes', q2: 'partial yes', q3: 'no' },
      });

      // From 0 (a refetch) the whole document goes again, whatever B acknowledged.
      const refetch = await page(sub, 0);
      expect(updateBytes(checklist(refetch.changes, p.a))).toBeGreaterThanOrEqual(full);
      expect(await b.apply(0, refetch)).toBe(true);
      const after = await b.records();
      expect(after.checklists).toEqual(records.checklists);
    });

    it('ends a page early after the document that passes the page budget; the rest comes with the next page', async () => {
      const p = await v2Project();
      await finalizeAppraisal(p);
      await exportToD1(p.project.id);
      const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
      const subscriber = await env.DB.prepare('SELECT id FROM share_subscribers WHERE share_id = ?')
        .bind(sub.shareId)
        .first<{ id: string }>();
      const share = { id: sub.shareId, projectId: p.project.id };
      // Through the route once: the share's log is brought up to date.
      expect((await page(sub, 0)).changes).toHaveLength(4);
      // The route's budget is PAGE_DOC_BYTES (4 MiB); one byte here: every document passes it.
      const logged = await readSharePage(env.DB, sub.shareId, 0, 200);
      const first = await attachDocUpdates(env, share, subscriber!.id, 0, logged, 1);
      expect(first.changes.map((c) => c.entity)).toEqual(['study', 'checklist']);
      expect(updateBytes(first.changes[1])).toBeGreaterThan(0);
      expect([first.checkpoint, first.hasMore]).toEqual([first.changes[1]!.seq, true]);
      const rest = await attachDocUpdates(
        env,
        share,
        subscriber!.id,
        first.checkpoint,
        await readSharePage(env.DB, sub.shareId, first.checkpoint, 200),
        1,
      );
      expect(rest.changes.map((c) => c.id)).toEqual([logged.changes[2]!.id]);
      expect(updateBytes(rest.changes[0])).toBeGreaterThan(0);
      expect(rest.hasMore).toBe(true);
    });

    it('refuses a page whose document update does not apply: nothing of it is written, the cursor stays', async () => {
      const b = await subscription('share-bad');
      const header = {
        id: 'c1',
        studyId: 's1',
        type: 'AMSTAR2',
        status: 'finalized',
        reconciled: true,
        outcomeId: null,
        createdAt: '2026-12-01T00:00:00.000Z',
        completedAt: null,
      } as const;
      const bad: ShareChanges = {
        schemaVersion: 2,
        changes: [
          { seq: 1, entity: 'checklist', id: 'c1', op: 'upsert', row: header, docUpdate: 'AQID' },
        ],
        checkpoint: 1,
        hasMore: false,
      };
      await expect(b.apply(0, bad)).rejects.toBeInstanceOf(BadDocUpdate);
      expect(b.cursor).toBe(0);
      expect((await b.records()).checklists).toEqual([]);
      expect(await receivedChecklistState(env.DB, b.id, 'c1')).toBeNull();
    });

    it('a pull end to end: the subscriber holds what the publisher shares; an update that does not apply stops it with lastError', async () => {
      const p = await v2Project();
      await finalizeAppraisal(p);
      await exportToD1(p.project.id);
      const sub = await subscribedServer(p.owner.cookie, { projectId: p.project.id });
      const b = await subscription(sub.shareId, { origin: PUBLISHER, token: sub.token });
      const realFetch = globalThis.fetch;
      let tamper = false;
      // Calls to PUBLISHER reach this worker's publisher routes (signature and token checked there);
      // `tamper` puts an update that is not one in every checklist change.
      globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        if (new URL(request.url).origin !== PUBLISHER) return realFetch(input, init);
        const res = await SELF.fetch(request);
        if (!tamper || res.status !== 200) return res;
        const body = (await res.json()) as ShareChanges;
        for (const c of body.changes) if (c.entity === 'checklist') c.docUpdate = 'AQID';
        return Response.json(body);
      };
      try {
        const ctx = {
          db: createDatabase(env.DB),
          d1: env.DB,
          key: sub.key,
          allowLocal: false,
          now: new Date(),
          env,
        };
        const pulled = await pullSubscription(ctx, b.id);
        expect(pulled.subscription.lastError).toBeNull();
        const held = await b.records();
        for (const id of [p.a, p.b, reconciledChecklistId]) {
          const a = await publisherDoc(p.project.id, p.owner.cookie, id);
          expect(held.checklists.find((c) => c.id === id)?.content).toEqual(
            readChecklistContent(a),
          );
        }

        const edit = await publisherDoc(p.project.id, p.owner.cookie, reconciledChecklistId);
        edit.getMap(ChecklistDocRoot.answers).set('q2', 'no');
        await syncOver(
          checklistFallback(p.project.id, reconciledChecklistId),
          p.owner.cookie,
          edit,
        );
        await exportToD1(p.project.id);
        tamper = true;
        const refused = await pullSubscription({ ...ctx, now: new Date() }, b.id);
        expect(refused.subscription.lastError).toMatch(
          /^pulling: a checklist update that does not apply/,
        );
        expect(refused.subscription.cursor).toBe(pulled.subscription.cursor);
        expect(await b.records()).toEqual(held);
      } finally {
        globalThis.fetch = realFetch;
      }
    });
  },
);
