/**
 * Answer sets that tests in every package build on (`@corates/shared/testing`). Not part of the
 * app: nothing under src/ outside tests imports it.
 */
import type { Rob2Answers } from './checklists/rob2.ts';

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
