import { z } from 'zod';

/**
 * The project document's layout (one Yjs document per project), version 2 (document model v2,
 * docs/doc-model-v2.md). Bump DOC_SCHEMA_VERSION on any incompatible change and add a migration
 * step in the client's doc migrations; see docs/yjs-document.md.
 *
 *   meta:        Y.Map { schemaVersion: number }
 *   studies:     Y.Map<studyId, Y.Map<StudyField, primitive>>   (`design` added in place, no
 *                                                   bump: absent = not set, and old clients
 *                                                   ignore the key)
 *   outcomes:    Y.Map<outcomeId, Y.Map<OutcomeField, primitive>>   (added in place, no bump:
 *                                                   old clients ignore the root)
 *   checklists:  Y.Map<checklistId, Y.Map {         the header only
 *                  id, type, studyId, reviewerId, status, createdAt, completedAt,
 *                  outcomeId (ROBINS-I and RoB 2 only: the outcome assessed; absent for AMSTAR 2),
 *                  reconciledFrom? ([first, second] reviewer checklist ids of a reconciled one),
 *                  history: Y.Array<ChecklistEvent> (completed / finalized / reopened, appended) }>
 *   settings:    Y.Map { blindReviewers: boolean }  (settings.ts; absent = blinded)
 *   trash:       Y.Map<entryId, TrashEntry>   plain JSON values (trash.ts, added in place, no
 *                                                   bump: old clients ignore the root): started
 *                                                   work removed — a study with its checklists,
 *                                                   or a reviewer's checklists of a study — kept
 *                                                   for 30 days so an owner can restore it
 *
 * Each checklist's answers, notes, support texts and assessor judgements are in the checklist's
 * own document (checklist-doc.ts, `ChecklistDocRoot`), which the relay may withhold. Version 1 kept
 * them in the checklist's entry here (`answers`, `notes`, `support`, `judgements`); the server
 * splits a v1 document once ([R18]) and refuses those keys in a v2 one ([R19]); the tolerant
 * reader (read-doc.ts) still reads them, for that split and for an old copy's offline edits.
 */
export const DOC_SCHEMA_VERSION = 2;

/** Names of the document's root types. */
export const DocRoot = {
  meta: 'meta',
  studies: 'studies',
  checklists: 'checklists',
  outcomes: 'outcomes',
  trash: 'trash',
} as const;

/**
 * An outcome of the project (ROBINS-I and RoB 2 assess one result, i.e. one outcome, of a study;
 * a checklist of a type whose definition is `perOutcome` names one by `outcomeId`).
 */
export const outcomeFieldsSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(300),
});
export type OutcomeFields = z.infer<typeof outcomeFieldsSchema>;

/** An outcome as stored in the document (plain JSON view). */
export const docOutcomeSchema = outcomeFieldsSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type DocOutcome = z.infer<typeof docOutcomeSchema>;

/**
 * A study's design, which decides the appraisal tool that fits it (`toolsForDesign`): a systematic
 * review, a randomised trial in one of RoB 2's three designs, a non-randomised study of
 * interventions, or something else. Not set on a study written before the field existed.
 */
export const STUDY_DESIGNS = [
  'systematic-review',
  'rct-parallel',
  'rct-cluster',
  'rct-crossover',
  'nrsi',
  'other',
] as const;
export const studyDesignSchema = z.enum(STUDY_DESIGNS);
export type StudyDesign = z.infer<typeof studyDesignSchema>;

/** What a user types when adding or editing a study. */
export const studyFieldsSchema = z.object({
  title: z.string().trim().min(1, 'a title is required').max(500),
  authors: z.string().trim().max(2000),
  year: z.number().int().min(1800).max(2100).nullable(),
  journal: z.string().trim().max(300),
  doi: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^10\.\d{4,9}\/\S+$/.test(v), 'a DOI looks like 10.1234/abc'),
  /** Optional: absent (or `undefined` in an update) means not set. */
  design: studyDesignSchema.optional(),
});
export type StudyFields = z.infer<typeof studyFieldsSchema>;

/** A study as stored in the document (plain JSON view). */
export const docStudySchema = studyFieldsSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Assigned reviewers' user ids (up to two). */
  reviewer1: z.string().nullable(),
  reviewer2: z.string().nullable(),
});
export type DocStudy = z.infer<typeof docStudySchema>;

/**
 * The types (only) of a study's fields as stored: what the server's readers and the app's lists
 * accept. Content rules (lengths, the DOI pattern) are checked where a user types them
 * (`studyFieldsSchema`), not on read: a study an older client wrote under other rules is still a
 * study. The map's key is its id.
 */
export const storedStudySchema = z.object({
  title: z.string(),
  authors: z.string(),
  year: z.number().nullable(),
  journal: z.string(),
  doi: z.string(),
  /**
   * Read as not set when absent, and also when it is a value this build does not know (a newer
   * client's design): the study is still a study.
   */
  design: studyDesignSchema.optional().catch(undefined),
  createdAt: z.string(),
  createdBy: z.string(),
  reviewer1: z.string().nullable(),
  reviewer2: z.string().nullable(),
});

/** The types of an outcome's fields as stored (see {@link storedStudySchema}). */
export const storedOutcomeSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});

/** How long started work stays in the trash before the server purges it (trash.ts). */
export const TRASH_DAYS = 30;

/**
 * A checklist header or a study as it was when it went to the trash: its entries as plain JSON
 * (`Y.Map#toJSON`, a header's `history` a plain list), so a restore writes back the same values.
 * The layout's own keys are typed, others are kept as they are.
 */
const trashedChecklistSchema = z
  .object({
    id: z.string(),
    studyId: z.string(),
    type: z.string(),
    reviewerId: z.string().nullable(),
    status: z.string(),
  })
  .catchall(z.unknown());
const trashedStudySchema = z
  .object({ title: z.string(), reviewer1: z.string().nullable(), reviewer2: z.string().nullable() })
  .catchall(z.unknown());

/**
 * An entry of the `trash` root, written in the same transaction that deletes what it holds.
 * `study`: a removed study (its fields) with all its checklists; `checklist`: an unassigned
 * reviewer's checklists of one study, with the reviewer slot (`slot`) they held.
 */
export const trashEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('study'),
    studyId: z.string(),
    /** User id of who moved it to the trash, and when (ISO 8601). */
    by: z.string(),
    at: z.string(),
    study: trashedStudySchema,
    checklists: z.array(trashedChecklistSchema),
  }),
  z.object({
    kind: z.literal('checklist'),
    studyId: z.string(),
    by: z.string(),
    at: z.string(),
    reviewerId: z.string(),
    slot: z.enum(['reviewer1', 'reviewer2']).nullable(),
    checklists: z.array(trashedChecklistSchema).min(1),
  }),
]);
export type TrashEntryValue = z.infer<typeof trashEntrySchema>;
