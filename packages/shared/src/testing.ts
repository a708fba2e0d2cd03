/**
 * Answer sets that tests in every package build on (`@corates/shared/testing`). Not part of the
 * app: nothing under src/ outside tests imports it.
 */
import type { Rob2Answers } from './checklists/rob2.ts';
import type { RobinsIAnswers } from './checklists/robins-i.ts';

/** A RoB 2 checklist (parallel trial, effect of assignment) with every domain Low. */
export const ROB2_ALL_LOW: Rob2Answers = {
  p_design: 'parallel',
  p_effect: 'assignment',
  d1_1: 'Y',
  d1_2: 'Y',
  d1_3: 'N',
  d2a_1: 'N',
  d2a_2: 'N',
  d2a_6: 'Y',
  d3_1: 'Y',
  d4_1: 'N',
  d4_2: 'N',
  d4_3: 'N',
  d5_1: 'Y',
  d5_2: 'N',
  d5_3: 'N',
};

/** The same with 1.2 "No" (allocation not concealed): domain 1, so the overall result, is High. */
export const ROB2_HIGH: Rob2Answers = { ...ROB2_ALL_LOW, d1_2: 'N' };

/**
 * A cluster-randomised trial (RoB 2 CRT, effect of assignment) with every domain Low: participants
 * identified before the clusters were randomised (1b.1), unaware they were in a trial (2.1a), as
 * were the outcome assessors (4.3a). Every question reached is answered.
 */
export const ROB2_CLUSTER_ALL_LOW: Rob2Answers = {
  p_design: 'cluster',
  p_effect: 'assignment',
  d1a_1: 'Y',
  d1a_2: 'Y',
  d1a_3: 'N',
  d1b_1: 'Y',
  d1b_3: 'N',
  d2ac_1a: 'N',
  d2ac_2: 'N',
  d2ac_6: 'Y',
  d3c_1a: 'Y',
  d3c_1b: 'Y',
  d4c_1: 'N',
  d4c_2: 'N',
  d4c_3a: 'N',
  d5_1: 'Y',
  d5_2: 'N',
  d5_3: 'N',
};

/**
 * A cross-over trial (effect of assignment) with every domain Low: domains 1-5 as `ROB2_ALL_LOW`,
 * and in domain S sequences of equal size (S.1) and time for carryover to disappear (S.3).
 */
export const ROB2_CROSSOVER_ALL_LOW: Rob2Answers = {
  ...ROB2_ALL_LOW,
  p_design: 'crossover',
  ds_1: 'Y',
  ds_3: 'Y',
};

/**
 * A ROBINS-I V2 assessment (per-protocol effect) that passes screening (B1 Y, B3 N: B2 is not
 * asked) with every domain Low. Every question asked is answered (6.2–6.4 are asked whatever 6.1
 * says, though 6.1 Y already makes domain 6 Low).
 */
export const ROBINS_I_ALL_LOW: RobinsIAnswers = {
  b1: 'Y',
  b3: 'N',
  c4: 'per-protocol',
  d1b_1: 'Y',
  d1b_2: 'Y',
  d1b_3: 'Y',
  d1b_5: 'N',
  d2_1: 'Y',
  d2_4: 'N',
  d2_5: 'N',
  d3_1: 'Y',
  d3_2: 'N',
  d3_3: 'N',
  d4_1: 'Y',
  d4_2: 'Y',
  d4_3: 'Y',
  d5_1: 'N',
  d5_2: 'N',
  d6_1: 'Y',
  d6_2: 'N',
  d6_3: 'N',
  d6_4: 'N',
};

/** RFC 4180 parser for checking exports: quoted fields, doubled quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}
