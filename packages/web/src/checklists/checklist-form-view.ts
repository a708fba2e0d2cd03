import {
  type ChecklistAnswers,
  type ChecklistDefinition,
  type ChecklistSection,
  type Judgement,
  activeSections,
  checklistItems,
  checklistVerdict,
  isStoppedAtScreening,
} from '@corates/shared';
import { type ItemBlock, itemBlocks } from './checklist-layout.ts';

/** One section as the form shows it. */
export interface FormSectionView {
  section: ChecklistSection;
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
}

function inactiveReason(
  definition: ChecklistDefinition,
  section: ChecklistSection,
  stopped: boolean,
): string {
  if (stopped && section.kind === 'domain')
    return 'Not assessed: the screening answers stopped the assessment.';
  const chooser = checklistItems(definition).find((i) => i.id === section.activeWhen?.itemId);
  return chooser
    ? `Not assessed for the effect of interest chosen in ${chooser.number}.`
    : 'Not assessed.';
}

/**
 * Any checklist's form, from its definition and the answers so far: which sections are assessed
 * (the effect of interest picks ROBINS-I 1a/1b and RoB 2 2a/2b; screening can stop ROBINS-I), and
 * each domain's judgement by the tool's algorithm, live.
 */
export function checklistFormView(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): FormView {
  const stopped = isStoppedAtScreening(definition, answers);
  const active = new Set(activeSections(definition, answers).map((s) => s.id));
  const verdict = checklistVerdict(definition.type, answers);
  return {
    stopped,
    sections: definition.sections.map((section) => {
      const isActive = active.has(section.id);
      const domain = verdict.domains.find((d) => d.domainId === section.id);
      return {
        section,
        active: isActive,
        inactiveReason: isActive ? null : inactiveReason(definition, section, stopped),
        judgement: section.kind !== 'domain' || !isActive ? null : (domain?.judgement ?? 'pending'),
        blocks: isActive ? itemBlocks(section) : [],
      };
    }),
  };
}
