import * as Y from 'yjs';
import {
  assessorJudgementSchema,
  type AssessorJudgement,
} from '../checklists/assessor-judgement.ts';
import { DocRoot } from './layout.ts';
import { readProjectDoc } from './read-doc.ts';

/**
 * Document model v2 (docs/doc-model-v2.md): each checklist's answers, notes, support texts and
 * assessor judgements live in a document of their own, which the relay may withhold (blinding);
 * the project document keeps the checklist's header. This module builds checklist documents and
 * moves version-1 content out of a project document.
 */

export const DOC_SCHEMA_VERSION_V2 = 2;

/** Root types of a checklist document. */
export const ChecklistDocRoot = {
  meta: 'meta',
  answers: 'answers',
  notes: 'notes',
  support: 'support',
  judgements: 'judgements',
} as const;

/** The parts of a checklist entry that move to its own document in v2. */
export const V1_CONTENT_KEYS = ['answers', 'notes', 'support', 'judgements'] as const;

/** A checklist's content as plain values. */
export interface ChecklistContent {
  answers: Record<string, string>;
  notes: Record<string, string>;
  support: Record<string, string>;
  judgements: Record<string, AssessorJudgement>;
}

/**
 * Writes content into a checklist document, in one transaction. Texts are created for every key
 * of `notes` and `support` (empty ones included): they must exist before anyone types, or two
 * clients creating the same text concurrently would lose one side's text.
 */
export function writeChecklistContent(
  doc: Y.Doc,
  ids: { checklistId: string; projectId: string },
  content: ChecklistContent,
) {
  doc.transact(() => {
    const meta = doc.getMap<unknown>(ChecklistDocRoot.meta);
    meta.set('schemaVersion', DOC_SCHEMA_VERSION_V2);
    meta.set('checklistId', ids.checklistId);
    meta.set('projectId', ids.projectId);
    const answers = doc.getMap<string>(ChecklistDocRoot.answers);
    for (const [k, v] of Object.entries(content.answers)) answers.set(k, v);
    for (const root of [ChecklistDocRoot.notes, ChecklistDocRoot.support] as const) {
      const texts = doc.getMap<Y.Text>(root);
      for (const [k, v] of Object.entries(content[root])) texts.set(k, new Y.Text(v));
    }
    const judgements = doc.getMap<AssessorJudgement>(ChecklistDocRoot.judgements);
    for (const [k, v] of Object.entries(content.judgements)) judgements.set(k, v);
  });
}

const plainTexts = (texts: Record<string, Y.Text>) =>
  Object.fromEntries(Object.entries(texts).map(([k, t]) => [k, t.toString()]));

/**
 * Every checklist's content in a version-1 project document, read through the tolerant reader:
 * what it skips as malformed is not carried (it is reported in the migration's problems).
 */
export function v1ChecklistContents(projectDoc: Y.Doc): Map<string, ChecklistContent> {
  const out = new Map<string, ChecklistContent>();
  for (const c of readProjectDoc(projectDoc).checklists)
    out.set(c.id, {
      answers: { ...c.answers },
      notes: plainTexts(c.notes),
      support: plainTexts(c.support),
      judgements: { ...c.judgements },
    });
  return out;
}

/**
 * Removes version-1 content from a project document and marks it version 2, in one transaction:
 * deleted content is garbage-collected, so a joiner is no longer sent anyone's answers through
 * the project document. A migrated project stays unblinded (its reviewers already saw each other's
 * work) until an owner turns blinding on.
 */
export function stripV1Content(projectDoc: Y.Doc) {
  projectDoc.transact(() => {
    projectDoc.getMap<Y.Map<unknown>>(DocRoot.checklists).forEach((entry) => {
      if (!(entry instanceof Y.Map)) return;
      for (const key of V1_CONTENT_KEYS) if (entry.has(key)) entry.delete(key);
    });
    projectDoc.getMap<unknown>('settings').set('blindReviewers', false);
    projectDoc.getMap<unknown>(DocRoot.meta).set('schemaVersion', DOC_SCHEMA_VERSION_V2);
  });
}

/** Reads a checklist document's content (answers that are not strings etc. are skipped). */
export function readChecklistContent(doc: Y.Doc): ChecklistContent {
  const answers: Record<string, string> = {};
  doc.getMap<unknown>(ChecklistDocRoot.answers).forEach((v, k) => {
    if (typeof v === 'string') answers[k] = v;
  });
  const texts = (root: string) => {
    const out: Record<string, string> = {};
    doc.getMap<unknown>(root).forEach((v, k) => {
      if (v instanceof Y.Text) out[k] = v.toString();
    });
    return out;
  };
  const judgements: Record<string, AssessorJudgement> = {};
  doc.getMap<unknown>(ChecklistDocRoot.judgements).forEach((v, k) => {
    const parsed = assessorJudgementSchema.safeParse(v);
    if (parsed.success) judgements[k] = parsed.data;
  });
  return {
    answers,
    notes: texts(ChecklistDocRoot.notes),
    support: texts(ChecklistDocRoot.support),
    judgements,
  };
}
