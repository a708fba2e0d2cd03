/**
 * Micro-benchmark of the relay's hot path: `ProjectRoom.applyUpdate` on small updates (one
 * answer, one keystroke in a note, one study field, one new study), in Node, against a room whose
 * document holds a realistic project (200 studies, 400 checklists with answers and notes). Storage
 * is the in-memory twin; no sockets, no compaction, so the figure is the apply path itself.
 *
 *   node --import tsx packages/workers/bench/apply-update-micro.ts [iterations] [repeats]
 */
import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import { checkUpdateLayout } from '../src/rooms/layout-guard.ts';
import { ProjectRoom } from '../src/rooms/project-room.ts';
import { MemoryRoomStorage } from '../src/rooms/room-storage.ts';

const N = Number(process.argv[2] ?? 5000);
const REPEATS = Number(process.argv[3] ?? 5);

function project(doc: Y.Doc) {
  doc.transact(() => {
    for (let s = 0; s < 200; s++) {
      const study = new Y.Map<unknown>();
      doc.getMap(DocRoot.studies).set(`s${s}`, study);
      for (const [k, v] of Object.entries({
        id: `s${s}`,
        title: `Study ${s}`,
        authors: 'Lee, J',
        year: 2020,
        journal: 'J',
        doi: '',
        createdAt: '2026-01-01T00:00:00.000Z',
        createdBy: 'u',
        reviewer1: 'u1',
        reviewer2: 'u2',
      }))
        study.set(k, v);
      for (const r of ['u1', 'u2']) {
        const c = new Y.Map<unknown>();
        doc.getMap(DocRoot.checklists).set(`s${s}:AMSTAR2:${r}`, c);
        c.set('type', 'AMSTAR2');
        c.set('studyId', `s${s}`);
        c.set('reviewerId', r);
        c.set('status', 'in-progress');
        c.set('createdAt', '2026-01-01T00:00:00.000Z');
        const answers = new Y.Map<unknown>();
        c.set('answers', answers);
        for (let q = 1; q <= 16; q++) answers.set(`q${q}`, 'yes');
        const notes = new Y.Map<unknown>();
        c.set('notes', notes);
        for (let q = 1; q <= 16; q++) notes.set(`q${q}`, new Y.Text(''));
      }
    }
  });
}

type Edit = (client: Y.Doc, i: number) => void;
const checklist = (d: Y.Doc, i: number) =>
  d.getMap(DocRoot.checklists).get(`s${i % 200}:AMSTAR2:u1`) as Y.Map<unknown>;
const edits: Record<string, Edit> = {
  'answer (overwrite a key)': (d, i) =>
    (checklist(d, i).get('answers') as Y.Map<unknown>).set('q1', i % 2 ? 'no' : 'yes'),
  'note keystroke': (d, i) => {
    const t = (checklist(d, i).get('notes') as Y.Map<Y.Text>).get('q2')!;
    t.insert(t.length, 'a');
  },
  'study field': (d, i) =>
    (d.getMap(DocRoot.studies).get(`s${i % 200}`) as Y.Map<unknown>).set('title', `T${i}`),
  'new study (11 items)': (d, i) => {
    const m = new Y.Map<unknown>();
    d.getMap(DocRoot.studies).set(`new${i}`, m);
    for (const k of ['id', 'title', 'authors', 'journal', 'doi', 'createdAt', 'createdBy'])
      m.set(k, `${k}${i}`);
    m.set('year', null);
    m.set('reviewer1', null);
    m.set('reviewer2', null);
  },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Variant = 'decode only' | 'checked';
interface Timing {
  total: number;
  validate: number;
}

function run(edit: Edit, variant: Variant): Timing {
  const seed = new Y.Doc();
  project(seed);
  const state = Y.encodeStateAsUpdate(seed);
  const room = new ProjectRoom(new MemoryRoomStorage(), {
    sockets: () => [],
    compactAfterUpdates: Number.MAX_SAFE_INTEGER,
  });
  room.applyUpdate(state, 'seed');
  let validate = 0;
  const validator =
    variant === 'decode only'
      ? (u: Uint8Array) => void Y.decodeUpdate(u)
      : (u: Uint8Array) => checkUpdateLayout(room.doc, u);
  // The same body as ProjectRoom.applyUpdate, with the validation step timed on its own.
  room.applyUpdate = (update: Uint8Array, origin: unknown) => {
    const t = performance.now();
    validator(update);
    validate += performance.now() - t;
    Y.applyUpdate(room.doc, update, origin);
  };
  const client = new Y.Doc();
  Y.applyUpdate(client, state);
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < N; i++) edit(client, i);
  const start = performance.now();
  for (const u of updates) room.applyUpdate(u, 'bench');
  const us = (ms: number) => (ms * 1000) / updates.length;
  return { total: us(performance.now() - start), validate: us(validate) };
}

const fmt = (n: number, w: number) => n.toFixed(2).padStart(w);
console.log(
  `applyUpdate, µs per update: median of ${REPEATS} runs per variant (alternating) × ${N} updates`,
);
console.log(
  `${'update'.padEnd(26)} ${'decode'.padStart(7)} ${'check'.padStart(7)}   ${'total before'.padStart(12)} ${'total after'.padStart(11)}`,
);
for (const [name, edit] of Object.entries(edits)) {
  const runs: Record<Variant, Timing[]> = { 'decode only': [], checked: [] };
  for (let r = 0; r < REPEATS; r++)
    for (const v of r % 2
      ? (['checked', 'decode only'] as const)
      : (['decode only', 'checked'] as const))
      runs[v].push(run(edit, v));
  const m = (v: Variant, k: keyof Timing) => median(runs[v].map((t) => t[k]));
  console.log(
    `${name.padEnd(26)} ${fmt(m('decode only', 'validate'), 7)} ${fmt(m('checked', 'validate'), 7)}   ${fmt(m('decode only', 'total'), 12)} ${fmt(m('checked', 'total'), 11)}`,
  );
}
