import { z } from 'zod';

/**
 * Checklist types that have a definition in this package: AMSTAR 2 (systematic reviews),
 * ROBINS-I V2 (non-randomised studies of interventions) and RoB 2 (randomised trials).
 * `CHECKLIST_DEFINITIONS` is keyed by it, so adding a type without a definition fails to compile.
 */
export const checklistTypeSchema = z.enum(['AMSTAR2', 'ROBINS_I', 'ROB2']);
export type ChecklistType = z.infer<typeof checklistTypeSchema>;

/** One answer a reviewer can pick for an item. */
export interface ChecklistOption {
  /** Stable code stored in the document; never reworded once released. */
  readonly value: string;
  /** What the reviewer sees. */
  readonly label: string;
}

/**
 * Items that the published tool presents under one heading: a question split into parts (AMSTAR 2
 * items 9 and 11: one part for randomised trials, one for non-randomised studies), or a titled part
 * of a domain (ROBINS-I domain 3, parts A–C). Each item keeps its own answer; the renderer shows
 * the heading once over the run of items that share a group.
 */
export interface ChecklistItemGroup {
  /** Id of the combined question, e.g. `q9`. */
  readonly id: string;
  /** Number label of the combined question, e.g. `9`; scoring reports flaws under it. */
  readonly number: string;
  /** Short topic shown above the parts. */
  readonly title: string;
}

/**
 * What an item records. `question`: a signalling question or rated item, answered with one of its
 * options. `direction`: the predicted direction of bias of a domain, an option too but never needed
 * for a judgement. `text`: free text only (e.g. the sources consulted), kept in the item's
 * collaborative note; it has no options and no answer.
 */
export type ChecklistItemKind = 'question' | 'direction' | 'text';

/** "This applies when item `itemId` is answered with one of `values`". */
export interface ItemCondition {
  readonly itemId: string;
  readonly values: readonly string[];
}

/** One question of a checklist: everything the generic renderer needs to show and validate it. */
export interface ChecklistItem {
  /** Stable key in the answers record, e.g. `q1`, `q9a`. */
  readonly id: string;
  /** Number label as printed in the published tool, e.g. `1`, `9a`. */
  readonly number: string;
  /** The question. */
  readonly text: string;
  /** Short guidance on what each judgement requires. */
  readonly guidance: string;
  /** Allowed answers, in display order. */
  readonly options: readonly ChecklistOption[];
  /** Whether a flaw in this item is critical for the overall rating (AMSTAR 2 only so far). */
  readonly critical: boolean;
  /** Set on the parts of a split question. */
  readonly group?: ChecklistItemGroup;
  /** What the item records; absent means `question`. */
  readonly kind?: ChecklistItemKind;
  /**
   * When the published tool asks the question, as printed before it ("If Y/PY/NI to 2.1 or 2.2").
   * For display: whether an answer is needed follows from the domain's decision algorithm, and
   * every conditional question offers "Not applicable".
   */
  readonly askedWhen?: string;
}

/**
 * What a section holds. `items`: rated items (AMSTAR 2). `preliminary`: choices that set up the
 * assessment (RoB 2 study design and effect of interest; ROBINS-I section C). `screening`: questions
 * that can stop the assessment (ROBINS-I section B). `domain`: a bias domain, judged by its decision
 * algorithm.
 */
export type ChecklistSectionKind = 'items' | 'preliminary' | 'screening' | 'domain';

/** A titled run of items; AMSTAR 2 has one, ROBINS-I and RoB 2 have one per domain. */
export interface ChecklistSection {
  readonly id: string;
  readonly title: string;
  readonly items: readonly ChecklistItem[];
  /** What the section holds; absent means `items`. */
  readonly kind?: ChecklistSectionKind;
  /**
   * The section is only assessed when this answer is given (ROBINS-I domain 1a vs 1b, RoB 2 domain
   * 2a vs 2b, chosen by the effect of interest). Until it is, the section is inactive.
   */
  readonly activeWhen?: ItemCondition;
}

/** A whole checklist, as data: the renderer and the answer schema are derived from it. */
export interface ChecklistDefinition {
  readonly type: ChecklistType;
  /**
   * Revision of this definition. Bump it when an item id or option value changes, so stored
   * answers can be migrated; rewording text or guidance does not need a bump.
   */
  readonly version: number;
  readonly title: string;
  /** Citation of the published tool the definition follows. */
  readonly reference: string;
  /**
   * The release of the tool whose questions and algorithms the definition follows, where the tool
   * is revised in place (ROBINS-I V2); shown with the checklist and exported with its results.
   */
  readonly release?: string;
  readonly sections: readonly ChecklistSection[];
  /**
   * Screening answers that stop the assessment: when any is given, no domain is assessed (ROBINS-I
   * section B: the result is at critical risk of bias).
   */
  readonly stopWhen?: readonly ItemCondition[];
  /**
   * Whether an assessment is of one outcome of a study rather than the whole study (ROBINS-I and
   * RoB 2); such checklists name an outcome in the project document.
   */
  readonly perOutcome?: boolean;
}

/** The items of a definition, typed precisely when the definition is declared `as const`. */
export type ItemOf<D extends ChecklistDefinition> = D['sections'][number]['items'][number];

/** Item ids of a definition. */
export type ItemIdOf<D extends ChecklistDefinition> = ItemOf<D>['id'];

/**
 * Answers to a checklist: item id → option value. An absent key means "not answered yet";
 * clearing an answer deletes the key rather than storing a sentinel.
 */
export type AnswersOf<D extends ChecklistDefinition> = {
  readonly [
    I in ItemOf<D> as I extends { kind: 'text' } ? never : I['id']
  ]?: I['options'][number]['value'];
};

/** Answers of any checklist, for code that works from a definition at run time. */
export type ChecklistAnswers = Readonly<Partial<Record<string, string>>>;

/** Every item of a definition, in display order. */
export function checklistItems<D extends ChecklistDefinition>(definition: D): ItemOf<D>[] {
  return definition.sections.flatMap((s) => s.items) as ItemOf<D>[];
}

/** Whether an item is answered with one of its options (questions and directions, not text). */
export function isAnswerable(item: ChecklistItem): boolean {
  return item.kind !== 'text';
}

function conditionMet(
  definition: ChecklistDefinition,
  condition: ItemCondition,
  answers: ChecklistAnswers,
): boolean {
  const item = checklistItems(definition).find((i) => i.id === condition.itemId);
  const value = item && answerFor(item, answers);
  return value !== undefined && condition.values.includes(value);
}

/** Whether the answers stop the assessment at screening (`stopWhen`). */
export function isStoppedAtScreening(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): boolean {
  return (definition.stopWhen ?? []).some((c) => conditionMet(definition, c, answers));
}

/**
 * The sections to fill in given the answers so far: a section whose `activeWhen` choice is not
 * (yet) made is left out, and so is every domain once screening has stopped the assessment.
 */
export function activeSections(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistSection[] {
  const stopped = isStoppedAtScreening(definition, answers);
  return definition.sections.filter(
    (s) =>
      !(stopped && s.kind === 'domain') &&
      (s.activeWhen === undefined || conditionMet(definition, s.activeWhen, answers)),
  );
}

/**
 * The answer recorded for an item, or undefined when there is none or it is not one of the item's
 * options. Stored documents are edited by many clients; a value from an older or newer definition
 * must read as unanswered rather than be scored as something it is not.
 */
export function answerFor(item: ChecklistItem, answers: ChecklistAnswers): string | undefined {
  const value = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
  return item.options.some((o) => o.value === value) ? value : undefined;
}

/**
 * Zod schema for a checklist's answers, derived from its definition. It rejects item ids the
 * definition does not have (text items have no answer, only a note) and values that are not among
 * that item's options; every item is optional, since an in-progress checklist is valid.
 */
export function answersSchema<D extends ChecklistDefinition>(
  definition: D,
): z.ZodType<AnswersOf<D>> {
  const shape: Record<string, z.ZodOptional<z.ZodEnum>> = {};
  for (const item of checklistItems(definition).filter(isAnswerable)) {
    const values = item.options.map((o) => o.value);
    const [first, ...rest] = values;
    if (first === undefined) throw new Error(`checklist item ${item.id} has no options`);
    shape[item.id] = z.enum([first, ...rest]).optional();
  }
  // The shape is built from the definition at run time, so TypeScript cannot infer it; the cast
  // restates what the loop above guarantees.
  return z.strictObject(shape) as unknown as z.ZodType<AnswersOf<D>>;
}
