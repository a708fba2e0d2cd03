import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocCloseReason, DocRoot, isPermanentClose } from '@corates/shared';
import { FakeRoomClient } from '../test/fake-room-client.ts';
import {
  checkUpdateLayout,
  ForbiddenDocumentUpdate,
  InvalidDocumentUpdate,
} from './layout-guard.ts';
import { ProjectRoom } from './project-room.ts';
import { MemoryRoomStorage } from './room-storage.ts';
import { setBlindReviewers, stripV1Content } from '@corates/shared/doc';

// [R12] The relay refuses updates that break the layout's types (issue 14, defect 5).

const map = (fields: Record<string, unknown> = {}) => new Y.Map(Object.entries(fields));

/** A document as the app writes it: a study, an outcome, a checklist with answers and notes. */
function seed(doc: Y.Doc) {
  doc.transact(() => {
    doc.getMap(DocRoot.meta).set('schemaVersion', 1);
    doc.getMap(DocRoot.studies).set('s1', map({ title: 'A', reviewer1: null }));
    doc.getMap(DocRoot.outcomes).set('o1', map({ name: 'Mortality' }));
    const checklist = map({ type: 'AMSTAR2', studyId: 's1', status: 'pending' });
    doc.getMap(DocRoot.checklists).set('c1', checklist);
    checklist.set('answers', map({ q1: 'yes' }));
    checklist.set('notes', new Y.Map([['q1', new Y.Text('note')]]));
    checklist.set('support', new Y.Map([['d1', new Y.Text()]]));
    checklist.set('judgements', new Y.Map());
    checklist.set('history', new Y.Array());
  });
}

const checklist = (d: Y.Doc) => d.getMap(DocRoot.checklists).get('c1') as Y.Map<unknown>;

/** The update an edit of a synced copy of `server` produces. */
function updateOf(server: Y.Doc, edit: (d: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  client.transact(() => edit(client));
  return Y.encodeStateAsUpdate(client, before);
}

const refused: Record<string, (d: Y.Doc) => void> = {
  'outcomes.o1 = "not a map" (overwrite)': (d) => d.getMap(DocRoot.outcomes).set('o1', 'not a map'),
  'studies.s1 = 42': (d) => d.getMap(DocRoot.studies).set('s1', 42),
  'studies.new = null': (d) => d.getMap(DocRoot.studies).set('new', null),
  'checklists.c2 = a text': (d) => d.getMap(DocRoot.checklists).set('c2', new Y.Text('x')),
  'checklists.c2 = a list': (d) => d.getMap(DocRoot.checklists).set('c2', new Y.Array()),
  'checklists.c1.answers = "yes"': (d) => checklist(d).set('answers', 'yes'),
  'checklists.c1.notes = {}': (d) => checklist(d).set('notes', { q1: 'x' }),
  'checklists.c1.notes.q2 = "plain"': (d) =>
    (checklist(d).get('notes') as Y.Map<unknown>).set('q2', 'plain'),
  'checklists.c1.notes.q1 = a map (overwrite)': (d) =>
    (checklist(d).get('notes') as Y.Map<unknown>).set('q1', new Y.Map()),
  'meta.schemaVersion = "2"': (d) => d.getMap(DocRoot.meta).set('schemaVersion', '2'),
  'a new checklist whose answers is a number': (d) =>
    d.getMap(DocRoot.checklists).set('c3', map({ type: 'ROB2', answers: 3 })),
  'checklists.c1.support = "text"': (d) => checklist(d).set('support', 'text'),
  'checklists.c1.support.d1 = "plain"': (d) =>
    (checklist(d).get('support') as Y.Map<unknown>).set('d1', 'plain'),
  'checklists.c1.judgements = a list': (d) => checklist(d).set('judgements', new Y.Array()),
  'checklists.c1.history = a map': (d) => checklist(d).set('history', new Y.Map()),
  'checklists.c1.history = a plain list': (d) => checklist(d).set('history', [1]),
};

const accepted: Record<string, (d: Y.Doc) => void> = {
  'a new study': (d) => d.getMap(DocRoot.studies).set('s2', map({ title: 'B' })),
  'a replaced study map': (d) => d.getMap(DocRoot.studies).set('s1', map({ title: 'C' })),
  'an answer': (d) => (checklist(d).get('answers') as Y.Map<unknown>).set('q1', 'no'),
  'a study field of any plain type (the readers check fields)': (d) =>
    (d.getMap(DocRoot.studies).get('s1') as Y.Map<unknown>).set('title', 7),
  'typing in a note': (d) =>
    ((checklist(d).get('notes') as Y.Map<Y.Text>).get('q1') as Y.Text).insert(4, ' more'),
  'a new note': (d) => (checklist(d).get('notes') as Y.Map<unknown>).set('q9', new Y.Text()),
  'deleting entries': (d) => {
    d.getMap(DocRoot.studies).delete('s1');
    checklist(d).delete('answers');
  },
  'a new checklist as the app creates it': (d) => {
    const c = map({ type: 'ROB2', studyId: 's1' });
    d.getMap(DocRoot.checklists).set('c2', c);
    c.set('answers', new Y.Map());
    c.set('notes', new Y.Map([['d1_1', new Y.Text()]]));
  },
  'roots the layout does not know': (d) => d.getMap('answers').set('q1', 'anything'),
  'typing support for judgement': (d) =>
    ((checklist(d).get('support') as Y.Map<Y.Text>).get('d1') as Y.Text).insert(0, 'p. 4'),
  'an assessor judgement (a plain object: the readers check its shape)': (d) =>
    (checklist(d).get('judgements') as Y.Map<unknown>).set('d1', {
      judgement: 'high',
      reason: 'r',
      suggested: 'low',
      by: 'u1',
      at: '2026-01-01T00:00:00.000Z',
    }),
  'a history entry': (d) =>
    (checklist(d).get('history') as Y.Array<unknown>).push([
      { event: 'reopened', by: 'u1', at: '2026-01-01T00:00:00.000Z', reason: 'why' },
    ]),
  'the parts a checklist made before them gets on its first write': (d) => {
    checklist(d).delete('support');
    checklist(d).set('support', new Y.Map([['d2', new Y.Text()]]));
  },
  'meta.schemaVersion = 2': (d) => d.getMap(DocRoot.meta).set('schemaVersion', 2),
};

describe('checkUpdateLayout', () => {
  it.each(Object.entries(refused))('refuses %s', (_, edit) => {
    const server = new Y.Doc();
    seed(server);
    expect(() => checkUpdateLayout(server, updateOf(server, edit))).toThrow(InvalidDocumentUpdate);
  });

  it.each(Object.entries(accepted))('accepts %s', (_, edit) => {
    const server = new Y.Doc();
    seed(server);
    expect(() => checkUpdateLayout(server, updateOf(server, edit))).not.toThrow();
  });

  it('names the place and the wrong kind', () => {
    const server = new Y.Doc();
    seed(server);
    expect(() =>
      checkUpdateLayout(server, updateOf(server, refused['checklists.c1.notes.q2 = "plain"']!)),
    ).toThrow('INVALID_DOCUMENT: checklists.c1.notes.q2 must be a text, not a string');
    expect(() =>
      checkUpdateLayout(
        server,
        updateOf(server, refused['outcomes.o1 = "not a map" (overwrite)']!),
      ),
    ).toThrow('INVALID_DOCUMENT: outcomes.o1 must be a map, not a string');
  });

  it('does not refuse a client re-sending what the room already holds (a document poisoned before the check)', () => {
    const server = new Y.Doc();
    seed(server);
    const poison = updateOf(server, refused['studies.s1 = 42']!);
    Y.applyUpdate(server, poison); // as it was before the relay checked
    expect(() => checkUpdateLayout(server, poison)).not.toThrow();
    expect(() => checkUpdateLayout(server, Y.encodeStateAsUpdate(server))).not.toThrow();
  });

  it('still throws on bytes that are not an update ([R3])', () => {
    expect(() => checkUpdateLayout(new Y.Doc(), new Uint8Array([1, 2, 3, 250]))).toThrow();
    expect(() => checkUpdateLayout(new Y.Doc(), new Uint8Array([1, 2, 3, 250]))).not.toThrow(
      InvalidDocumentUpdate,
    );
  });
});

describe('ProjectRoom [R12]', () => {
  it('closes the sender with INVALID_DOCUMENT (permanent); nothing is stored or broadcast; others are unaffected', () => {
    const storage = new MemoryRoomStorage();
    const clients: FakeRoomClient[] = [];
    const room = new ProjectRoom(storage, { sockets: () => clients.filter((c) => !c.closed) });
    const seeded = new Y.Doc();
    seed(seeded);
    room.applyUpdate(Y.encodeStateAsUpdate(seeded), 'seed');
    const join = (id: string) => {
      const c = new FakeRoomClient(id);
      clients.push(c);
      room.onConnect(c);
      c.hello();
      return c;
    };
    const settle = () => {
      for (let round = 0; round < 20; round++) {
        let moved = false;
        for (const c of clients) {
          if (c.closed) continue;
          const out = c.outbox;
          c.outbox = [];
          for (const f of out) room.onMessage(c, f);
          if (out.length || c.inbox.length) moved = true;
          c.deliver();
        }
        if (!moved) return;
      }
    };
    const a = join('a');
    const b = join('b');
    settle();
    expect(b.doc.getMap(DocRoot.outcomes).get('o1')).toBeInstanceOf(Y.Map);
    const logged = storage.updateCount();
    b.inbox = [];

    a.doc.getMap(DocRoot.outcomes).set('o1', 'not a map');
    settle();
    expect(a.closed).toEqual({
      code: DOC_CLOSE_CODES[DocCloseReason.INVALID_DOCUMENT],
      reason: DocCloseReason.INVALID_DOCUMENT,
    });
    expect(isPermanentClose(a.closed!.code)).toBe(true);
    expect(storage.updateCount()).toBe(logged);
    expect(room.doc.getMap(DocRoot.outcomes).get('o1')).toBeInstanceOf(Y.Map);
    expect(b.doc.getMap(DocRoot.outcomes).get('o1')).toBeInstanceOf(Y.Map);
    expect(b.closed).toBeUndefined();

    // b keeps working.
    (
      (b.doc.getMap(DocRoot.checklists).get('c1') as Y.Map<unknown>).get(
        'answers',
      ) as Y.Map<unknown>
    ).set('q2', 'no');
    settle();
    expect(storage.updateCount()).toBe(logged + 1);
  });

  it('the HTTP fallback throws (the route answers 400) and applies nothing', () => {
    const room = new ProjectRoom(new MemoryRoomStorage(), { sockets: () => [] });
    const seeded = new Y.Doc();
    seed(seeded);
    room.applyUpdate(Y.encodeStateAsUpdate(seeded), 'seed');
    const poison = updateOf(room.doc, refused['studies.s1 = 42']!);
    expect(() => room.reconcile(poison, new Uint8Array([0]), true)).toThrow(/^INVALID_DOCUMENT: /);
    expect(room.doc.getMap(DocRoot.studies).get('s1')).toBeInstanceOf(Y.Map);
  });
});

/** An edit a client makes, and whether it keeps the layout's types. */
interface Op {
  valid: boolean;
  run(d: Y.Doc): void;
}

const ROOTS = [DocRoot.studies, DocRoot.outcomes, DocRoot.checklists] as const;
const wrongEntry = fc.constantFrom<(() => unknown)[]>(
  () => 'not a map',
  () => 42,
  () => null,
  () => true,
  () => [1, 2],
  () => ({ a: 1 }),
  () => new Y.Text('t'),
  () => new Y.Array(),
);
const wrongNote = fc.constantFrom<(() => unknown)[]>(
  () => 'plain',
  () => 0,
  () => null,
  () => new Y.Map(),
  () => new Y.Array(),
);
const pick = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
const keys = (m: Y.Map<unknown>) => [...m.keys()];
const checklistsOf = (d: Y.Doc) =>
  [...d.getMap(DocRoot.checklists).values()].filter((c): c is Y.Map<unknown> => c instanceof Y.Map);
const partOf = (c: Y.Map<unknown> | undefined, name: string) => {
  const p = c?.get(name);
  return p instanceof Y.Map ? p : undefined;
};

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(fc.constantFrom(...ROOTS), fc.string({ maxLength: 3 })).map(([root, key]) => ({
    valid: true,
    run: (d: Y.Doc) => {
      const c = new Y.Map<unknown>();
      d.getMap(root).set(key, c);
      if (root === DocRoot.checklists) {
        c.set('answers', new Y.Map());
        c.set('notes', new Y.Map([['q1', new Y.Text()]]));
      }
    },
  })),
  fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })).map(([i, k, v]) => ({
    valid: true,
    run: (d: Y.Doc) => partOf(pick(checklistsOf(d), i), 'answers')?.set(k, v),
  })),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 3 })).map(([i, j, s]) => ({
    valid: true,
    run: (d: Y.Doc) => {
      const notes = partOf(pick(checklistsOf(d), i), 'notes');
      const t = notes && pick([...notes.values()], j);
      if (t instanceof Y.Text) t.insert(t.length, s);
    },
  })),
  fc.tuple(fc.constantFrom(...ROOTS), fc.nat()).map(([root, i]) => ({
    valid: true,
    run: (d: Y.Doc) => {
      const key = pick(keys(d.getMap(root)), i);
      if (key !== undefined) d.getMap(root).delete(key);
    },
  })),
  fc.tuple(fc.nat(), fc.jsonValue()).map(([i, v]) => ({
    valid: true,
    run: (d: Y.Doc) => {
      const s = pick([...d.getMap(DocRoot.studies).values()], i);
      if (s instanceof Y.Map) s.set('title', v);
    },
  })),
  fc
    .tuple(fc.constantFrom(...ROOTS), fc.nat(), fc.string({ maxLength: 3 }), wrongEntry)
    .map(([root, i, fresh, wrong]) => ({
      valid: false,
      run: (d: Y.Doc) => d.getMap(root).set(pick(keys(d.getMap(root)), i) ?? fresh, wrong()),
    })),
  fc.tuple(fc.nat(), fc.constantFrom('answers', 'notes'), wrongEntry).map(([i, part, wrong]) => ({
    valid: false,
    run: (d: Y.Doc) => {
      const c = pick(checklistsOf(d), i);
      if (c) c.set(part, wrong());
      else d.getMap(DocRoot.checklists).set('x', wrong()); // nothing to break: break the root
    },
  })),
  fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), wrongNote).map(([i, k, wrong]) => ({
    valid: false,
    run: (d: Y.Doc) => {
      const notes = partOf(pick(checklistsOf(d), i), 'notes');
      if (notes) notes.set(k, wrong());
      else d.getMap(DocRoot.outcomes).set(k, 'plain');
    },
  })),
);

/** Every place the layout types holds the right kind of shared type. */
function layoutHolds(d: Y.Doc): boolean {
  for (const root of ROOTS)
    for (const v of d.getMap(root).values()) if (!(v instanceof Y.Map)) return false;
  for (const c of checklistsOf(d)) {
    for (const part of ['answers', 'notes'])
      if (c.has(part) && !(c.get(part) instanceof Y.Map)) return false;
    const notes = partOf(c, 'notes');
    if (notes) for (const t of notes.values()) if (!(t instanceof Y.Text)) return false;
  }
  return true;
}

describe('checkUpdateLayout, property', () => {
  it('over random edit sequences: refuses exactly the updates that would leave a wrongly typed entry on a scratch copy; the room never holds one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
        (txns) => {
          const room = new ProjectRoom(new MemoryRoomStorage(), { sockets: () => [] });
          const seeded = new Y.Doc();
          seed(seeded);
          room.applyUpdate(Y.encodeStateAsUpdate(seeded), 'seed');
          let client = new Y.Doc();
          Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
          for (const ops of txns) {
            const before = Y.encodeStateVector(client);
            client.transact(() => ops.forEach((op) => op.run(client)));
            const update = Y.encodeStateAsUpdate(client, before);
            // The oracle: the update applied to a scratch copy of the room's document.
            const scratch = new Y.Doc();
            Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc));
            Y.applyUpdate(scratch, update);
            let threw: unknown;
            try {
              room.applyUpdate(update, 'client');
            } catch (e) {
              threw = e;
            }
            if (threw !== undefined) expect(threw).toBeInstanceOf(InvalidDocumentUpdate);
            expect(threw !== undefined).toBe(!layoutHolds(scratch));
            if (ops.every((op) => op.valid)) expect(threw).toBeUndefined();
            expect(layoutHolds(room.doc)).toBe(true);
            if (threw) {
              // The refused client starts again from the room's copy (the app's recovery).
              client = new Y.Doc();
              Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

// [R15] Only an owner's update may reopen a finalized reconciliation (issue 16).
describe('checkUpdateLayout [R15]', () => {
  const FINALIZED_AT = '2026-12-01T10:00:00.000Z';
  /** The seed, with a finalized reconciliation `r1` and a reviewer's completed checklist `c2`. */
  function seedFinal(doc: Y.Doc) {
    seed(doc);
    doc.transact(() => {
      const r1 = map({ type: 'ROB2', studyId: 's1', reviewerId: null, status: 'finalized' });
      doc.getMap(DocRoot.checklists).set('r1', r1);
      r1.set('answers', map({ d1_1: 'Y' }));
      r1.set('notes', new Y.Map([['d1_1', new Y.Text('')]]));
      r1.set('history', Y.Array.from([{ event: 'finalized', by: 'owner', at: FINALIZED_AT }]));
      const c2 = map({ type: 'ROB2', studyId: 's1', reviewerId: 'ed', status: 'finalized' });
      doc.getMap(DocRoot.checklists).set('c2', c2);
      c2.set('history', new Y.Array());
      // A reconciliation still being reconciled, with an empty history.
      const r2 = map({ type: 'ROB2', studyId: 's1', reviewerId: null, status: 'reconciling' });
      doc.getMap(DocRoot.checklists).set('r2', r2);
      r2.set('history', new Y.Array());
    });
  }
  const get = (d: Y.Doc, id: string) => d.getMap(DocRoot.checklists).get(id) as Y.Map<unknown>;
  const reopened = { event: 'reopened', by: 'ed', at: '2026-12-02T10:00:00.000Z', reason: 'x' };

  const forged: Record<string, (d: Y.Doc) => void> = {
    'reopening it as the app does (status, completedAt, a reopened event)': (d) => {
      get(d, 'r1').set('status', 'reconciling');
      get(d, 'r1').set('completedAt', null);
      (get(d, 'r1').get('history') as Y.Array<unknown>).push([reopened]);
    },
    'only its status, to reconciling': (d) => get(d, 'r1').set('status', 'reconciling'),
    'only its status, to anything else': (d) => get(d, 'r1').set('status', 'pending'),
    'deleting its status': (d) => get(d, 'r1').delete('status'),
    'only a reopened event in its history': (d) =>
      (get(d, 'r1').get('history') as Y.Array<unknown>).push([reopened]),
    'a reopened event in the empty history of a reconciliation being reconciled': (d) =>
      (get(d, 'r2').get('history') as Y.Array<unknown>).push([reopened]),
  };

  const allowed: Record<string, (d: Y.Doc) => void> = {
    'a reviewer reopening their own completed checklist (status and a reopened event)': (d) => {
      get(d, 'c2').set('status', 'in-progress');
      (get(d, 'c2').get('history') as Y.Array<unknown>).push([reopened]);
    },
    'finalizing a reconciliation being reconciled': (d) => {
      get(d, 'r2').set('status', 'finalized');
      (get(d, 'r2').get('history') as Y.Array<unknown>).push([
        { event: 'finalized', by: 'ed', at: FINALIZED_AT },
      ]);
    },
    'writing finalized again on a final reconciliation': (d) =>
      get(d, 'r1').set('status', 'finalized'),
    'typing in a final reconciliation’s note': (d) =>
      ((get(d, 'r1').get('notes') as Y.Map<Y.Text>).get('d1_1') as Y.Text).insert(0, 'ok'),
    'a new reconciliation created as reconciling': (d) => {
      const r3 = map({ type: 'ROB2', studyId: 's1', reviewerId: null, status: 'reconciling' });
      d.getMap(DocRoot.checklists).set('r3', r3);
      r3.set('history', Y.Array.from([reopened]));
    },
    'deleting a study’s checklists (removing the study)': (d) =>
      d.getMap(DocRoot.checklists).delete('r1'),
  };

  it.each(Object.entries(forged))('refuses a non-owner %s', (_, edit) => {
    const server = new Y.Doc();
    seedFinal(server);
    const update = updateOf(server, edit);
    expect(() => checkUpdateLayout(server, update)).toThrow(ForbiddenDocumentUpdate);
    expect(() => checkUpdateLayout(server, update, false)).toThrow(
      'INVALID_DOCUMENT: only an owner of the project can reopen a finalized reconciliation',
    );
    // An owner's same update lands.
    expect(() => checkUpdateLayout(server, update, true)).not.toThrow();
  });

  it.each(Object.entries(allowed))('accepts from a non-owner %s', (_, edit) => {
    const server = new Y.Doc();
    seedFinal(server);
    expect(() => checkUpdateLayout(server, updateOf(server, edit))).not.toThrow();
  });

  it('is a refusal the room handles as [R12]: an InvalidDocumentUpdate', () => {
    expect(new ForbiddenDocumentUpdate('x')).toBeInstanceOf(InvalidDocumentUpdate);
  });
});

describe('ProjectRoom [R15]', () => {
  it('closes an editor’s socket that reopens a finalized reconciliation, storing and sending nothing; an owner’s reopening lands', () => {
    const storage = new MemoryRoomStorage();
    const clients: FakeRoomClient[] = [];
    const room = new ProjectRoom(storage, { sockets: () => clients.filter((c) => !c.closed) });
    const seeded = new Y.Doc();
    seed(seeded);
    seeded.transact(() => {
      const r1 = map({ type: 'ROB2', studyId: 's1', reviewerId: null, status: 'finalized' });
      seeded.getMap(DocRoot.checklists).set('r1', r1);
      r1.set('history', new Y.Array());
    });
    room.applyUpdate(Y.encodeStateAsUpdate(seeded), 'seed');
    const join = (id: string, role: 'owner' | 'editor') => {
      const c = new FakeRoomClient(id);
      c.setState({ ...c.getState(), role });
      clients.push(c);
      room.onConnect(c);
      c.hello();
      return c;
    };
    const settle = () => {
      for (let round = 0; round < 20; round++) {
        let moved = false;
        for (const c of clients) {
          if (c.closed) continue;
          const out = c.outbox;
          c.outbox = [];
          for (const f of out) room.onMessage(c, f);
          if (out.length || c.inbox.length) moved = true;
          c.deliver();
        }
        if (!moved) return;
      }
    };
    const reopen = (c: FakeRoomClient) =>
      c.doc.transact(() => {
        const r1 = c.doc.getMap(DocRoot.checklists).get('r1') as Y.Map<unknown>;
        r1.set('status', 'reconciling');
        (r1.get('history') as Y.Array<unknown>).push([
          {
            event: 'reopened',
            by: c.getState().userId,
            at: '2026-12-02T10:00:00.000Z',
            reason: 'r',
          },
        ]);
      });
    const status = (d: Y.Doc) =>
      (d.getMap(DocRoot.checklists).get('r1') as Y.Map<unknown>).get('status');
    const editor = join('ed', 'editor');
    const owner = join('own', 'owner');
    settle();
    const logged = storage.updateCount();

    reopen(editor);
    settle();
    expect(editor.closed).toEqual({
      code: DOC_CLOSE_CODES[DocCloseReason.INVALID_DOCUMENT],
      reason: DocCloseReason.INVALID_DOCUMENT,
    });
    expect(storage.updateCount()).toBe(logged);
    expect([status(room.doc), status(owner.doc)]).toEqual(['finalized', 'finalized']);

    reopen(owner);
    settle();
    expect(owner.closed).toBeUndefined();
    expect(status(room.doc)).toBe('reconciling');
    expect(storage.updateCount()).toBe(logged + 1);
  });

  it('the HTTP fallback refuses a non-owner’s reopening (the route answers 400) and takes an owner’s', () => {
    const room = new ProjectRoom(new MemoryRoomStorage(), { sockets: () => [] });
    const seeded = new Y.Doc();
    seed(seeded);
    seeded
      .getMap(DocRoot.checklists)
      .set('r1', map({ type: 'ROB2', studyId: 's1', reviewerId: null, status: 'finalized' }));
    room.applyUpdate(Y.encodeStateAsUpdate(seeded), 'seed');
    const update = updateOf(room.doc, (d) =>
      (d.getMap(DocRoot.checklists).get('r1') as Y.Map<unknown>).set('status', 'reconciling'),
    );
    const status = () =>
      (room.doc.getMap(DocRoot.checklists).get('r1') as Y.Map<unknown>).get('status');
    expect(() => room.reconcile(update, new Uint8Array([0]), true, 'editor')).toThrow(
      /^INVALID_DOCUMENT: only an owner/,
    );
    expect(() => room.reconcile(update, new Uint8Array([0]), true)).toThrow(/only an owner/);
    expect(status()).toBe('finalized');
    room.reconcile(update, new Uint8Array([0]), true, 'owner');
    expect(status()).toBe('reconciling');
  });
});

describe('checkUpdateLayout on a version-2 project document [R19]', () => {
  /** The seeded v1 document after the server's split: content stripped, version 2. */
  function v2Server() {
    const server = new Y.Doc();
    seed(server);
    stripV1Content(server);
    return server;
  }

  it.each([
    [
      'a new answers map on a checklist',
      (d: Y.Doc) => checklist(d).set('answers', map({ q1: 'no' })),
    ],
    ['notes brought back', (d: Y.Doc) => checklist(d).set('notes', new Y.Map())],
    [
      'a new checklist carrying its answers',
      (d: Y.Doc) =>
        d
          .getMap(DocRoot.checklists)
          .set('c9', map({ type: 'AMSTAR2', answers: map({ q1: 'yes' }) })),
    ],
  ])('refuses %s', (_, edit) => {
    const server = v2Server();
    expect(() => checkUpdateLayout(server, updateOf(server, edit))).toThrow(
      /must be absent \(a version-2 project document/,
    );
  });

  it('accepts a checklist header, a status change and history', () => {
    const server = v2Server();
    expect(() =>
      checkUpdateLayout(
        server,
        updateOf(server, (d) => {
          checklist(d).set('status', 'in-progress');
          d.getMap(DocRoot.checklists).set('c9', map({ type: 'AMSTAR2', status: 'pending' }));
        }),
      ),
    ).not.toThrow();
  });

  it('a version-1 document still takes content (before the split)', () => {
    const server = new Y.Doc();
    seed(server);
    expect(() =>
      checkUpdateLayout(
        server,
        updateOf(server, (d) => checklist(d).set('answers', map())),
      ),
    ).not.toThrow();
  });
});

describe('[R20] only an owner changes the project settings', () => {
  /** A v2 project document whose owner has set blinding off (as the migration leaves it). */
  function withSettings(): Y.Doc {
    const server = new Y.Doc();
    seed(server);
    server.getMap('settings').set('blindReviewers', false);
    return server;
  }

  it.each([
    ['turns blinding on (an overwrite)', (d: Y.Doc) => setBlindReviewers(d, true)],
    [
      'deletes the setting (absent = blinded)',
      (d: Y.Doc) => d.getMap('settings').delete('blindReviewers'),
    ],
    ['adds another setting', (d: Y.Doc) => d.getMap('settings').set('anything', 1)],
    ['writes a list item into settings', (d: Y.Doc) => d.getArray('settings').push([1])],
  ])('refuses a non-owner who %s, and lets an owner', (_, edit) => {
    const server = withSettings();
    const update = updateOf(server, edit);
    expect(() => checkUpdateLayout(server, update)).toThrow(ForbiddenDocumentUpdate);
    expect(() => checkUpdateLayout(server, update, false)).toThrow(
      'INVALID_DOCUMENT: only an owner of the project can change its settings',
    );
    expect(() => checkUpdateLayout(server, update, true)).not.toThrow();
  });

  it('refuses a non-owner who writes the first setting of a project (absent before)', () => {
    const server = new Y.Doc();
    seed(server);
    const update = updateOf(server, (d) => setBlindReviewers(d, false));
    expect(() => checkUpdateLayout(server, update)).toThrow(ForbiddenDocumentUpdate);
    expect(() => checkUpdateLayout(server, update, true)).not.toThrow();
  });

  it("lets a non-owner's other edits through while the project has settings", () => {
    const server = withSettings();
    const update = updateOf(server, (d) => {
      checklist(d).set('status', 'in-progress');
      d.getMap(DocRoot.studies).delete('s1');
    });
    expect(() => checkUpdateLayout(server, update)).not.toThrow();
  });
});
