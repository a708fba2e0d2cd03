import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checklistDefinition, checklistItems } from '../checklists/index.ts';
import {
  ChecklistDocRoot,
  checklistText,
  checklistTextRoot,
  noteRootName,
  readChecklistContent,
  supportRootName,
  stripV1Content,
  v1ChecklistContents,
  writeChecklistContent,
} from './checklist-doc.ts';
import { DocRoot } from './layout.ts';
import { readProjectDoc } from './read-doc.ts';
import { applyUnsyncedEdits, unsyncedV1Edits } from './unsynced-v1-edits.ts';
import { setV1Answer, v1NoteText, v1PairedAppraisal } from './v1-doc-fixture.ts';

const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

const AMSTAR_ITEMS = checklistItems(checklistDefinition('AMSTAR2'));

/** A v1 project with one AMSTAR 2 checklist per reviewer, some answers and notes. */
function v1Project() {
  const doc = new Y.Doc();
  const { a, b } = v1PairedAppraisal(doc);
  setV1Answer(doc, a, AMSTAR_ITEMS[0]!.id, AMSTAR_ITEMS[0]!.options[0]!.value);
  setV1Answer(doc, b, AMSTAR_ITEMS[1]!.id, AMSTAR_ITEMS[1]!.options[0]!.value);
  v1NoteText(doc, a, AMSTAR_ITEMS[0]!.id).insert(0, 'See methods, p. 3.');
  return { doc, a, b };
}

/** The server's migration, as the relay runs it: content out to checklist docs, then stripped. */
function migrate(server: Y.Doc) {
  const docs = new Map<string, Y.Doc>();
  for (const [id, content] of v1ChecklistContents(server)) {
    const d = new Y.Doc();
    writeChecklistContent(d, { checklistId: id, projectId: 'p1' }, content);
    docs.set(id, d);
  }
  stripV1Content(server);
  return docs;
}

describe('checklist document layout', () => {
  it('names a root text per note and per support text, and reads the names back', () => {
    expect(noteRootName('q1')).toBe('note:q1');
    expect(supportRootName('d1')).toBe('support:d1');
    expect(checklistTextRoot(noteRootName('q1'))).toEqual({ kind: 'notes', key: 'q1' });
    expect(checklistTextRoot(supportRootName('d1'))).toEqual({ kind: 'support', key: 'd1' });
    for (const other of ['note:', 'support:', 'answers', 'notes', 'meta'])
      expect(checklistTextRoot(other)).toBeUndefined();
  });

  it('two clients typing into the same note offline keep both texts (root texts merge by name)', () => {
    const one = new Y.Doc();
    const two = new Y.Doc();
    checklistText(one, 'notes', 'q1').insert(0, 'alpha');
    checklistText(two, 'notes', 'q1').insert(0, 'beta');
    sync(one, two);
    sync(two, one);
    const note = readChecklistContent(one).notes.q1!;
    expect(note).toContain('alpha');
    expect(note).toContain('beta');
    expect(readChecklistContent(two).notes.q1).toBe(note);
  });

  it('reads a text root defined as another type as no text', () => {
    const doc = new Y.Doc();
    doc.getMap(noteRootName('q1')).set('x', 'not a text');
    checklistText(doc, 'support', 'd1').insert(0, 'kept');
    expect(readChecklistContent(doc)).toEqual({
      answers: {},
      notes: {},
      support: { d1: 'kept' },
      judgements: {},
    });
  });
});

describe('v1 → v2 split [MIG-*]', () => {
  it('[MIG-1] every answer and note moves to its checklist document, and the project document keeps none', () => {
    const { doc, a, b } = v1Project();
    // A header written before the history existed gets one from the split.
    (doc.getMap(DocRoot.checklists).get(b) as Y.Map<unknown>).delete('history');
    const before = v1ChecklistContents(doc);
    const docs = migrate(doc);
    expect(readChecklistContent(docs.get(a)!)).toEqual(before.get(a));
    expect(readChecklistContent(docs.get(b)!)).toEqual(before.get(b));
    expect(readChecklistContent(docs.get(a)!).notes[AMSTAR_ITEMS[0]!.id]).toBe(
      'See methods, p. 3.',
    );
    // A copy that received the checklist document as an update reads the same (its root texts
    // arrive as bare types until read).
    const received = new Y.Doc();
    Y.applyUpdate(received, Y.encodeStateAsUpdate(docs.get(a)!));
    expect(readChecklistContent(received)).toEqual(before.get(a));
    // Headers stay; content is gone from what a joiner is sent.
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, Y.encodeStateAsUpdate(doc));
    const read = readProjectDoc(joiner);
    expect(read.checklists.map((c) => c.id).sort()).toEqual([a, b].sort());
    for (const c of read.checklists) expect(c.answers).toEqual({});
    expect(JSON.stringify(joiner.getMap(DocRoot.checklists).toJSON())).not.toContain('See methods');
    expect(joiner.getMap(DocRoot.meta).get('schemaVersion')).toBe(2);
    for (const c of read.checklists) expect(c.history).toEqual([]);
    expect(joiner.getMap('settings').get('blindReviewers')).toBe(false);
  });

  it('[MIG-2] a v1 copy edited offline carries exactly its offline edits into the v2 documents', () => {
    const { doc: server, a } = v1Project();
    const client = new Y.Doc();
    sync(server, client);
    // Offline on the old build: a new answer, a changed answer, text typed into a note.
    setV1Answer(client, a, AMSTAR_ITEMS[2]!.id, AMSTAR_ITEMS[2]!.options[1]!.value);
    setV1Answer(client, a, AMSTAR_ITEMS[0]!.id, AMSTAR_ITEMS[0]!.options[1]!.value);
    v1NoteText(client, a, AMSTAR_ITEMS[0]!.id).insert(0, 'Offline: ');
    v1NoteText(client, a, AMSTAR_ITEMS[3]!.id).insert(0, 'new note');
    // Meanwhile the server migrates; a colleague then edits an answer the client did not touch.
    const docs = migrate(server);
    setAnswerInChecklistDoc(docs.get(a)!, AMSTAR_ITEMS[1]!.id, 'Y');

    const edits = unsyncedV1Edits(client, Y.encodeStateVector(server));
    expect([...edits.keys()]).toEqual([a]);
    const mine = edits.get(a)!;
    expect(Object.keys(mine.answers).sort()).toEqual(
      [AMSTAR_ITEMS[0]!.id, AMSTAR_ITEMS[2]!.id].sort(),
    );
    applyUnsyncedEdits(docs.get(a)!, mine);
    const after = readChecklistContent(docs.get(a)!);
    expect(after.answers[AMSTAR_ITEMS[0]!.id]).toBe(AMSTAR_ITEMS[0]!.options[1]!.value);
    expect(after.answers[AMSTAR_ITEMS[2]!.id]).toBe(AMSTAR_ITEMS[2]!.options[1]!.value);
    expect(after.answers[AMSTAR_ITEMS[1]!.id]).toBe('Y'); // the colleague's change is kept
    expect(after.notes[AMSTAR_ITEMS[0]!.id]).toBe('Offline: See methods, p. 3.');
    expect(after.notes[AMSTAR_ITEMS[3]!.id]).toBe('new note');
  });

  it('[MIG-3] a copy with nothing unsent carries nothing', () => {
    const { doc: server } = v1Project();
    const client = new Y.Doc();
    sync(server, client);
    migrate(server);
    expect(unsyncedV1Edits(client, Y.encodeStateVector(server)).size).toBe(0);
  });

  it('[MIG-4] property: carrying offline edits over gives the checklist document the client’s text and answers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('answer' as const), item: fc.nat(5), option: fc.nat(1) }),
            fc.record({
              kind: fc.constant('type' as const),
              item: fc.nat(2),
              at: fc.nat(40),
              text: fc.string({ minLength: 1, maxLength: 6 }),
            }),
          ),
          { maxLength: 12 },
        ),
        fc.nat(12),
        (ops, syncAfter) => {
          const { doc: server, a } = v1Project();
          const client = new Y.Doc();
          sync(server, client);
          ops.forEach((op, i) => {
            if (i === syncAfter) sync(client, server); // what was sent before going offline
            const item = AMSTAR_ITEMS[op.item]!;
            if (op.kind === 'answer')
              setV1Answer(client, a, item.id, item.options[op.option]!.value);
            else {
              const t = v1NoteText(client, a, item.id);
              t.insert(Math.min(op.at, t.length), op.text);
            }
          });
          const docs = migrate(server);
          applyUnsyncedEdits(
            docs.get(a)!,
            unsyncedV1Edits(client, Y.encodeStateVector(server)).get(a) ?? {
              answers: {},
              judgements: {},
              notes: {},
              support: {},
            },
          );
          const expected = v1ChecklistContents(client).get(a)!;
          expect(readChecklistContent(docs.get(a)!)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

function setAnswerInChecklistDoc(doc: Y.Doc, itemId: string, value: string) {
  doc.getMap<string>(ChecklistDocRoot.answers).set(itemId, value);
}
