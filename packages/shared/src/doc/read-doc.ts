import * as Y from 'yjs';
import { z } from 'zod';
import {
  assessorJudgementSchema,
  type AssessorJudgement,
} from '../checklists/assessor-judgement.ts';
import { checklistEventSchema, type ChecklistEvent } from '../checklists/checklist-history.ts';
import { checklistStatusSchema, type ChecklistStatus } from '../checklists/status.ts';
import { checklistTypeSchema, type ChecklistType } from '../checklists/types.ts';
import {
  DocRoot,
  storedOutcomeSchema,
  storedStudySchema,
  type DocOutcome,
  type DocStudy,
} from './layout.ts';

/**
 * The one tolerant reader of the project document's layout (layout.ts, docs/yjs-document.md).
 *
 * Any client with write access can put anything anywhere in the document (an older build, a buggy
 * one, a hand-made update), so a reader on the server must never throw on its content. This one
 * returns the entries that have the layout's types and, for everything it skipped, a problem: the
 * path of the entry and what was wrong. The server's summary, the CSV export and the D1 export
 * alarm read through it, and so do the web app's lists.
 */

/** Something in the document this reader skipped: where (root, key, …) and what was wrong. */
export interface DocProblem {
  path: string[];
  problem: string;
}

/** A checklist as stored, with the layout's types; its notes are the document's texts. */
export interface StoredChecklist {
  id: string;
  type: ChecklistType;
  studyId: string;
  reviewerId: string | null;
  status: ChecklistStatus;
  createdAt: string;
  completedAt: string | null;
  /** ROBINS-I and RoB 2: the outcome assessed. */
  outcomeId?: string;
  /** A reconciled checklist: the two reviewer checklists it reconciles. */
  reconciledFrom?: [string, string];
  /** Item id → option value; values that are not strings are skipped (and reported). */
  answers: Record<string, string>;
  /** Item id → the item's note; entries that are not texts are skipped (and reported). */
  notes: Record<string, Y.Text>;
  /**
   * Domain id → the domain's "support for judgement" text (ROBINS-I, RoB 2); entries that are not
   * texts are skipped (and reported). Empty for a checklist written before it existed.
   */
  support: Record<string, Y.Text>;
  /**
   * Domain id (or `overall`) → the assessor's judgement where it differs from the algorithm's;
   * entries of the wrong shape are skipped (and reported).
   */
  judgements: Record<string, AssessorJudgement>;
  /** Completions, finalizations and reopenings, as appended; malformed entries skipped. */
  history: ChecklistEvent[];
}

/** What one entry read to: its value, unless it was skipped, and what was wrong with it. */
export interface EntryRead<T> {
  value?: T;
  problems: DocProblem[];
}

export interface ProjectDocContent {
  studies: DocStudy[];
  outcomes: DocOutcome[];
  checklists: StoredChecklist[];
  /** Everything skipped, in document order (roots: studies, outcomes, checklists). */
  problems: DocProblem[];
}

const checklistFieldsSchema = z.object({
  type: checklistTypeSchema,
  studyId: z.string(),
  reviewerId: z.string().nullable(),
  status: checklistStatusSchema,
  createdAt: z.string(),
  completedAt: z.string().nullable().optional(),
  outcomeId: z.string().nullable().optional(),
  reconciledFrom: z.tuple([z.string(), z.string()]).optional(),
});

/** "a string", "a number", "a map", … for problem messages. */
export function describeDocValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (value instanceof Y.Map) return 'a map';
  if (value instanceof Y.Text) return 'a text';
  if (value instanceof Y.Array || Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  const t = typeof value;
  if (t === 'object' || t === 'function') return 'another kind of value';
  return t === 'undefined' ? 'nothing' : `a ${t}`;
}

/** A Y.Map's entries as a plain object, read field by field (never `toJSON`, which would recurse). */
function fieldsOf(map: Y.Map<unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = map.get(key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function fieldProblems(path: string[], error: z.ZodError, fields: object) {
  const what = error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? '');
      const found = describeDocValue((fields as Record<string, unknown>)[key]);
      return `${key}: ${found === 'nothing' ? 'missing' : `unexpected ${found}`}`;
    })
    .join('; ');
  return [{ path, problem: `fields of the wrong type (${what})` }];
}

function notAMap(path: string[], value: unknown): DocProblem {
  return { path, problem: `expected a map, found ${describeDocValue(value)}` };
}

const STUDY_KEYS = Object.keys(storedStudySchema.shape);
const OUTCOME_KEYS = Object.keys(storedOutcomeSchema.shape);
const CHECKLIST_KEYS = Object.keys(checklistFieldsSchema.shape);

/** One entry of `studies`. */
export function readStudyEntry(id: string, value: unknown): EntryRead<DocStudy> {
  const path = [DocRoot.studies, id];
  if (!(value instanceof Y.Map)) return { problems: [notAMap(path, value)] };
  const fields = fieldsOf(value, STUDY_KEYS);
  const parsed = storedStudySchema.safeParse(fields);
  if (!parsed.success) return { problems: fieldProblems(path, parsed.error, fields) };
  return { value: { id, ...parsed.data }, problems: [] };
}

/** One entry of `outcomes`. */
export function readOutcomeEntry(id: string, value: unknown): EntryRead<DocOutcome> {
  const path = [DocRoot.outcomes, id];
  if (!(value instanceof Y.Map)) return { problems: [notAMap(path, value)] };
  const fields = fieldsOf(value, OUTCOME_KEYS);
  const parsed = storedOutcomeSchema.safeParse(fields);
  if (!parsed.success) return { problems: fieldProblems(path, parsed.error, fields) };
  return { value: { id, ...parsed.data }, problems: [] };
}

/** Texts of a map by key (`notes`, `support`); a value that is not a map or text is reported. */
function textsOf(value: unknown, path: string[], problems: DocProblem[]): Record<string, Y.Text> {
  const texts: Record<string, Y.Text> = {};
  if (value === undefined) return texts;
  if (!(value instanceof Y.Map)) {
    problems.push(notAMap(path, value));
    return texts;
  }
  value.forEach((v, key) => {
    if (v instanceof Y.Text) define(texts, key, v);
    else
      problems.push({
        path: [...path, key],
        problem: `expected a text, found ${describeDocValue(v)}`,
      });
  });
  return texts;
}

/** A map of plain entries checked by a schema (`judgements`); wrong ones are reported. */
function entriesOf<T>(
  value: unknown,
  [schema, what]: [z.ZodType<T>, string],
  path: string[],
  problems: DocProblem[],
): Record<string, T> {
  const out: Record<string, T> = {};
  if (value === undefined) return out;
  if (!(value instanceof Y.Map)) {
    problems.push(notAMap(path, value));
    return out;
  }
  value.forEach((v, key) => {
    const parsed = schema.safeParse(v);
    if (parsed.success) define(out, key, parsed.data);
    else
      problems.push({
        path: [...path, key],
        problem: `expected ${what}, found ${describeEntry(v)}`,
      });
  });
  return out;
}

/** A shared list of plain entries checked by a schema (`history`); wrong ones are reported. */
function listOf<T>(
  value: unknown,
  [schema, what]: [z.ZodType<T>, string],
  path: string[],
  problems: DocProblem[],
): T[] {
  if (value === undefined) return [];
  if (!(value instanceof Y.Array)) {
    problems.push({ path, problem: `expected a list, found ${describeDocValue(value)}` });
    return [];
  }
  const out: T[] = [];
  value.toArray().forEach((v, i) => {
    const parsed = schema.safeParse(v);
    if (parsed.success) out.push(parsed.data);
    else
      problems.push({
        path: [...path, String(i)],
        problem: `expected ${what}, found ${describeEntry(v)}`,
      });
  });
  return out;
}

/** Like `describeDocValue`, but an object of the wrong shape is "an object of another shape". */
function describeEntry(value: unknown): string {
  const what = describeDocValue(value);
  return what === 'another kind of value' ? 'an object of another shape' : what;
}

/**
 * One entry of `checklists`. Skipped when it is not a map, a field has the wrong type or its
 * `answers` is not a map; a `notes`, `support`, `judgements` or `history` of the wrong kind only
 * loses that part. Single answers that are not strings, notes and support texts that are not texts,
 * assessor judgements and history entries of the wrong shape are left out, each reported.
 */
export function readChecklistEntry(id: string, value: unknown): EntryRead<StoredChecklist> {
  const path = [DocRoot.checklists, id];
  if (!(value instanceof Y.Map)) return { problems: [notAMap(path, value)] };
  const fields = fieldsOf(value, CHECKLIST_KEYS);
  const parsed = checklistFieldsSchema.safeParse(fields);
  if (!parsed.success) return { problems: fieldProblems(path, parsed.error, fields) };
  const problems: DocProblem[] = [];

  const answersValue = value.get('answers');
  const answers: Record<string, string> = {};
  if (answersValue !== undefined) {
    if (!(answersValue instanceof Y.Map))
      return { problems: [notAMap([...path, 'answers'], answersValue)] };
    answersValue.forEach((v, itemId) => {
      if (typeof v === 'string') define(answers, itemId, v);
      else
        problems.push({
          path: [...path, 'answers', itemId],
          problem: `expected an option value, found ${describeDocValue(v)}`,
        });
    });
  }

  const notes = textsOf(value.get('notes'), [...path, 'notes'], problems);
  const support = textsOf(value.get('support'), [...path, 'support'], problems);
  const judgements = entriesOf(
    value.get('judgements'),
    [assessorJudgementSchema, 'an assessor judgement'],
    [...path, 'judgements'],
    problems,
  );
  const history = listOf(
    value.get('history'),
    [checklistEventSchema, 'a history entry'],
    [...path, 'history'],
    problems,
  );

  const f = parsed.data;
  const checklist: StoredChecklist = {
    id,
    type: f.type,
    studyId: f.studyId,
    reviewerId: f.reviewerId,
    status: f.status,
    createdAt: f.createdAt,
    completedAt: f.completedAt ?? null,
    ...(typeof f.outcomeId === 'string' ? { outcomeId: f.outcomeId } : {}),
    ...(f.reconciledFrom ? { reconciledFrom: f.reconciledFrom } : {}),
    answers,
    notes,
    support,
    judgements,
    history,
  };
  return { value: checklist, problems };
}

/** Sets an own property whatever the key (`__proto__` included), never the prototype. */
function define<V>(into: Record<string, V>, key: string, value: V) {
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The whole document: every valid study, outcome and checklist (in the maps' order) and a problem
 * for everything skipped. Never throws on the document's content.
 */
export function readProjectDoc(doc: Y.Doc): ProjectDocContent {
  const content: ProjectDocContent = {
    studies: [],
    outcomes: [],
    checklists: [],
    problems: [],
  };
  const collect = <T>(into: T[], read: EntryRead<T>) => {
    if (read.value !== undefined) into.push(read.value);
    for (const p of read.problems) content.problems.push(p);
  };
  doc.getMap(DocRoot.studies).forEach((v, id) => collect(content.studies, readStudyEntry(id, v)));
  doc
    .getMap(DocRoot.outcomes)
    .forEach((v, id) => collect(content.outcomes, readOutcomeEntry(id, v)));
  doc
    .getMap(DocRoot.checklists)
    .forEach((v, id) => collect(content.checklists, readChecklistEntry(id, v)));
  return content;
}

/** "1 document entry could not be read and was skipped", for the owner's document-health note. */
export function docProblemsNote(count: number): string {
  return count === 1
    ? '1 document entry could not be read and was skipped'
    : `${count} document entries could not be read and were skipped`;
}
