import * as Y from 'yjs';
import {
  assessorJudgementSchema,
  type AssessorJudgement,
} from '../checklists/assessor-judgement.ts';
import { DOC_SCHEMA_VERSION, DocRoot } from './layout.ts';
import { readProjectDoc } from './read-doc.ts';

/**
 * Document model v2 (docs/doc-model-v2.md): each checklist's answers, notes, support texts and
 * assessor judgements live in a document of their own, which the relay may withhold (blinding);
 * the project document keeps the checklist's header. This module names the checklist document's
 * roots, builds and reads its content, and moves version-1 content out of a project document.
 */

/**
 * Map roots of a checklist document: `meta` { schemaVersion, checklistId, projectId }, `answers`
 * (item id → option value) and `judgements` (domain id or `overall` → assessor judgement). Each
 * note and each support text is a root Y.Text of its own ({@link noteRootName},
 * {@link supportRootName}): root types merge by name, so any client may create a note offline at
 * any time, where two clients creating the same nested Y.Text at once would lose one side's text.
 */
export const ChecklistDocRoot = {
  meta: 'meta',
  answers: 'answers',
  judgements: 'judgements',
} as const;

/** Prefixes of the root texts' names: `note:<itemId>`, `support:<domainId>`. */
export const NOTE_ROOT_PREFIX = 'note:';
export const SUPPORT_ROOT_PREFIX = 'support:';

/** The name of the root Y.Text holding an item's note. */
export const noteRootName = (itemId: string) => NOTE_ROOT_PREFIX + itemId;
/** The name of the root Y.Text holding a domain's "support for judgement" (ROBINS-I, RoB 2). */
export const supportRootName = (domainId: string) => SUPPORT_ROOT_PREFIX + domainId;

export type ChecklistTextKind = 'notes' | 'support';

/**
 * What a root of a checklist document is a text of, if any: an item's note or a domain's support
 * text. The reader and the relay's layout guard decide with it.
 */
export function checklistTextRoot(
  root: string,
): { kind: ChecklistTextKind; key: string } | undefined {
  for (const [kind, prefix] of [
    ['notes', NOTE_ROOT_PREFIX],
    ['support', SUPPORT_ROOT_PREFIX],
  ] as const)
    if (root.startsWith(prefix) && root.length > prefix.length)
      return { kind, key: root.slice(prefix.length) };
  return undefined;
}

/** The root text of an item's note (`notes`) or a domain's support text (`support`). */
export function checklistText(doc: Y.Doc, kind: ChecklistTextKind, key: string): Y.Text {
  return doc.getText(kind === 'notes' ? noteRootName(key) : supportRootName(key));
}

/** The parts of a checklist entry that move to its own document in v2. */
export const V1_CONTENT_KEYS = ['answers', 'notes', 'support', 'judgements'] as const;

/**
 * A checklist's content as plain values. An empty note or support text is the same as none (a
 * root text cannot be absent, only empty), so neither lists empty texts.
 */
export interface ChecklistContent {
  answers: Record<string, string>;
  notes: Record<string, string>;
  support: Record<string, string>;
  judgements: Record<string, AssessorJudgement>;
}

/** Sets a checklist document's meta where it differs, in the caller's transaction. */
export function writeChecklistMeta(doc: Y.Doc, ids: { checklistId: string; projectId: string }) {
  const meta = doc.getMap<unknown>(ChecklistDocRoot.meta);
  const want = { schemaVersion: DOC_SCHEMA_VERSION, ...ids };
  for (const [k, v] of Object.entries(want)) if (meta.get(k) !== v) meta.set(k, v);
}

/** Writes content into a checklist document as new edits (texts appended), in one transaction. */
export function writeChecklistContent(
  doc: Y.Doc,
  ids: { checklistId: string; projectId: string },
  content: ChecklistContent,
) {
  doc.transact(() => {
    writeChecklistMeta(doc, ids);
    const answers = doc.getMap<string>(ChecklistDocRoot.answers);
    for (const [k, v] of Object.entries(content.answers)) answers.set(k, v);
    for (const kind of ['notes', 'support'] as const)
      for (const [k, v] of Object.entries(content[kind])) {
        if (v === '') continue;
        const text = checklistText(doc, kind, k);
        text.insert(text.length, v);
      }
    const judgements = doc.getMap<AssessorJudgement>(ChecklistDocRoot.judgements);
    for (const [k, v] of Object.entries(content.judgements)) judgements.set(k, v);
  });
}

const plainTexts = (texts: Record<string, Y.Text>) =>
  Object.fromEntries(
    Object.entries(texts)
      .map(([k, t]) => [k, t.toString()] as const)
      .filter(([, v]) => v !== ''),
  );

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
 * Removes version-1 content from a project document, gives every header its history, and marks it
 * version 2, in one transaction:
 * deleted content is garbage-collected, so a joiner is no longer sent anyone's answers through
 * the project document. A migrated project stays unblinded (its reviewers already saw each other's
 * work) until an owner turns blinding on.
 */
export function stripV1Content(projectDoc: Y.Doc) {
  projectDoc.transact(() => {
    projectDoc.getMap<Y.Map<unknown>>(DocRoot.checklists).forEach((entry) => {
      if (!(entry instanceof Y.Map)) return;
      for (const key of V1_CONTENT_KEYS) if (entry.has(key)) entry.delete(key);
      // Headers written before the history existed get it here, once, rather than from two
      // devices' first appends at once (which would keep one device's list).
      if (!(entry.get('history') instanceof Y.Array)) entry.set('history', new Y.Array());
    });
    projectDoc.getMap<unknown>('settings').set('blindReviewers', false);
    projectDoc.getMap<unknown>(DocRoot.meta).set('schemaVersion', DOC_SCHEMA_VERSION);
  });
}

/**
 * The root texts of a checklist document. A root that arrived in an update before anyone asked
 * for it is a bare type until `getText` names it a text; one already defined as another type
 * (which the relay's layout guard refuses) is skipped.
 */
function rootTexts(doc: Y.Doc) {
  const out: { kind: ChecklistTextKind; key: string; text: Y.Text }[] = [];
  for (const name of [...doc.share.keys()]) {
    const root = checklistTextRoot(name);
    if (!root) continue;
    try {
      out.push({ ...root, text: doc.getText(name) });
    } catch {
      // defined as another type: not a text of this layout
    }
  }
  return out;
}

/** Sets an own property whatever the key (`__proto__` included), never the prototype. */
function define<V>(into: Record<string, V>, key: string, value: V) {
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Reads a checklist document's content: answers that are not strings, judgements of the wrong
 * shape and empty texts are left out.
 */
export function readChecklistContent(doc: Y.Doc): ChecklistContent {
  const answers: Record<string, string> = {};
  doc.getMap<unknown>(ChecklistDocRoot.answers).forEach((v, k) => {
    if (typeof v === 'string') define(answers, k, v);
  });
  const notes: Record<string, string> = {};
  const support: Record<string, string> = {};
  for (const { kind, key, text } of rootTexts(doc)) {
    const value = text.toString();
    if (value !== '') define(kind === 'notes' ? notes : support, key, value);
  }
  const judgements: Record<string, AssessorJudgement> = {};
  doc.getMap<unknown>(ChecklistDocRoot.judgements).forEach((v, k) => {
    const parsed = assessorJudgementSchema.safeParse(v);
    if (parsed.success) define(judgements, k, parsed.data);
  });
  return { answers, notes, support, judgements };
}
