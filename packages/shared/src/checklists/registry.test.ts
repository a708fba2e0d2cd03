import { describe, expect, it } from 'vitest';
import { amstar2Definition } from './amstar2.ts';
import { CHECKLIST_DEFINITIONS, checklistDefinition } from './registry.ts';
import { checklistTypeSchema } from './types.ts';

describe('checklist registry', () => {
  it('every checklist type has a definition of that type', () => {
    for (const type of checklistTypeSchema.options) {
      expect(CHECKLIST_DEFINITIONS[type].type).toBe(type);
    }
  });
  it('AMSTAR2 resolves to the AMSTAR 2 definition', () => {
    expect(checklistDefinition('AMSTAR2')).toBe(amstar2Definition);
  });
  it('rejects unknown checklist types', () => {
    expect(checklistTypeSchema.safeParse('AMSTAR').success).toBe(false);
  });
});
