import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DOC_SCHEMA_VERSION, DocRoot, EXPORT_COLUMNS } from '@corates/shared';
import { parseCsv, ROB2_HIGH } from '@corates/shared/testing';
import { buildDoc, generatedDocArb } from '@corates/shared/testing/doc-arbitrary';
import { addMember, call, createProject, signUp } from './api.ts';
import { openOk, until } from './doc-socket.ts';
import type { ProjectDoc } from '../src/durable/project-doc.ts';

// Issue 14, defect 5: one wrongly typed document entry (an editor's ordinary update setting
// `outcomes.o1 = "not a map"`, or a study or checklist to a string or number) made export.csv
// answer 500 for good and the D1 export alarm throw on every retry.

const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function setAll(map: Y.Map<unknown>, fields: Record<string, unknown>) {
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
}

/** Two studies, one outcome and a finalized (reconciled) RoB 2 checklist of s1, as the app writes them. */
function validDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const id of ['s1', 's2']) {
      const study = new Y.Map<unknown>();
      doc.getMap(DocRoot.studies).set(id, study);
      setAll(study, {
        id,
        title: `Study ${id}`,
        authors: 'Lee, J',
        year: 2021,
        journal: '',
        doi: '',
        createdAt: `2026-01-01T00:00:0${id.slice(1)}.000Z`,
        createdBy: 'u',
        reviewer1: 'u1',
        reviewer2: null,
      });
    }
    const outcome = new Y.Map<unknown>();
    doc.getMap(DocRoot.outcomes).set('o1', outcome);
    setAll(outcome, {
      id: 'o1',
      name: 'Mortality',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'u',
    });
    const checklist = new Y.Map<unknown>();
    doc.getMap(DocRoot.checklists).set('s1:ROB2:o1:reconciled', checklist);
    setAll(checklist, {
      id: 's1:ROB2:o1:reconciled',
      type: 'ROB2',
      studyId: 's1',
      outcomeId: 'o1',
      reviewerId: null,
      status: 'finalized',
      createdAt: '2026-01-02T00:00:00.000Z',
      completedAt: '2026-01-03T00:00:00.000Z',
    });
    const answers = new Y.Map<unknown>();
    checklist.set('answers', answers);
    setAll(answers, ROB2_HIGH);
    const notes = new Y.Map<Y.Text>();
    checklist.set('notes', notes);
    notes.set('d1_2', new Y.Text('Sealed envelopes'));
  });
  return doc;
}

function stub(projectId: string) {
  return env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));
}

async function projectWithDoc() {
  const owner = await signUp('Owner');
  const editor = await signUp('Editor');
  const project = await createProject(owner.cookie);
  await addMember(owner.cookie, project.id, editor.email, 'editor');
  const doc = validDoc();
  const pushed = await call('POST', `/api/reconcile/doc/${project.id}`, {
    cookie: owner.cookie,
    body: { update: b64(Y.encodeStateAsUpdate(doc)), stateVector: b64(Y.encodeStateVector(doc)) },
  });
  expect(pushed.status).toBe(200);
  return { owner, editor, project };
}

/** The editor's copy of the server document, as their client holds it after syncing. */
async function editorCopy(projectId: string, cookie: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const res = await call('POST', `/api/reconcile/doc/${projectId}`, {
    cookie,
    body: { update: '', stateVector: b64(Y.encodeStateVector(doc)) },
  });
  expect(res.status).toBe(200);
  Y.applyUpdate(doc, fromB64(res.json.update));
  return doc;
}

/** Ordinary edits of a synced copy that retype entries the layout says are Y.Maps. */
const poisons: Record<string, (doc: Y.Doc) => void> = {
  'outcomes.o1 = "not a map"': (d) => d.getMap(DocRoot.outcomes).set('o1', 'not a map'),
  'studies.s2 = 42': (d) => d.getMap(DocRoot.studies).set('s2', 42),
  'checklists.x = "oops" (new key)': (d) => d.getMap(DocRoot.checklists).set('x', 'oops'),
  'checklists.<id>.answers = "all yes"': (d) =>
    (d.getMap(DocRoot.checklists).get('s1:ROB2:o1:reconciled') as Y.Map<unknown>).set(
      'answers',
      'all yes',
    ),
};

async function exportCsv(projectId: string, cookie: string) {
  return call('GET', `/api/projects/${projectId}/export.csv`, { cookie });
}

describe('a wrongly typed document entry', () => {
  it('already in the document (written before the relay checked): export.csv answers 200 with the valid rows, the D1 export alarm does not throw, the summary counts the problems', async () => {
    const { owner, editor, project } = await projectWithDoc();
    // The editor's ordinary update, applied the way it was before the relay checked layouts.
    const copy = await editorCopy(project.id, editor.cookie);
    const before = Y.encodeStateVector(copy);
    copy.transact(() => {
      poisons['outcomes.o1 = "not a map"']!(copy);
      poisons['studies.s2 = 42']!(copy);
    });
    const poison = Y.encodeStateAsUpdate(copy, before);
    await runInDurableObject(stub(project.id), (instance: ProjectDoc) => {
      const room = (instance as unknown as { room: { doc: Y.Doc } }).room;
      Y.applyUpdate(room.doc, poison);
    });

    expect(await runDurableObjectAlarm(stub(project.id))).toBe(true);
    // A second alarm (a retry, or the next change) does not throw either.
    await runInDurableObject(stub(project.id), (instance: ProjectDoc) => instance.alarm());

    const res = await exportCsv(project.id, owner.cookie);
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(res.json as string);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
      row[EXPORT_COLUMNS.indexOf(name)];
    // The valid checklist is exported; the outcome it names could not be read, so its name is blank.
    expect(new Set(rows.map((r) => col(r, 'checklist_id')))).toEqual(
      new Set(['s1:ROB2:o1:reconciled']),
    );
    expect(rows.filter((r) => col(r, 'record') === 'overall').map((r) => col(r, 'value'))).toEqual([
      'high',
    ]);

    const summary = await env.DB.prepare(
      'SELECT summary FROM project_summaries WHERE project_id = ?',
    )
      .bind(project.id)
      .first<{ summary: string }>();
    const parsed = JSON.parse(summary!.summary) as { studies: number; problems: number };
    expect(parsed.studies).toBe(1);
    expect(parsed.problems).toBe(2);
  });

  it.each(Object.keys(poisons))(
    'sent by an editor (%s) is refused over HTTP with 400 VALIDATION_FAILED and changes nothing',
    async (name) => {
      const { editor, project } = await projectWithDoc();
      const copy = await editorCopy(project.id, editor.cookie);
      const before = Y.encodeStateVector(copy);
      poisons[name]!(copy);
      const res = await call('POST', `/api/reconcile/doc/${project.id}`, {
        cookie: editor.cookie,
        body: {
          update: b64(Y.encodeStateAsUpdate(copy, before)),
          stateVector: b64(Y.encodeStateVector(copy)),
        },
      });
      expect([res.status, res.json?.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.json.error.message).toMatch(/ must be a map, not a /);
      const server = new Y.Doc();
      Y.applyUpdate(server, await stub(project.id).encodeState());
      expect(server.getMap(DocRoot.outcomes).get('o1')).toBeInstanceOf(Y.Map);
      expect(server.getMap(DocRoot.studies).get('s2')).toBeInstanceOf(Y.Map);
      expect(server.getMap(DocRoot.checklists).has('x')).toBe(false);
      expect(
        (server.getMap(DocRoot.checklists).get('s1:ROB2:o1:reconciled') as Y.Map<unknown>).get(
          'answers',
        ),
      ).toBeInstanceOf(Y.Map);

      // The export still works and still has the checklist.
      expect(await runDurableObjectAlarm(stub(project.id))).toBe(true);
      const csv = await exportCsv(project.id, editor.cookie);
      expect(csv.status).toBe(200);
      expect(parseCsv(csv.json as string).length).toBeGreaterThan(1);
    },
  );

  it('sent over the socket is refused: the sender is closed with INVALID_DOCUMENT (4422, permanent), nothing is stored or relayed, the other editor is unaffected', async () => {
    const { owner, editor, project } = await projectWithDoc();
    const a = await openOk(project.id, editor.cookie);
    const b = await openOk(project.id, owner.cookie);
    await until(
      () =>
        a.doc.getMap(DocRoot.outcomes).get('o1') instanceof Y.Map &&
        b.doc.getMap(DocRoot.outcomes).get('o1') instanceof Y.Map,
      'both synced',
    );
    a.doc.getMap(DocRoot.outcomes).set('o1', 'not a map');
    await until(() => a.closed !== undefined, 'the sender is closed');
    expect(a.closed).toEqual({
      code: DOC_CLOSE_CODES.INVALID_DOCUMENT,
      reason: 'INVALID_DOCUMENT',
    });

    // b still works, and never heard of the refused update.
    b.doc.getMap(DocRoot.studies).delete('s2');
    await new Promise((r) => setTimeout(r, 100));
    expect(b.closed).toBeUndefined();
    expect(b.doc.getMap(DocRoot.outcomes).get('o1')).toBeInstanceOf(Y.Map);
    const server = new Y.Doc();
    Y.applyUpdate(server, await stub(project.id).encodeState());
    expect(server.getMap(DocRoot.outcomes).get('o1')).toBeInstanceOf(Y.Map);
    expect(server.getMap(DocRoot.studies).has('s2')).toBe(false);
    b.close();
  });

  it('property: whatever a document holds (written before the relay checked), the alarm does not throw, export.csv answers 200 and the D1 summary counts the skipped entries', async () => {
    const owner = await signUp('Owner');
    const yjs = {
      map: (entries: [string, unknown][]) => new Y.Map(entries),
      text: (text: string) => new Y.Text(text),
      list: (values: unknown[]) => Y.Array.from(values as number[]),
    };
    await fc.assert(
      fc.asyncProperty(
        generatedDocArb({ studyId: fc.constantFrom('s', ''), maxEntries: 4 }),
        async (generated) => {
          const project = await createProject(owner.cookie);
          const doc = new Y.Doc();
          doc.transact(() => {
            buildDoc(generated, yjs, (root, key, value) => doc.getMap(root).set(key, value));
            // A generated document may be empty; applying it would change nothing and schedule
            // no export. The schema version makes every case a change (the readers skip meta).
            doc.getMap(DocRoot.meta).set('schemaVersion', DOC_SCHEMA_VERSION);
          });
          const state = Y.encodeStateAsUpdate(doc);
          // The relay learns its project id from a first sync, as it would from a member.
          const first = await call('POST', `/api/reconcile/doc/${project.id}`, {
            cookie: owner.cookie,
            body: { update: '', stateVector: b64(Y.encodeStateVector(new Y.Doc())) },
          });
          expect(first.status).toBe(200);
          await runInDurableObject(stub(project.id), (instance: ProjectDoc) => {
            Y.applyUpdate((instance as unknown as { room: { doc: Y.Doc } }).room.doc, state);
          });
          expect(await runDurableObjectAlarm(stub(project.id))).toBe(true);
          const res = await exportCsv(project.id, owner.cookie);
          expect(res.status).toBe(200);
          expect(parseCsv(res.json as string)[0]).toEqual([...EXPORT_COLUMNS]);
          const summary = await env.DB.prepare(
            'SELECT summary FROM project_summaries WHERE project_id = ?',
          )
            .bind(project.id)
            .first<{ summary: string }>();
          expect(JSON.parse(summary!.summary).problems).toBe(generated.expected.problems);
        },
      ),
      {
        numRuns: 12,
        // An empty document, the case that once made no change and so no export, every time.
        examples: [
          [
            {
              roots: { studies: [], outcomes: [], checklists: [] },
              expected: { studies: [], outcomes: [], checklists: [], problems: 0 },
            },
          ],
        ],
      },
    );
  });
});
