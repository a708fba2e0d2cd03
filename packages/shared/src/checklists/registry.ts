import { amstar2Definition } from './amstar2.ts';
import { rob2Definition } from './rob2.ts';
import { robinsIDefinition } from './robins-i.ts';
import type { ChecklistDefinition, ChecklistType } from './types.ts';

/** The definition of each checklist type, for code that only knows a checklist's `type`. */
export const CHECKLIST_DEFINITIONS: Readonly<Record<ChecklistType, ChecklistDefinition>> = {
  AMSTAR2: amstar2Definition,
  ROBINS_I: robinsIDefinition,
  ROB2: rob2Definition,
};

/** The definition of a checklist type. */
export function checklistDefinition(type: ChecklistType): ChecklistDefinition {
  return CHECKLIST_DEFINITIONS[type];
}
