import * as Y from 'yjs';
import {
  type ChecklistType,
  checklistDefinition,
  checklistItems,
  DocRoot,
  isAnswerable,
} from '@corates/shared';

/**
 * The project the doc-cut benchmark hosts, built twice with the same content: as today's single
 * document (v1, shared/src/doc/layout.ts) and split as version 2 plans it (issue 15) — a project
 * document with studies, outcomes and each checklist's header, and one document per checklist
 * holding its answers, notes, support texts, judgements and history (as roots of that document).
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
  /** v2: the project document (studies, outcomes, checklist headers), as one update. */
  project: Uint8Array;
  checklists: FixtureChecklist[];
  /** Per checklist, on average (v2 content). */
  perChecklist: { answers: number; notes: number; noteChars: number };
}

const REVIEWERS: [string, string] = ['r1', 'r2'];
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

interface ChecklistParts {
  answers: Y.Map<string>;
  notes: Y.Map<Y.Text>;
  support: Y.Map<Y.Text>;
  judgements: Y.Map<unknown>;
  history: Y.Array<unknown>;
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

/** Every note and support text, created up front as the app does (inside a transaction). */
function addTexts(type: ChecklistType, parts: ChecklistParts) {
  for (const item of checklistItems(checklistDefinition(type)))
    parts.notes.set(item.id, new Y.Text());
  for (const id of domainIds(type)) parts.support.set(id, new Y.Text());
}

/** The reviewer's work, one edit per transaction as a browser sends it. */
function fillParts(
  doc: Y.Doc,
  parts: ChecklistParts,
  spec: ChecklistSpec,
  options: Required<Omit<FixtureOptions, 'studies' | 'seed'>>,
) {
  const next = rng(spec.seed);
  const items = checklistItems(checklistDefinition(spec.type)).filter(isAnswerable);
  const answered = items.slice(0, options.answers);
  const pick = (item: (typeof items)[number]) =>
    item.options[Math.floor(next() * item.options.length)]!.value;
  for (const item of answered) doc.transact(() => parts.answers.set(item.id, pick(item)));
  for (const item of answered)
    if (next() < 0.2) doc.transact(() => parts.answers.set(item.id, pick(item)));
  const noteIds = [...parts.notes.keys()].sort(() => next() - 0.5);
  for (const id of noteIds.slice(0, options.notes)) {
    const text = parts.notes.get(id)!;
    for (let s = 0, n = 2 + Math.floor(next() * 3); s < n; s++)
      doc.transact(() => text.insert(text.length, `${s > 0 ? ' ' : ''}${sentence(next)}`));
  }
  for (const id of domainIds(spec.type).slice(0, 3))
    doc.transact(() => parts.support.get(id)!.insert(0, sentence(next)));
  doc.transact(() =>
    parts.judgements.set('overall', { value: 'HIGH', reason: sentence(next), against: 'SOME' }),
  );
  doc.transact(() =>
    parts.history.push([{ type: 'completed', by: spec.reviewerId ?? 'owner', at: isoAt(spec) }]),
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
      status: 'completed',
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

/** The header fields the project document keeps for a checklist (both versions). */
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
}

/** Studies, the outcome and every checklist's header: what both versions' project documents hold. */
function writeProject(doc: Y.Doc, plan: ReturnType<typeof specs>, seed: number) {
  const next = rng(seed);
  doc.transact(() => {
    doc.getMap(DocRoot.meta).set('schemaVersion', 1);
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
  const fill = { answers: options.answers ?? 30, notes: options.notes ?? 10 };
  const plan = specs(options.studies, seed);

  const v1 = fixedDoc(1);
  writeProject(v1, plan, seed);
  const project = fixedDoc(2);
  writeProject(project, plan, seed);

  const checklists: FixtureChecklist[] = [];
  let answers = 0;
  let notes = 0;
  let noteChars = 0;
  for (const spec of plan.flatMap((p) => p.checklists)) {
    // v1: the parts live under the checklist's header map in the project document.
    const header = v1.getMap(DocRoot.checklists).get(spec.id) as Y.Map<unknown>;
    v1.transact(() => {
      header.set('answers', new Y.Map());
      header.set('notes', new Y.Map());
      header.set('support', new Y.Map());
      header.set('judgements', new Y.Map());
      header.set('history', new Y.Array());
      addTexts(spec.type, partsOf(header));
    });
    fillParts(v1, partsOf(header), spec, fill);

    // v2: the same parts as the roots of the checklist's own document.
    const doc = fixedDoc(1000 + spec.seed);
    const roots: ChecklistParts = {
      answers: doc.getMap('answers'),
      notes: doc.getMap('notes'),
      support: doc.getMap('support'),
      judgements: doc.getMap('judgements'),
      history: doc.getArray('history'),
    };
    doc.transact(() => addTexts(spec.type, roots));
    fillParts(doc, roots, spec, fill);
    answers += roots.answers.size;
    for (const text of roots.notes.values()) {
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
    project: Y.encodeStateAsUpdate(project),
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

function partsOf(header: Y.Map<unknown>): ChecklistParts {
  return {
    answers: header.get('answers') as Y.Map<string>,
    notes: header.get('notes') as Y.Map<Y.Text>,
    support: header.get('support') as Y.Map<Y.Text>,
    judgements: header.get('judgements') as Y.Map<unknown>,
    history: header.get('history') as Y.Array<unknown>,
  };
}
