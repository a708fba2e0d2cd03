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

/**
 * A condition on the answers, as a published tool prints it before a question ("If N/PN/NI to 4.1
 * and 4.2") or a variant's choice: one item's answer, or all / any of several conditions.
 */
export type Condition =
  ItemCondition | { readonly all: readonly Condition[] } | { readonly any: readonly Condition[] };

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
   * Shown with the question; `askedIf` is the same condition as data. Whether an answer is needed
   * follows from the domain's decision algorithm.
   */
  readonly askedWhen?: string;
  /**
   * The tool's condition for asking the question, as data. When it does not hold for the answers
   * given, the question is not reached (`reachedItemIds`): it is shown greyed, needs no answer and
   * does not count in progress. Absent: the question is asked whenever its section is.
   */
  readonly askedIf?: Condition;
  /**
   * The tool lets the assessor answer "Not applicable" to this conditional question even when it
   * asks it (RoB 2 2b 2.3, printed "[If applicable:] If …"). Otherwise a conditional question's
   * NA only stands for "not asked", which the form shows by greying it (`offeredOptions`).
   */
  readonly naWhenAsked?: boolean;
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
   * The section belongs to the checklist only in the variant of the tool these answers choose
   * (RoB 2's domains for the study design: domain 1b only in a cluster-randomised trial). Otherwise
   * it is not part of the assessment at all and not shown; absent means every variant has it.
   */
  readonly appliesWhen?: Condition;
  /**
   * The section is only assessed when this answer is given (ROBINS-I domain 1a vs 1b, RoB 2 domain
   * 2a vs 2b, chosen by the effect of interest). Until it is, the section is inactive.
   */
  readonly activeWhen?: Condition;
  /**
   * The summary-table column of a domain (`D1b`, `DS`); absent means `D` and the number the
   * section id starts with (`d2a` → `D2`), so alternatives of one domain share a column.
   */
  readonly column?: string;
}

/**
 * A published variant of a tool, chosen by an answer (RoB 2 for cluster-randomized trials, for
 * crossover trials): the document whose questions and algorithms the variant's domains follow.
 */
export interface ChecklistVariant {
  readonly when: Condition;
  /** Named with the checklist and exported with its results (`tool_version`). */
  readonly release: string;
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
  /** Variants chosen by an answer, each naming the document it follows; see `toolRelease`. */
  readonly variants?: readonly ChecklistVariant[];
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

function itemById(definition: ChecklistDefinition, itemId: string): ChecklistItem | undefined {
  return checklistItems(definition).find((i) => i.id === itemId);
}

/**
 * Whether a condition holds for the answers. `usable` says which items' answers may be read (an
 * unreached question's leftover answer must not reach further questions); others read as unanswered.
 */
export function conditionHolds(
  definition: ChecklistDefinition,
  condition: Condition,
  answers: ChecklistAnswers,
  usable: (itemId: string) => boolean = () => true,
): boolean {
  if ('all' in condition)
    return condition.all.every((c) => conditionHolds(definition, c, answers, usable));
  if ('any' in condition)
    return condition.any.some((c) => conditionHolds(definition, c, answers, usable));
  const item = usable(condition.itemId) ? itemById(definition, condition.itemId) : undefined;
  const value = item && answerFor(item, answers);
  return value !== undefined && condition.values.includes(value);
}

/** The ids of the items a condition reads. */
export function conditionItemIds(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionItemIds);
  if ('any' in condition) return condition.any.flatMap(conditionItemIds);
  return [condition.itemId];
}

/**
 * The items of `sections` whose `askedIf` holds, read in display order and only through items
 * already reached, so an answer left on a question that is no longer asked does not open the
 * questions after it.
 */
function reachedIn(
  definition: ChecklistDefinition,
  sections: readonly ChecklistSection[],
  answers: ChecklistAnswers,
): Set<string> {
  const reached = new Set<string>();
  for (const section of sections)
    for (const item of section.items)
      if (
        item.askedIf === undefined ||
        conditionHolds(definition, item.askedIf, answers, (id) => reached.has(id))
      )
        reached.add(item.id);
  return reached;
}

/** Whether a section's `activeWhen` choice is made (or it has none). */
function isChosen(
  definition: ChecklistDefinition,
  section: ChecklistSection,
  answers: ChecklistAnswers,
): boolean {
  return (
    section.activeWhen === undefined || conditionHolds(definition, section.activeWhen, answers)
  );
}

/** Index of the last section that is read before screening can stop the assessment. */
function screeningEnd(definition: ChecklistDefinition): number {
  return definition.sections.findLastIndex((s) => s.kind === 'screening');
}

/**
 * Whether the answers stop the assessment at screening (`stopWhen`). A stop answer counts only on
 * a question that is asked: ROBINS-I B2 is asked "If N/PN to B1", so a B2 "Yes" left after B1 was
 * changed to "Yes" (or cleared) does not stop the assessment.
 */
export function isStoppedAtScreening(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): boolean {
  const stops = definition.stopWhen ?? [];
  if (stops.length === 0) return false;
  const end = screeningEnd(definition);
  const screening = applicableSections(definition, answers).filter(
    (s) => definition.sections.indexOf(s) <= end && isChosen(definition, s, answers),
  );
  const reached = reachedIn(definition, screening, answers);
  return stops.some((c) => conditionHolds(definition, c, answers, (id) => reached.has(id)));
}

/**
 * The sections of the tool's variant the answers choose (`appliesWhen`): the others are not part
 * of this assessment at all. Every section of a tool without variants.
 */
export function applicableSections(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistSection[] {
  return definition.sections.filter(
    (s) => s.appliesWhen === undefined || conditionHolds(definition, s.appliesWhen, answers),
  );
}

/**
 * The sections to fill in given the answers so far: those of the chosen variant whose `activeWhen`
 * choice is made. Once screening has stopped the assessment, every section after the screening
 * questions is left out (ROBINS-I: "no further assessment is required", so neither the effect of
 * interest in section C nor any domain).
 */
export function activeSections(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistSection[] {
  const stopped = isStoppedAtScreening(definition, answers);
  const end = screeningEnd(definition);
  return applicableSections(definition, answers).filter(
    (s) => !(stopped && definition.sections.indexOf(s) > end) && isChosen(definition, s, answers),
  );
}

/**
 * The ids of the items the tool asks given the answers: every item of the active sections whose
 * `askedIf` holds. Conditions are read in display order and only through reached items, so an
 * answer left on a question that is no longer asked does not open the questions after it.
 */
export function reachedItemIds(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): Set<string> {
  return reachedIn(definition, activeSections(definition, answers), answers);
}

/** The answer code "Not applicable" of the signalling questions (ROBINS-I V2, RoB 2). */
export const NOT_APPLICABLE = 'NA';

/**
 * The options the form offers for an item. The tools print "NA" first on their conditional
 * questions, where it stands for "the condition does not hold": the form shows that by greying
 * the question, and where the condition holds the question applies by the tool's own words, so a
 * conditional question offers no NA unless the tool lets the assessor choose it when asked
 * (`naWhenAsked`). Questions without a condition keep every option (RoB 2's "[If applicable]"
 * questions, AMSTAR 2's "No meta-analysis conducted").
 */
export function offeredOptions(item: ChecklistItem): readonly ChecklistOption[] {
  if (item.askedIf === undefined || item.naWhenAsked) return item.options;
  return item.options.filter((o) => o.value !== NOT_APPLICABLE);
}

/**
 * The answer to an item the tool asks, or undefined when there is none: `answerFor`, except that
 * an NA the item does not offer (`offeredOptions`: one stored before the question was asked, or by
 * an earlier version of the app) is not an answer to a question that applies.
 */
export function answerWhenAsked(
  item: ChecklistItem,
  answers: ChecklistAnswers,
): string | undefined {
  const value = answerFor(item, answers);
  return value === undefined || offeredOptions(item).some((o) => o.value === value)
    ? value
    : undefined;
}

/**
 * The release of the tool the answers' judgements follow: the chosen variant's document (RoB 2 for
 * cluster-randomized trials), else the definition's `release`; undefined when neither is named.
 */
export function toolRelease(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): string | undefined {
  const variant = definition.variants?.find((v) => conditionHolds(definition, v.when, answers));
  return variant?.release ?? definition.release;
}

/**
 * A domain's summary-table column: its `column`, else `D` and the number its id starts with
 * (`d1a` → `D1`, `d5` → `D5`).
 */
export function sectionColumn(section: Pick<ChecklistSection, 'id' | 'column'>): string {
  return section.column ?? domainColumnKey(section.id);
}

/** `d1a` → `D1`, `d5` → `D5`: the default column of a domain section id. */
export function domainColumnKey(domainId: string): string {
  return `D${domainId.replace(/^d(\d+).*$/, '$1')}`;
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
