import {
  allOf,
  answered,
  anyOf,
  direction,
  GRADED_NO,
  GRADED_YES,
  orNA,
  signalling,
  YES_NO,
  YES_NO_NI,
} from './signalling.ts';
import { answersSchema, type AnswersOf, type ChecklistDefinition, type ItemIdOf } from './types.ts';

/** Section C's choice: the effect of interest, which selects domain 1a or 1b. */
export const ROBINS_I_EFFECT = { itt: 'itt', perProtocol: 'per-protocol' } as const;

const DIRECTIONS = [
  { value: 'upward', label: 'Upward bias (overestimates the effect)' },
  { value: 'downward', label: 'Downward bias (underestimates the effect)' },
  { value: 'favours-intervention', label: 'Favours intervention' },
  { value: 'favours-comparator', label: 'Favours comparator' },
  { value: 'towards-null', label: 'Towards null' },
  { value: 'away-from-null', label: 'Away from null' },
  { value: 'unpredictable', label: 'Unpredictable' },
] as const;

// Uncontrolled confounding biases an estimate up or down; "towards null" and the like do not apply.
const CONFOUNDING_DIRECTIONS = [DIRECTIONS[0], DIRECTIONS[1], DIRECTIONS[6]] as const;

/**
 * "Item `itemId` is answered with one of `codes`", as a ROBINS-I condition prints it. "NA is
 * treated as NI in the algorithms", so a condition that names NI holds for NA too: otherwise a
 * question the algorithm goes on to after an NA (2.3 after 2.2 NA) would not be asked.
 */
const when = (itemId: string, ...codes: readonly string[]) =>
  answered(itemId, ...codes, ...(codes.includes('NI') ? ['NA'] : []));

// "If N/PN/NI to 4.1, 4.2 or 4.3": some data are (or may be) missing.
const ANY_DATA_MISSING = anyOf(...['d4_1', 'd4_2', 'd4_3'].map((id) => when(id, 'N', 'PN', 'NI')));

const PART_A = { id: 'd3a', number: 'A', title: 'Prevalent user bias and immortal time' } as const;
const PART_B = { id: 'd3b', number: 'B', title: 'Other types of selection bias' } as const;
const PART_C = {
  id: 'd3c',
  number: 'C',
  title: 'Analysis, sensitivity analyses and severity of the problem',
} as const;

/**
 * The ROBINS-I V2 release whose questions and decision algorithms the app follows, as named in the
 * checklist, its summary and the results export.
 */
export const ROBINS_I_RELEASE = 'ROBINS-I V2 (20 November 2025 release, robins-i.org)';

/**
 * ROBINS-I V2 (Sterne, Higgins et al.), version for follow-up (cohort-type) studies: screening
 * questions B1–B3 that can stop the assessment, the effect of interest (section C, choosing domain
 * 1a or 1b), and six bias domains whose judgements follow the tool's decision algorithms
 * (`robins-i-scoring.ts`). One assessment is of one result, i.e. one outcome of a study.
 */
export const robinsIDefinition = {
  type: 'ROBINS_I',
  // 2: 4.11 no longer offers NI (the 20 November 2025 release).
  // 3: each conditional question carries its printed condition as data (`askedIf`): questions
  // not asked are greyed, not required, not counted and not exported, and a B2 answer left after
  // B1 Y/PY (B2 is asked "If N/PN to B1") no longer stops the assessment. Item ids and option
  // values are unchanged; the form no longer offers a conditional question's NA.
  version: 3,
  title: 'ROBINS-I V2',
  release: ROBINS_I_RELEASE,
  reference:
    'Sterne JAC, Higgins JPT, et al. Risk Of Bias In Non-randomized Studies - of Interventions, Version 2 (ROBINS-I V2). riskofbias.info, 2024-2025.',
  perOutcome: true,
  stopWhen: [
    { itemId: 'b2', values: ['Y', 'PY'] },
    { itemId: 'b3', values: ['Y', 'PY'] },
  ],
  sections: [
    {
      id: 'result',
      title: 'A. The result being assessed',
      kind: 'preliminary',
      items: [
        {
          id: 'a1',
          number: 'A1',
          text: 'Specify the numerical result being assessed, and where it is reported.',
          guidance: 'For example "OR 1.52 (95% CI 0.83 to 2.77), Table 3".',
          options: [],
          critical: false,
          kind: 'text',
        },
      ],
    },
    {
      id: 'screening',
      title: 'B. Decide whether to proceed with a risk-of-bias assessment',
      kind: 'screening',
      items: [
        signalling(
          'b1',
          'B1',
          'Did the authors make any attempt to control for confounding in the result being assessed?',
          YES_NO,
        ),
        signalling(
          'b2',
          'B2',
          'Is there sufficient potential for confounding that an unadjusted result should not be considered further?',
          orNA(YES_NO),
          {
            askedWhen: 'If N/PN to B1',
            askedIf: when('b1', 'N', 'PN'),
            guidance:
              'Y/PY: the result is at critical risk of bias and no further assessment is needed.',
          },
        ),
        signalling('b3', 'B3', 'Was the method of measuring the outcome inappropriate?', YES_NO, {
          guidance:
            'Y/PY: the result is at critical risk of bias and no further assessment is needed.',
        }),
      ],
    },
    {
      id: 'effect',
      title: 'C. The target trial and the effect of interest',
      kind: 'preliminary',
      items: [
        signalling(
          'c4',
          'C4',
          'Did the analysis account for switches between the intervention strategies during follow-up, or for other deviations from them?',
          [
            {
              value: ROBINS_I_EFFECT.itt,
              label: 'No: the analysis estimates the intention-to-treat effect (domain 1a)',
            },
            {
              value: ROBINS_I_EFFECT.perProtocol,
              label: 'Yes: the analysis estimates the per-protocol effect (domain 1b)',
            },
          ],
        ),
      ],
    },
    {
      id: 'd1a',
      title: '1. Bias due to confounding (intention-to-treat effect: baseline confounding)',
      kind: 'domain',
      activeWhen: { itemId: 'c4', values: [ROBINS_I_EFFECT.itt] },
      items: [
        signalling(
          'd1a_1',
          '1.1',
          'Did the authors control for all the important confounding factors for which this was necessary?',
          GRADED_NO,
        ),
        signalling(
          'd1a_2',
          '1.2',
          'Were confounding factors that were controlled for (and for which control was necessary) measured validly and reliably by the variables available in this study?',
          orNA(GRADED_NO),
          { askedWhen: 'If Y/PY/WN to 1.1', askedIf: when('d1a_1', 'Y', 'PY', 'WN') },
        ),
        signalling(
          'd1a_3',
          '1.3',
          'Did the authors control for any variables measured after the start of intervention that could have been affected by the intervention?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY/WN to 1.1', askedIf: when('d1a_1', 'Y', 'PY', 'WN') },
        ),
        signalling(
          'd1a_4',
          '1.4',
          'Did the use of negative controls, quantitative bias analysis or other considerations suggest serious uncontrolled confounding?',
          YES_NO,
        ),
        direction('d1a', CONFOUNDING_DIRECTIONS),
      ],
    },
    {
      id: 'd1b',
      title:
        '1. Bias due to confounding (per-protocol effect: baseline and time-varying confounding)',
      kind: 'domain',
      activeWhen: { itemId: 'c4', values: [ROBINS_I_EFFECT.perProtocol] },
      items: [
        signalling(
          'd1b_1',
          '1.1',
          'Did the authors use an analysis method that was appropriate to control for time-varying as well as baseline confounding?',
          YES_NO_NI,
        ),
        signalling(
          'd1b_2',
          '1.2',
          'Did the authors control for all the important baseline and time-varying confounding factors for which this was necessary?',
          orNA(GRADED_NO),
          { askedWhen: 'If Y/PY to 1.1', askedIf: when('d1b_1', 'Y', 'PY') },
        ),
        signalling(
          'd1b_3',
          '1.3',
          'Were confounding factors that were controlled for (and for which control was necessary) measured validly and reliably by the variables available in this study?',
          orNA(GRADED_NO),
          { askedWhen: 'If Y/PY/WN to 1.2', askedIf: when('d1b_2', 'Y', 'PY', 'WN') },
        ),
        signalling(
          'd1b_4',
          '1.4',
          'Did the authors control for time-varying factors or other variables measured after the start of intervention?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to 1.1', askedIf: when('d1b_1', 'N', 'PN', 'NI') },
        ),
        signalling(
          'd1b_5',
          '1.5',
          'Did the use of negative controls, or other considerations, suggest serious uncontrolled confounding?',
          YES_NO,
        ),
        direction('d1b', CONFOUNDING_DIRECTIONS),
      ],
    },
    {
      id: 'd2',
      title: '2. Bias in classification of interventions',
      kind: 'domain',
      items: [
        signalling(
          'd2_1',
          '2.1',
          'Were the intervention strategies distinguishable at the time when follow-up would have started in the target trial?',
          YES_NO_NI,
        ),
        signalling(
          'd2_2',
          '2.2',
          'Did all or nearly all outcome events occur after the intervention and comparator strategies could be distinguished?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to 2.1', askedIf: when('d2_1', 'N', 'PN', 'NI') },
        ),
        signalling(
          'd2_3',
          '2.3',
          'Did the analysis avoid problems arising from intervention strategies that are not distinguishable at the start of follow-up?',
          orNA(GRADED_YES),
          { askedWhen: 'If N/PN/NI to 2.2', askedIf: when('d2_2', 'N', 'PN', 'NI') },
        ),
        signalling(
          'd2_4',
          '2.4',
          'Was classification of intervention status influenced by knowledge of the outcome or risk of the outcome?',
          GRADED_YES,
        ),
        signalling(
          'd2_5',
          '2.5',
          'Were further classification errors (not influenced by knowledge of the outcome or risk of the outcome) likely?',
          YES_NO_NI,
        ),
        direction('d2', DIRECTIONS),
      ],
    },
    {
      id: 'd3',
      title: '3. Bias in selection of participants into the study (or into the analysis)',
      kind: 'domain',
      items: [
        signalling(
          'd3_1',
          '3.1',
          'Did follow-up in the analysis begin at the start of the intervention strategies being compared?',
          GRADED_NO,
          { group: PART_A },
        ),
        signalling(
          'd3_2',
          '3.2',
          'Were outcome events during a period of follow-up after the start of the interventions excluded from the analysis?',
          orNA(YES_NO_NI),
          { group: PART_A, askedWhen: 'If Y/PY to 3.1', askedIf: when('d3_1', 'Y', 'PY') },
        ),
        signalling(
          'd3_3',
          '3.3',
          'Was selection of participants into the study (or into the analysis) based on participant characteristics observed after the start of intervention (beyond the situations in 3.1 and 3.2)?',
          YES_NO_NI,
          { group: PART_B },
        ),
        signalling(
          'd3_4',
          '3.4',
          'Were the post-intervention variables that influenced selection likely to be associated with intervention?',
          orNA(YES_NO_NI),
          { group: PART_B, askedWhen: 'If Y/PY to 3.3', askedIf: when('d3_3', 'Y', 'PY') },
        ),
        signalling(
          'd3_5',
          '3.5',
          'Were the post-intervention variables that influenced selection likely to be influenced by the outcome or a cause of the outcome?',
          orNA(YES_NO_NI),
          { group: PART_B, askedWhen: 'If Y/PY to 3.4', askedIf: when('d3_4', 'Y', 'PY') },
        ),
        signalling(
          'd3_6',
          '3.6',
          'Is it likely that the analysis corrected for all of the potential selection biases identified above?',
          orNA(YES_NO_NI),
          {
            group: PART_C,
            askedWhen: 'If SN to 3.1, or Y/PY to 3.5',
            askedIf: anyOf(when('d3_1', 'SN'), when('d3_5', 'Y', 'PY')),
          },
        ),
        signalling(
          'd3_7',
          '3.7',
          'Did sensitivity analyses demonstrate that the likely impact of the potential selection biases identified above was minimal?',
          orNA(YES_NO_NI),
          {
            group: PART_C,
            askedWhen: 'If N/PN/NI to 3.6',
            askedIf: when('d3_6', 'N', 'PN', 'NI'),
          },
        ),
        signalling(
          'd3_8',
          '3.8',
          'Were the potential selection biases identified above sufficiently severe that the result should not be included in a quantitative synthesis?',
          orNA(YES_NO_NI),
          {
            group: PART_C,
            askedWhen: 'If N/PN/NI to 3.7',
            askedIf: when('d3_7', 'N', 'PN', 'NI'),
          },
        ),
        direction('d3', DIRECTIONS),
      ],
    },
    {
      id: 'd4',
      title: '4. Bias due to missing data',
      kind: 'domain',
      items: [
        signalling(
          'd4_1',
          '4.1',
          'Were complete data on intervention status available for all, or nearly all, participants?',
          YES_NO_NI,
        ),
        signalling(
          'd4_2',
          '4.2',
          'Were complete data on the outcome available for all, or nearly all, participants?',
          YES_NO_NI,
        ),
        signalling(
          'd4_3',
          '4.3',
          'Were complete data on important confounding variables available for all, or nearly all, participants?',
          YES_NO_NI,
        ),
        signalling(
          'd4_4',
          '4.4',
          'Is the result based on a complete-case analysis?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to 4.1, 4.2 or 4.3', askedIf: ANY_DATA_MISSING },
        ),
        signalling(
          'd4_5',
          '4.5',
          'Was exclusion from the analysis because of missing data (in intervention, confounders or the outcome) likely to be related to the true value of the outcome?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY/NI to 4.4', askedIf: when('d4_4', 'Y', 'PY', 'NI') },
        ),
        signalling(
          'd4_6',
          '4.6',
          'Is the relationship between the outcome and missingness likely to be explained by the variables in the analysis model?',
          orNA(GRADED_NO),
          { askedWhen: 'If Y/PY/NI to 4.5', askedIf: when('d4_5', 'Y', 'PY', 'NI') },
        ),
        signalling(
          'd4_7',
          '4.7',
          'Was the analysis based on imputing missing values?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN to 4.4', askedIf: when('d4_4', 'N', 'PN') },
        ),
        signalling(
          'd4_8',
          '4.8',
          "Is it reasonable to assume that data were 'missing at random' (MAR) or 'missing completely at random' (MCAR)?",
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY to 4.7', askedIf: when('d4_7', 'Y', 'PY') },
        ),
        signalling('d4_9', '4.9', 'Was imputation performed appropriately?', orNA(GRADED_NO), {
          askedWhen: 'If Y/PY to 4.8',
          askedIf: when('d4_8', 'Y', 'PY'),
        }),
        signalling(
          'd4_10',
          '4.10',
          'Was an appropriate alternative method used to correct for bias due to missing data?',
          orNA(GRADED_NO),
          { askedWhen: 'If N/PN/NI to 4.7', askedIf: when('d4_7', 'N', 'PN', 'NI') },
        ),
        signalling(
          'd4_11',
          '4.11',
          'Is there evidence that the result was not biased by missing data?',
          // The tool offers no "no information" here ([RI-D4-48]).
          orNA(YES_NO),
          {
            askedWhen:
              'If N/PN/NI to 4.1, 4.2 or 4.3 AND (Y/PY/NI to 4.5 OR WN/SN/NI to 4.9 OR WN/SN/NI to 4.10)',
            askedIf: allOf(
              ANY_DATA_MISSING,
              anyOf(
                when('d4_5', 'Y', 'PY', 'NI'),
                when('d4_9', 'WN', 'SN', 'NI'),
                when('d4_10', 'WN', 'SN', 'NI'),
              ),
            ),
          },
        ),
        direction('d4', DIRECTIONS),
      ],
    },
    {
      id: 'd5',
      title: '5. Bias in measurement of the outcome',
      kind: 'domain',
      items: [
        signalling(
          'd5_1',
          '5.1',
          'Could measurement or ascertainment of the outcome have differed between intervention groups?',
          YES_NO_NI,
        ),
        signalling(
          'd5_2',
          '5.2',
          'Were outcome assessors aware of the intervention received by study participants?',
          YES_NO_NI,
        ),
        signalling(
          'd5_3',
          '5.3',
          'Could assessment of the outcome have been influenced by knowledge of the intervention received?',
          orNA(GRADED_YES),
          { askedWhen: 'If Y/PY/NI to 5.2', askedIf: when('d5_2', 'Y', 'PY', 'NI') },
        ),
        direction('d5', DIRECTIONS),
      ],
    },
    {
      id: 'd6',
      title: '6. Bias in selection of the reported result',
      kind: 'domain',
      items: [
        signalling(
          'd6_1',
          '6.1',
          'Was the result reported in accordance with an available, pre-determined analysis plan?',
          YES_NO_NI,
        ),
        signalling(
          'd6_2',
          '6.2',
          'Is the numerical result being assessed likely to have been selected, on the basis of the results, from multiple outcome measurements (e.g. scales, definitions, time points) within the outcome domain?',
          YES_NO_NI,
        ),
        signalling(
          'd6_3',
          '6.3',
          'Is the numerical result being assessed likely to have been selected, on the basis of the results, from multiple analyses of the data?',
          YES_NO_NI,
        ),
        signalling(
          'd6_4',
          '6.4',
          'Is the numerical result being assessed likely to have been selected, on the basis of the results, from different subgroups?',
          YES_NO_NI,
        ),
        direction('d6', DIRECTIONS),
      ],
    },
  ],
} as const satisfies ChecklistDefinition;

/** Item ids of ROBINS-I V2 (`b1`, `c4`, `d1a_1`, …, `d6_dir`). */
export type RobinsIItemId = ItemIdOf<typeof robinsIDefinition>;

/** ROBINS-I V2 answers: each item id maps to one of that item's option values. */
export type RobinsIAnswers = AnswersOf<typeof robinsIDefinition>;

/** Validates ROBINS-I V2 answers: unknown item ids and options an item does not offer are rejected. */
export const robinsIAnswersSchema = answersSchema(robinsIDefinition);
