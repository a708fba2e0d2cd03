import { z } from 'zod';
import { answersSchema, type AnswersOf, type ChecklistDefinition, type ItemIdOf } from './types.ts';

/**
 * Answer codes used by AMSTAR 2 items. `no-ma` is "No meta-analysis conducted";
 * `only-other-design` is "Includes only NRSI" on item 9a and "Includes only RCTs" on item 9b.
 */
export const amstar2ValueSchema = z.enum([
  'yes',
  'partial-yes',
  'no',
  'no-ma',
  'only-other-design',
]);
export type Amstar2Value = z.infer<typeof amstar2ValueSchema>;

const YES = { value: 'yes', label: 'Yes' } as const;
const PARTIAL_YES = { value: 'partial-yes', label: 'Partial Yes' } as const;
const NO = { value: 'no', label: 'No' } as const;
const NO_MA = { value: 'no-ma', label: 'No meta-analysis conducted' } as const;

const YES_NO = [YES, NO] as const;
const YES_PARTIAL_NO = [YES, PARTIAL_YES, NO] as const;
const YES_NO_NO_MA = [YES, NO, NO_MA] as const;

const Q9 = { id: 'q9', number: '9', title: 'Risk-of-bias assessment' } as const;
const Q11 = { id: 'q11', number: '11', title: 'Meta-analysis methods' } as const;

/**
 * AMSTAR 2 (Shea et al., BMJ 2017): 16 items, with items 9 and 11 each split into a part for
 * randomised controlled trials (a) and one for non-randomised studies of interventions (b).
 * Only the final judgement of each item is recorded; the published form's intermediate criteria
 * columns are summarised in the guidance.
 */
export const amstar2Definition = {
  type: 'AMSTAR2',
  version: 1,
  title: 'AMSTAR 2',
  reference:
    'Shea BJ, Reeves BC, Wells G, et al. AMSTAR 2: a critical appraisal tool for systematic reviews that include randomised or non-randomised studies of healthcare interventions, or both. BMJ 2017;358:j4008.',
  sections: [
    {
      id: 'items',
      title: 'AMSTAR 2 items',
      items: [
        {
          id: 'q1',
          number: '1',
          text: 'Did the research question and the inclusion criteria of the review include all PICO components (population, intervention, comparator, outcome)?',
          guidance:
            'Yes: population, intervention, comparator and outcome are all stated. A follow-up timeframe is recommended but not required.',
          options: YES_NO,
          critical: false,
        },
        {
          id: 'q2',
          number: '2',
          text: 'Was a protocol for the review methods established before the review was conducted, and are any significant deviations from it justified?',
          guidance:
            'Partial Yes: a written protocol or guide covering the review question, search strategy, inclusion/exclusion criteria and risk-of-bias assessment. Yes: in addition, the protocol was registered, planned the synthesis and the investigation of heterogeneity, and deviations are justified.',
          options: YES_PARTIAL_NO,
          critical: true,
        },
        {
          id: 'q3',
          number: '3',
          text: 'Did the review authors explain why they chose the study designs eligible for inclusion?',
          guidance:
            'Yes: the review explains why it includes only RCTs, only NRSI, or both designs.',
          options: YES_NO,
          critical: false,
        },
        {
          id: 'q4',
          number: '4',
          text: 'Did the review authors search the literature comprehensively?',
          guidance:
            'Partial Yes: at least two relevant databases, keywords or search strategy reported, publication restrictions (e.g. language) justified. Yes: in addition, reference lists of included studies, trial registries, content experts and grey literature were searched, within 24 months of the review being completed.',
          options: YES_PARTIAL_NO,
          critical: true,
        },
        {
          id: 'q5',
          number: '5',
          text: 'Was study selection performed in duplicate, by at least two reviewers independently?',
          guidance:
            'Yes: two reviewers selected studies independently and reached consensus, or two reviewers screened a sample with good agreement (at least 80%) and one screened the rest.',
          options: YES_NO,
          critical: false,
        },
        {
          id: 'q6',
          number: '6',
          text: 'Was data extraction performed in duplicate, by at least two reviewers independently?',
          guidance:
            'Yes: two reviewers agreed on the data to extract, or two reviewers extracted a sample with good agreement (at least 80%) and one extracted the rest.',
          options: YES_NO,
          critical: false,
        },
        {
          id: 'q7',
          number: '7',
          text: 'Did the review authors provide a list of the excluded studies and justify each exclusion?',
          guidance:
            'Partial Yes: a list of all potentially relevant studies read in full text but excluded. Yes: in addition, the reason for excluding each one.',
          options: YES_PARTIAL_NO,
          critical: true,
        },
        {
          id: 'q8',
          number: '8',
          text: 'Did the review authors describe the included studies in adequate detail?',
          guidance:
            'Partial Yes: populations, interventions, comparators, outcomes and research designs described. Yes: all of these in detail, plus study setting and follow-up timeframe.',
          options: YES_PARTIAL_NO,
          critical: false,
        },
        {
          id: 'q9a',
          number: '9a',
          text: 'For randomised controlled trials: did the review authors use a satisfactory technique to assess the risk of bias in the individual included trials?',
          guidance:
            'Partial Yes: risk of bias from unconcealed allocation and from lack of blinding of patients and outcome assessors was assessed. Yes: in addition, from a non-random allocation sequence and from selection of the reported result. Choose "Includes only NRSI" when the review has no RCTs.',
          options: [
            YES,
            PARTIAL_YES,
            NO,
            { value: 'only-other-design', label: 'Includes only NRSI' },
          ],
          critical: true,
          group: Q9,
        },
        {
          id: 'q9b',
          number: '9b',
          text: 'For non-randomised studies of interventions: did the review authors use a satisfactory technique to assess the risk of bias in the individual included studies?',
          guidance:
            'Partial Yes: risk of bias from confounding and from selection bias was assessed. Yes: in addition, from the methods used to ascertain exposures and outcomes and from selection of the reported result. Choose "Includes only RCTs" when the review has no NRSI.',
          options: [
            YES,
            PARTIAL_YES,
            NO,
            { value: 'only-other-design', label: 'Includes only RCTs' },
          ],
          critical: true,
          group: Q9,
        },
        {
          id: 'q10',
          number: '10',
          text: 'Did the review authors report the sources of funding of the individual included studies?',
          guidance:
            'Yes: funding sources of the included studies are reported, or the authors report looking for them when the studies did not state them.',
          options: YES_NO,
          critical: false,
        },
        {
          id: 'q11a',
          number: '11a',
          text: 'For randomised controlled trials: if a meta-analysis was performed, did the review authors combine the results of the trials with appropriate statistical methods?',
          guidance:
            'Yes: pooling is justified, an appropriate weighted technique is used with adjustment for heterogeneity if present, and causes of heterogeneity are investigated.',
          options: YES_NO_NO_MA,
          critical: true,
          group: Q11,
        },
        {
          id: 'q11b',
          number: '11b',
          text: 'For non-randomised studies of interventions: if a meta-analysis was performed, did the review authors combine the results of the studies with appropriate statistical methods?',
          guidance:
            'Yes: as for RCTs, and effect estimates adjusted for confounding are pooled (or pooling raw data is justified), with separate summary estimates when both RCTs and NRSI are included.',
          options: YES_NO_NO_MA,
          critical: true,
          group: Q11,
        },
        {
          id: 'q12',
          number: '12',
          text: 'If a meta-analysis was performed, did the review authors assess how the risk of bias in individual studies could affect the pooled results?',
          guidance:
            'Yes: only low risk-of-bias RCTs were pooled, or analyses investigated the impact of risk of bias on the summary estimates.',
          options: YES_NO_NO_MA,
          critical: false,
        },
        {
          id: 'q13',
          number: '13',
          text: 'Did the review authors take the risk of bias in individual studies into account when interpreting or discussing the results?',
          guidance:
            'Yes: only low risk-of-bias RCTs were included, or the likely impact of risk of bias on the results is discussed.',
          options: YES_NO,
          critical: true,
        },
        {
          id: 'q14',
          number: '14',
          text: 'Did the review authors satisfactorily explain and discuss any heterogeneity observed in the results?',
          guidance:
            'Yes: there was no significant heterogeneity, or its possible sources were investigated and their impact on the results discussed.',
          options: YES_NO,
          critical: false,
        },
        {
          id: 'q15',
          number: '15',
          text: 'If a quantitative synthesis was performed, did the review authors adequately investigate publication bias (small-study bias) and discuss its likely impact on the results?',
          guidance:
            'Yes: graphical or statistical tests for publication bias were performed and the likelihood and size of its impact discussed.',
          options: YES_NO_NO_MA,
          critical: true,
        },
        {
          id: 'q16',
          number: '16',
          text: 'Did the review authors report any potential sources of conflict of interest, including any funding they received for the review?',
          guidance:
            'Yes: the authors report no competing interests, or describe their funding sources and how potential conflicts were managed.',
          options: YES_NO,
          critical: false,
        },
      ],
    },
  ],
} as const satisfies ChecklistDefinition;

/** Item ids of AMSTAR 2 (`q1` … `q16`, with `q9a`/`q9b` and `q11a`/`q11b`). */
export type Amstar2ItemId = ItemIdOf<typeof amstar2Definition>;

/** AMSTAR 2 answers: each item id maps to one of that item's option values. */
export type Amstar2Answers = AnswersOf<typeof amstar2Definition>;

/** Validates AMSTAR 2 answers: unknown item ids and options an item does not offer are rejected. */
export const amstar2AnswersSchema = answersSchema(amstar2Definition);
