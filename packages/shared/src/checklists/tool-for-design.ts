import type { StudyDesign } from '../doc/layout.ts';
import { ROB2_DESIGN, rob2Definition } from './rob2.ts';
import { checklistItems, type ChecklistType } from './types.ts';

/** How each study design is named in the app. */
export const STUDY_DESIGN_LABEL: Readonly<Record<StudyDesign, string>> = {
  'systematic-review': 'Systematic review',
  'rct-parallel': 'Randomised trial (individually randomised, parallel group)',
  'rct-cluster': 'Randomised trial (cluster-randomised, parallel group)',
  'rct-crossover': 'Randomised trial (individually randomised, cross-over)',
  nrsi: 'Non-randomised study of interventions',
  other: 'Other design',
};

/** Every tool, in the order the app lists them when none fits better. */
const TOOL_ORDER: readonly ChecklistType[] = ['AMSTAR2', 'ROB2', 'ROBINS_I'];

/** What each tool is for: the line shown beside a tool that is not the recommended one. */
const TOOL_PURPOSE: Readonly<Record<ChecklistType, string>> = {
  AMSTAR2: 'For systematic reviews.',
  ROB2: 'For randomised trials.',
  ROBINS_I: 'For non-randomised studies of interventions.',
};

/** The tool made for each design, and why (the designs with no such tool are left out). */
const RECOMMENDED: Readonly<Partial<Record<StudyDesign, { type: ChecklistType; reason: string }>>> =
  {
    'systematic-review': { type: 'AMSTAR2', reason: 'Recommended for systematic reviews.' },
    'rct-parallel': {
      type: 'ROB2',
      reason: 'Recommended for randomised trials (individually randomised, parallel group).',
    },
    'rct-cluster': {
      type: 'ROB2',
      reason: 'Recommended for randomised trials (RoB 2 for cluster-randomised trials).',
    },
    'rct-crossover': {
      type: 'ROB2',
      reason: 'Recommended for randomised trials (RoB 2 for cross-over trials).',
    },
    nrsi: { type: 'ROBINS_I', reason: 'Recommended for non-randomised studies of interventions.' },
  };

/** RoB 2's preliminary design question (`p_design`) picks the variant; each trial design's answer. */
const ROB2_DESIGN_OF: Readonly<Partial<Record<StudyDesign, string>>> = {
  'rct-parallel': ROB2_DESIGN.parallel,
  'rct-cluster': ROB2_DESIGN.cluster,
  'rct-crossover': ROB2_DESIGN.crossover,
};

/** An answer a new checklist starts with, taken from the study (the reviewer can change it). */
export interface AnswerPreset {
  itemId: string;
  value: string;
  /** The option as the checklist shows it. */
  label: string;
}

/** One tool offered for a study. */
export interface ToolOffer {
  type: ChecklistType;
  recommended: boolean;
  /** One line: why it is recommended, or what the tool is for. */
  reason: string;
  /** Answers a checklist of this tool starts with for this study (RoB 2's design question). */
  presets: AnswerPreset[];
}

export interface ToolChoice {
  /** Every tool, the recommended one (if any) first. */
  offers: ToolOffer[];
  /** When no tool is recommended: what would make one so. */
  hint: string | null;
}

/**
 * The answers a new checklist of `type` starts with for a study of `design`: for RoB 2 and a
 * randomised trial, the design question, so the checklist opens on the variant of the tool that
 * matches the study. Nothing otherwise.
 */
export function presetAnswers(
  type: ChecklistType,
  design: StudyDesign | undefined,
): AnswerPreset[] {
  const value = design === undefined ? undefined : ROB2_DESIGN_OF[design];
  if (type !== 'ROB2' || value === undefined) return [];
  const item = checklistItems(rob2Definition).find((i) => i.id === 'p_design');
  const option = item?.options.find((o) => o.value === value);
  // The definition names every ROB2_DESIGN value; a test holds it to that.
  if (!item || !option) return [];
  return [{ itemId: item.id, value, label: option.label }];
}

/**
 * The tools to offer for a study of `design`, in order: the one made for the design first, marked
 * recommended with the reason, then the others with what each is for. A design with no such tool
 * (`other`) or none set recommends nothing and lists every tool, with a hint when it is unset.
 */
export function toolsForDesign(design: StudyDesign | undefined): ToolChoice {
  const recommended = design === undefined ? undefined : RECOMMENDED[design];
  const offer = (type: ChecklistType): ToolOffer => ({
    type,
    recommended: type === recommended?.type,
    reason: type === recommended?.type ? recommended.reason : TOOL_PURPOSE[type],
    presets: presetAnswers(type, design),
  });
  const order = recommended
    ? [recommended.type, ...TOOL_ORDER.filter((t) => t !== recommended.type)]
    : TOOL_ORDER;
  return {
    offers: order.map(offer),
    hint:
      design === undefined
        ? 'Set the study design to see which tool fits it.'
        : recommended
          ? null
          : 'No tool is made for this design: choose the one that fits the study.',
  };
}
