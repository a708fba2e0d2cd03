import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checklistDefinition, checklistItems } from '@corates/shared';
import {
  addStudy,
  readChecklistContent,
  stripV1Content,
  v1ChecklistContents,
  writeChecklistContent,
} from '@corates/shared/doc';
import {
  createV1Checklist,
  setV1Answer,
  stampV1,
  v1NoteText,
} from '@corates/shared/testing/v1-doc';
import { carryOverV1Edits, holdsV1Content, type CarryOverEnv } from './carry-over.ts';

const ITEMS = checklistItems(checklistDefinition('AMSTAR2'));
const [Q1, Q2, Q3] = [ITEMS[0]!, ITEMS[1]!, ITEMS[2]!];
const value = (item: typeof Q1, i = 0) => item.options[i]!.value;

const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/**
 * A v1 project two reviewers worked on, copied to Alice's browser; then Alice works offline on the
 * old build while the server splits the project into v2 documents.
 */
function scenario() {
  const server = new Y.Doc();
  stampV1(server);
  const studyId = addStudy(
    server,
    { title: 'Trial', authors: '', year: 2020, journal: '', doi: '' },
    'owner',
  );
  const alice = createV1Checklist(server, { studyId, type: 'AMSTAR2', reviewerId: 'alice' });
  const bob = createV1Checklist(server, { studyId, type: 'AMSTAR2', reviewerId: 'bob' });
  setV1Answer(server, alice, Q1.id, value(Q1, 0));
  v1NoteText(server, alice, Q1.id).insert(0, 'Methods p. 3.');
  setV1Answer(server, bob, Q1.id, value(Q1, 1));

  const local = new Y.Doc();
  sync(server, local);
  // Offline on the v1 build: a new answer, a changed answer, text added to a note the server has.
  setV1Answer(local, alice, Q2.id, value(Q2, 0));
  setV1Answer(local, alice, Q3.id, value(Q3, 1));
  v1NoteText(local, alice, Q1.id).insert(0, 'Checked: ');

  // Meanwhile the server splits the project (as the relay's [R18] does).
  const checklistDocs = new Map<string, Y.Doc>();
  for (const [id, content] of v1ChecklistContents(server)) {
    const d = new Y.Doc();
    writeChecklistContent(d, { checklistId: id, projectId: 'p1' }, content);
    checklistDocs.set(id, d);
  }
  stripV1Content(server);
  return { server, local, alice, bob, checklistDocs };
}

/** The app's environment, with the server's documents in place of HTTP. */
function envOf(server: Y.Doc, checklistDocs: Map<string, Y.Doc>, withheld = new Set<string>()) {
  const asked: string[] = [];
  const env: CarryOverEnv = {
    serverStateVector: () => Promise.resolve(Y.encodeStateVector(server)),
    openChecklist: (id) => {
      asked.push(id);
      const serverDoc = checklistDocs.get(id);
      if (!serverDoc || withheld.has(id)) return Promise.resolve(undefined);
      const doc = new Y.Doc();
      sync(serverDoc, doc);
      return Promise.resolve({
        doc,
        push: () => Promise.resolve(sync(doc, serverDoc)),
        close: () => Promise.resolve(),
      });
    },
  };
  return { env, asked };
}

describe('carry-over of a v1 copy’s offline edits', () => {
  it('writes exactly the offline edits into the checklist document, then drops the v1 content', async () => {
    const { server, local, alice, checklistDocs } = scenario();
    expect(holdsV1Content(local)).toBe(true);
    const { env, asked } = envOf(server, checklistDocs);

    expect(await carryOverV1Edits(local, env)).toEqual([alice]);
    expect(asked).toEqual([alice]);
    const content = readChecklistContent(checklistDocs.get(alice)!);
    expect(content.answers).toEqual({
      [Q1.id]: value(Q1, 0),
      [Q2.id]: value(Q2, 0),
      [Q3.id]: value(Q3, 1),
    });
    expect(content.notes[Q1.id]).toBe('Checked: Methods p. 3.');

    // The copy then syncs without content the relay would refuse, and ends as the server is.
    expect(holdsV1Content(local)).toBe(false);
    sync(local, server);
    sync(server, local);
    expect(holdsV1Content(server)).toBe(false);
    expect(local.getMap('checklists').toJSON()).toEqual(server.getMap('checklists').toJSON());
    expect(Y.encodeStateVector(local)).toEqual(Y.encodeStateVector(server));
  });

  it('never rewrites what the server already had over a later change on the server', async () => {
    const { server, local, alice, checklistDocs } = scenario();
    // After the split, someone changes Alice's first answer on the server.
    checklistDocs.get(alice)!.getMap<string>('answers').set(Q1.id, value(Q1, 1));
    await carryOverV1Edits(local, envOf(server, checklistDocs).env);
    expect(readChecklistContent(checklistDocs.get(alice)!).answers[Q1.id]).toBe(value(Q1, 1));
  });

  it('is a no-op on a second run and on a copy without v1 content', async () => {
    const { server, local, alice, checklistDocs } = scenario();
    await carryOverV1Edits(local, envOf(server, checklistDocs).env);
    const once = readChecklistContent(checklistDocs.get(alice)!);
    const again = envOf(server, checklistDocs);
    expect(await carryOverV1Edits(local, again.env)).toEqual([]);
    expect(again.asked).toEqual([]);
    expect(readChecklistContent(checklistDocs.get(alice)!)).toEqual(once);
  });

  it('writes nothing and keeps the v1 content when the server cannot be asked', async () => {
    const { server, local, checklistDocs } = scenario();
    const { env } = envOf(server, checklistDocs);
    const offline: CarryOverEnv = {
      ...env,
      openChecklist: () => Promise.reject(new Error('offline')),
    };
    await expect(carryOverV1Edits(local, offline)).rejects.toThrow('offline');
    expect(holdsV1Content(local)).toBe(true);
  });

  it('leaves out a checklist the server withholds, and still drops the v1 content', async () => {
    const { server, local, alice, checklistDocs } = scenario();
    const before = readChecklistContent(checklistDocs.get(alice)!);
    const { env } = envOf(server, checklistDocs, new Set([alice]));
    expect(await carryOverV1Edits(local, env)).toEqual([]);
    expect(readChecklistContent(checklistDocs.get(alice)!)).toEqual(before);
    expect(holdsV1Content(local)).toBe(false);
  });

  it('says a v2 document holds no v1 content', () => {
    const { server } = scenario();
    expect(holdsV1Content(server)).toBe(false);
    expect(holdsV1Content(new Y.Doc())).toBe(false);
  });
});
