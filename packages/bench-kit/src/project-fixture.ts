import * as Y from 'yjs';
import {
  type ChecklistType,
  checklistDefinition,
  checklistItems,
  DocRoot,
  isAnswerable,
} from '@corates/shared';
import { ChecklistDocRoot, checklistText, writeChecklistMeta } from '@corates/shared/doc';

/**
 * A finished project for the benchmarks that open or host one (doc-cut, doc-open), built twice
 * with the same content and the same edits: in document model v1 (one document; the layout of
 * shared/src/doc/layout.ts before version 2) and in v2 (docs/yjs-document.md) — a project document
 * with studies, outcomes and each checklist's header and history, and one document per checklist
 * holding its answers, notes, support texts and judgements, in the layout `@corates/shared/doc`
 * writes (texts are root types named by `checklistText`).
 *
 * Content is what a finished appraisal holds: per study two reviewer checklists and a reconciled
 * one, alternately RoB 2 and ROBINS-I; each with up to 30 answers (one in five changed once,
 * leaving a tombstone as a real edit does), 10 notes of a few sentences typed in chunks, a support
 * text for some domains, an overall judgement and a history event. Deterministic (seeded).
 */

export interface FixtureOptions {
  studies: number;
  /** Answers per checklist (at most the type's answerable items). */
  answers?: number;
  /** Notes with text per checklist. */
  notes?: number;
  seed?: number;
  /** The project id the v2 checklist documents name in their `meta`. */
  projectId?: string;
}

export interface FixtureChecklist {
  id: string;
  studyId: string;
  /** The reviewer it belongs to; null for the reconciled one. */
  reviewerId: string | null;
  /** v2: this checklist's own document, as one update. */
  update: Uint8Array;
}

export interface ProjectFixture {
  /** The reviewers assigned to every study. */
  reviewers: [string, string];
  /** v1: the whole project in one document, as one update. */
  v1: Uint8Array;
  /** v1: the same document as the updates its edits sent, in order (to seed a server in pieces). */
  v1Updates: Uint8Array[];
  /** v2: the project document (studies, outcomes, checklist headers), as one update. */
  project: Uint8Array;
  /** v2: the same project document as the updates its edits sent, in order. */
  projectUpdates: Uint8Array[];
  checklists: FixtureChecklist[];
  /** Per checklist, on average (v2 content). */
  perChecklist: { answers: number; notes: number; noteChars: number };
}

const REVIEWERS: [string, string] = ['r1', 'r2'];
const DEFAULT_PROJECT_ID = 'bench-project';
const OUTCOME_ID = 'o1';
const WORDS =
  'randomisation allocation concealment baseline imbalance deviation intervention adherence participants outcome measurement assessors blinded protocol analysis missing data attrition sensitivity reported selective prespecified trial registry confounding adjustment cohort exposure follow-up'.split(
    ' ',
  );

/** A small seeded generator (mulberry32): the same project every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number): string {
  const n = 8 + Math.floor(next() * 10);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]!);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Where a checklist's content is written: under its header (v1) or in its own document (v2). */
interface ChecklistParts {
  answers: Y.Map<string>;
  note(itemId: string): Y.Text;
  support(domainId: string): Y.Text;
  judgements: Y.Map<unknown>;
}

interface ChecklistSpec {
  id: string;
  type: ChecklistType;
  studyId: string;
  reviewerId: string | null;
  reconciledFrom?: [string, string];
  status: string;
  seed: number;
}

const domainIds = (type: ChecklistType) =>
  checklistDefinition(type)
    .sections.filter((s) => s.kind === 'domain')
    .map((s) => s.id);

/** v1: every note and support text created up front, as the v1 app did (inside a transaction). */
function addV1Texts(type: ChecklistType, header: Y.Map<unknown>) {
  const notes = new Y.Map<Y.Text>();
  const support = new Y.Map<Y.Text>();
  header.set('notes', notes);
  header.set('support', support);
  for (const item of checklistItems(checklistDefinition(type))) notes.set(item.id, new Y.Text());
  for (const id of domainIds(type)) support.set(id, new Y.Text());
}

/** The reviewer's work, one edit per transaction as a browser sends it. */
function fillParts(
  doc: Y.Doc,
  parts: ChecklistParts,
  spec: ChecklistSpec,
  options: Required<Omit<FixtureOptions, 'studies' | 'seed' | 'projectId'>>,
) {
  const type = checklistDefinition(spec.type);
  const next = rng(spec.seed);
  const items = checklistItems(type).filter(isAnswerable);
  const answered = items.slice(0, options.answers);
  const pick = (item: (typeof items)[number]) =>
    item.options[Math.floor(next() * item.options.length)]!.value;
  for (const item of answered) doc.transact(() => parts.answers.set(item.id, pick(item)));
  for (const item of answered)
    if (next() < 0.2) doc.transact(() => parts.answers.set(item.id, pick(item)));
  const noteIds = checklistItems(type)
    .map((i) => i.id)
    .sort(() => next() - 0.5);
  for (const id of noteIds.slice(0, options.notes)) {
    const text = parts.note(id);
    for (let s = 0, n = 2 + Math.floor(next() * 3); s < n; s++)
      doc.transact(() => text.insert(text.length, `${s > 0 ? ' ' : ''}${sentence(next)}`));
  }
  for (const id of domainIds(spec.type).slice(0, 3))
    doc.transact(() => parts.support(id).insert(0, sentence(next)));
  doc.transact(() =>
    parts.judgements.set('overall', { value: 'HIGH', reason: sentence(next), against: 'SOME' }),
  );
}

const isoAt = (spec: ChecklistSpec) =>
  new Date(Date.UTC(2026, 0, 1) + spec.seed * 60_000).toISOString();

function specs(studies: number, seed: number): { studyId: string; checklists: ChecklistSpec[] }[] {
  return Array.from({ length: studies }, (_, s) => {
    const studyId = `s${String(s + 1).padStart(4, '0')}`;
    const type: ChecklistType = s % 2 === 0 ? 'ROB2' : 'ROBINS_I';
    const base = `${studyId}:${type}:${OUTCOME_ID}`;
    const reviewer = (r: string, i: number): ChecklistSpec => ({
      id: `${base}:${r}`,
      type,
      studyId,
      reviewerId: r,
      status: 'reviewer-completed',
      seed: seed + s * 3 + i,
    });
    const first = reviewer(REVIEWERS[0], 0);
    const second = reviewer(REVIEWERS[1], 1);
    const reconciled: ChecklistSpec = {
      id: `${base}:reconciled`,
      type,
      studyId,
      reviewerId: null,
      reconciledFrom: [first.id, second.id],
      status: 'finalized',
      seed: seed + s * 3 + 2,
    };
    return { studyId, checklists: [first, second, reconciled] };
  });
}

/** The header fields the project document keeps for a checklist (both versions), with its history. */
function writeHeader(map: Y.Map<unknown>, spec: ChecklistSpec) {
  map.set('id', spec.id);
  map.set('type', spec.type);
  map.set('studyId', spec.studyId);
  map.set('reviewerId', spec.reviewerId);
  map.set('outcomeId', OUTCOME_ID);
  map.set('status', spec.status);
  map.set('createdAt', isoAt(spec));
  map.set('completedAt', isoAt(spec));
  if (spec.reconciledFrom) map.set('reconciledFrom', spec.reconciledFrom);
  const history = new Y.Array<unknown>();
  map.set('history', history);
  history.push([
    {
      event: spec.reviewerId ? 'completed' : 'finalized',
      by: spec.reviewerId ?? 'owner',
      at: isoAt(spec),
    },
  ]);
}

/** Studies, the outcome and every checklist's header: what both versions' project documents hold. */
function writeProject(
  doc: Y.Doc,
  plan: ReturnType<typeof specs>,
  seed: number,
  schemaVersion: 1 | 2,
) {
  const next = rng(seed);
  doc.transact(() => {
    doc.getMap(DocRoot.meta).set('schemaVersion', schemaVersion);
    const outcome = new Y.Map<unknown>();
    doc.getMap(DocRoot.outcomes).set(OUTCOME_ID, outcome);
    outcome.set('name', 'All-cause mortality at 12 months');
    outcome.set('createdAt', '2026-01-01T00:00:00.000Z');
    outcome.set('createdBy', 'owner');
  });
  for (const { studyId, checklists } of plan) {
    doc.transact(() => {
      const study = new Y.Map<unknown>();
      doc.getMap(DocRoot.studies).set(studyId, study);
      study.set('title', `${sentence(next)} ${sentence(next)}`);
      study.set('authors', 'Smith J, Okafor A, Lindqvist M, Tanaka H, Moreau C');
      study.set('year', 2000 + Math.floor(next() * 26));
      study.set('journal', 'Journal of Clinical Epidemiology');
      study.set('doi', `10.1000/bench.${studyId}`);
      study.set('createdAt', '2026-01-01T00:00:00.000Z');
      study.set('createdBy', 'owner');
      study.set('reviewer1', REVIEWERS[0]);
      study.set('reviewer2', REVIEWERS[1]);
    });
    for (const spec of checklists) {
      doc.transact(() => {
        const header = new Y.Map<unknown>();
        doc.getMap(DocRoot.checklists).set(spec.id, header);
        writeHeader(header, spec);
      });
    }
  }
}

export function buildProjectFixture(options: FixtureOptions): ProjectFixture {
  const seed = options.seed ?? 1;
  const projectId = options.projectId ?? DEFAULT_PROJECT_ID;
  const fill = { answers: options.answers ?? 30, notes: options.notes ?? 10 };
  const plan = specs(options.studies, seed);

  const v1 = fixedDoc(1);
  const v1Updates: Uint8Array[] = [];
  v1.on('update', (update: Uint8Array) => v1Updates.push(update));
  writeProject(v1, plan, seed, 1);
  const project = fixedDoc(2);
  const projectUpdates: Uint8Array[] = [];
  project.on('update', (update: Uint8Array) => projectUpdates.push(update));
  writeProject(project, plan, seed, 2);

  const checklists: FixtureChecklist[] = [];
  let answers = 0;
  let notes = 0;
  let noteChars = 0;
  for (const spec of plan.flatMap((p) => p.checklists)) {
    // v1: the parts live under the checklist's header map in the project document.
    const header = v1.getMap(DocRoot.checklists).get(spec.id) as Y.Map<unknown>;
    v1.transact(() => {
      header.set('answers', new Y.Map());
      header.set('judgements', new Y.Map());
      addV1Texts(spec.type, header);
    });
    fillParts(v1, v1Parts(header), spec, fill);

    // v2: the same edits in the checklist's own document.
    const doc = fixedDoc(1000 + spec.seed);
    writeChecklistMeta(doc, { checklistId: spec.id, projectId });
    const roots: ChecklistParts = {
      answers: doc.getMap(ChecklistDocRoot.answers),
      note: (id) => checklistText(doc, 'notes', id),
      support: (id) => checklistText(doc, 'support', id),
      judgements: doc.getMap(ChecklistDocRoot.judgements),
    };
    fillParts(doc, roots, spec, fill);
    answers += roots.answers.size;
    for (const item of checklistItems(checklistDefinition(spec.type))) {
      const text = roots.note(item.id);
      if (text.length === 0) continue;
      notes++;
      noteChars += text.length;
    }
    checklists.push({
      id: spec.id,
      studyId: spec.studyId,
      reviewerId: spec.reviewerId,
      update: Y.encodeStateAsUpdate(doc),
    });
    doc.destroy();
  }
  const count = Math.max(1, checklists.length);
  const fixture: ProjectFixture = {
    reviewers: REVIEWERS,
    v1: Y.encodeStateAsUpdate(v1),
    v1Updates,
    project: Y.encodeStateAsUpdate(project),
    projectUpdates,
    checklists,
    perChecklist: {
      answers: answers / count,
      notes: notes / count,
      noteChars: notes > 0 ? noteChars / notes : 0,
    },
  };
  v1.destroy();
  project.destroy();
  return fixture;
}

/** A document with a fixed client id, so the same content encodes to the same bytes. */
function fixedDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

function v1Parts(header: Y.Map<unknown>): ChecklistParts {
  return {
    answers: header.get('answers') as Y.Map<string>,
    note: (id) => (header.get('notes') as Y.Map<Y.Text>).get(id)!,
    support: (id) => (header.get('support') as Y.Map<Y.Text>).get(id)!,
    judgements: header.get('judgements') as Y.Map<unknown>,
  };
}
