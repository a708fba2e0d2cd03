import {
  type ChecklistAnswers,
  type ChecklistDefinition,
  type ChecklistItem,
  type ChecklistSection,
  type Judgement,
  activeSections,
  answerFor,
  applicableSections,
  checklistItems,
  checklistVerdict,
  conditionItemIds,
  isStoppedAtScreening,
  reachedItemIds,
} from '@corates/shared';
import { type ItemBlock, itemBlocks } from './checklist-layout.ts';

/** One section as the form shows it. */
export interface FormSectionView {
  section: ChecklistSection;
  /**
   * Whether the section belongs to the variant of the tool the answers choose (RoB 2's domains of
   * the study design); one that does not is not shown at all.
   */
  shown: boolean;
  /** Whether its questions are shown; an inactive section shows only its title and why. */
  active: boolean;
  /** Why the section is not assessed, when it is not. */
  inactiveReason: string | null;
  /** A domain's live judgement: a judgement, 'pending' while answers are missing, null if no domain. */
  judgement: Judgement | 'pending' | null;
  blocks: ItemBlock[];
}

export interface FormView {
  /** Screening answers stopped the assessment (ROBINS-I B2/B3). */
  stopped: boolean;
  sections: FormSectionView[];
  /**
   * Ids of the questions the tool asks given the answers; the others (their printed condition
   * does not hold) are shown greyed and need no answer.
   */
  reached: ReadonlySet<string>;
  /** What to answer before the variant's domains appear (RoB 2's study design), if anything. */
  variantPrompt: string | null;
}

function inactiveReason(
  definition: ChecklistDefinition,
  section: ChecklistSection,
  stopped: boolean,
): string {
  // A screening stop leaves out every section after it: section C as well as the domains.
  if (stopped) return 'Not assessed: the screening answers stopped the assessment.';
  const [chooserId] = section.activeWhen ? conditionItemIds(section.activeWhen) : [];
  const chooser = checklistItems(definition).find((i) => i.id === chooserId);
  return chooser
    ? `Not assessed for the effect of interest chosen in ${chooser.number}.`
    : 'Not assessed.';
}

/** The unanswered choice that decides which variant's sections apply, if one is still open. */
function openVariantChoice(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistItem | undefined {
  const items = checklistItems(definition);
  for (const section of definition.sections) {
    if (!section.appliesWhen) continue;
    for (const id of conditionItemIds(section.appliesWhen)) {
      const item = items.find((i) => i.id === id);
      if (item && answerFor(item, answers) === undefined) return item;
    }
  }
  return undefined;
}

/**
 * Any checklist's form, from its definition and the answers so far: which sections belong to the
 * variant chosen (RoB 2's study design) and which are assessed (the effect of interest picks
 * ROBINS-I 1a/1b and RoB 2 2a/2b; screening can stop ROBINS-I), which questions are reached, and
 * each domain's judgement by the tool's algorithm, live.
 */
export function checklistFormView(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): FormView {
  const stopped = isStoppedAtScreening(definition, answers);
  const applicable = new Set(applicableSections(definition, answers).map((s) => s.id));
  const active = new Set(activeSections(definition, answers).map((s) => s.id));
  const verdict = checklistVerdict(definition.type, answers);
  const choice = openVariantChoice(definition, answers);
  return {
    stopped,
    reached: reachedItemIds(definition, answers),
    variantPrompt: choice
      ? `Answer “${choice.text}” above to see the domains this assessment has.`
      : null,
    sections: definition.sections.map((section) => {
      const isActive = active.has(section.id);
      const domain = verdict.domains.find((d) => d.domainId === section.id);
      return {
        section,
        shown: applicable.has(section.id),
        active: isActive,
        inactiveReason: isActive ? null : inactiveReason(definition, section, stopped),
        judgement: section.kind !== 'domain' || !isActive ? null : (domain?.judgement ?? 'pending'),
        blocks: isActive ? itemBlocks(section) : [],
      };
    }),
  };
}
