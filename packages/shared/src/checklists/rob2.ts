import { direction, NA, N, orNA, PN, PY, signalling, Y, YES_NO_NI } from './signalling.ts';
import { answersSchema, type AnswersOf, type ChecklistDefinition, type ItemIdOf } from './types.ts';

/** The preliminary choice of effect of interest, which selects domain 2a or 2b. */
export const ROB2_EFFECT = { assignment: 'assignment', adhering: 'adhering' } as const;

const DIRECTIONS = [
  NA,
  { value: 'favours-experimental', label: 'Favours experimental' },
  { value: 'favours-comparator', label: 'Favours comparator' },
  { value: 'towards-null', label: 'Towards null' },
  { value: 'away-from-null', label: 'Away from null' },
  { value: 'unpredictable', label: 'Unpredictable' },
] as const;

const AWARE_PARTICIPANTS =
  'Were participants aware of their assigned intervention during the trial?';
const AWARE_CARERS =
  "Were carers and people delivering the interventions aware of participants' assigned intervention during the trial?";

/**
 * RoB 2 (Sterne et al., BMJ 2019), the revised Cochrane tool for randomised trials: preliminary
 * considerations (study design, effect of interest, sources) and five bias domains, domain 2 in
 * the variant for the chosen effect. Judgements follow the tool's algorithms (`rob2-scoring.ts`).
 * One assessment is of one result, i.e. one outcome of a trial.
 */
export const rob2Definition = {
  type: 'ROB2',
  version: 1,
  title: 'RoB 2',
  reference:
    'Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk of bias in randomised trials. BMJ 2019;366:l4898.',
  perOutcome: true,
  sections: [
    {
      id: 'preliminary',
      title: 'Preliminary considerations',
      kind: 'preliminary',
      items: [
        signalling('p_design', 'Design', 'Study design', [
          { value: 'parallel', label: 'Individually-randomised parallel-group trial' },
          { value: 'cluster', label: 'Cluster-randomised parallel-group trial' },
          {
            value: 'crossover',
            label: 'Individually-randomised cross-over (or other matched) trial',
          },
        ]),
        signalling('p_effect', 'Effect', 'Which effect of intervention is being assessed?', [
          {
            value: ROB2_EFFECT.assignment,
            label: 'The effect of assignment to intervention (intention-to-treat; domain 2a)',
          },
          {
            value: ROB2_EFFECT.adhering,
            label: 'The effect of adhering to intervention (per-protocol; domain 2b)',
          },
        ]),
        {
          id: 'p_sources',
          number: 'Sources',
          text: 'Which sources were obtained to inform the assessment (journal article, trial protocol, statistical analysis plan, registry record, clinical study report, …)?',
          guidance: '',
          options: [],
          critical: false,
          kind: 'text',
        },
      ],
    },
    {
      id: 'd1',
      title: '1. Bias arising from the randomisation process',
      kind: 'domain',
      items: [
        signalling('d1_1', '1.1', 'Was the allocation sequence random?', YES_NO_NI),
        signalling(
          'd1_2',
          '1.2',
          'Was the allocation sequence concealed until participants were enrolled and assigned to interventions?',
          YES_NO_NI,
        ),
        signalling(
          'd1_3',
          '1.3',
          'Did baseline differences between intervention groups suggest a problem with the randomisation process?',
          YES_NO_NI,
        ),
        direction('d1', DIRECTIONS),
      ],
    },
    {
      id: 'd2a',
      title: '2. Bias due to deviations from intended interventions (effect of assignment)',
      kind: 'domain',
      activeWhen: { itemId: 'p_effect', values: [ROB2_EFFECT.assignment] },
      items: [
        signalling('d2a_1', '2.1', AWARE_PARTICIPANTS, YES_NO_NI),
        signalling('d2a_2', '2.2', AWARE_CARERS, YES_NO_NI),
        signalling(
          'd2a_3',
          '2.3',
          'Were there deviations from the intended intervention that arose because of the trial context?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY/NI to 2.1 or 2.2' },
        ),
        signalling(
          'd2a_4',
          '2.4',
          'Were these deviations likely to have affected the outcome?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY to 2.3' },
        ),
        signalling(
          'd2a_5',
          '2.5',
          'Were these deviations from intended intervention balanced between groups?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY/NI to 2.4' },
        ),
        signalling(
          'd2a_6',
          '2.6',
          'Was an appropriate analysis used to estimate the effect of assignment to intervention?',
          YES_NO_NI,
        ),
        signalling(
          'd2a_7',
          '2.7',
          'Was there potential for a substantial impact (on the result) of the failure to analyse participants in the group to which they were randomised?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to 2.6' },
        ),
        direction('d2a', DIRECTIONS),
      ],
    },
    {
      id: 'd2b',
      title: '2. Bias due to deviations from intended interventions (effect of adhering)',
      kind: 'domain',
      activeWhen: { itemId: 'p_effect', values: [ROB2_EFFECT.adhering] },
      items: [
        signalling('d2b_1', '2.1', AWARE_PARTICIPANTS, YES_NO_NI),
        signalling('d2b_2', '2.2', AWARE_CARERS, YES_NO_NI),
        signalling(
          'd2b_3',
          '2.3',
          'Were important non-protocol interventions balanced across intervention groups?',
          orNA(YES_NO_NI),
          { askedWhen: '[If applicable:] If Y/PY/NI to 2.1 or 2.2' },
        ),
        signalling(
          'd2b_4',
          '2.4',
          'Were there failures in implementing the intervention that could have affected the outcome?',
          orNA(YES_NO_NI),
          { askedWhen: '[If applicable]' },
        ),
        signalling(
          'd2b_5',
          '2.5',
          "Was there non-adherence to the assigned intervention regimen that could have affected participants' outcomes?",
          orNA(YES_NO_NI),
          { askedWhen: '[If applicable]' },
        ),
        signalling(
          'd2b_6',
          '2.6',
          'Was an appropriate analysis used to estimate the effect of adhering to the intervention?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to 2.3, or Y/PY/NI to 2.4 or 2.5' },
        ),
        direction('d2b', DIRECTIONS),
      ],
    },
    {
      id: 'd3',
      title: '3. Bias due to missing outcome data',
      kind: 'domain',
      items: [
        signalling(
          'd3_1',
          '3.1',
          'Were data for this outcome available for all, or nearly all, participants randomised?',
          YES_NO_NI,
        ),
        signalling(
          'd3_2',
          '3.2',
          'Is there evidence that the result was not biased by missing outcome data?',
          [NA, Y, PY, PN, N],
          { askedWhen: 'If N/PN/NI to 3.1' },
        ),
        signalling(
          'd3_3',
          '3.3',
          'Could missingness in the outcome depend on its true value?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN to 3.2' },
        ),
        signalling(
          'd3_4',
          '3.4',
          'Is it likely that missingness in the outcome depended on its true value?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY/NI to 3.3' },
        ),
        direction('d3', DIRECTIONS),
      ],
    },
    {
      id: 'd4',
      title: '4. Bias in measurement of the outcome',
      kind: 'domain',
      items: [
        signalling(
          'd4_1',
          '4.1',
          'Was the method of measuring the outcome inappropriate?',
          YES_NO_NI,
        ),
        signalling(
          'd4_2',
          '4.2',
          'Could measurement or ascertainment of the outcome have differed between intervention groups?',
          YES_NO_NI,
        ),
        signalling(
          'd4_3',
          '4.3',
          'Were outcome assessors aware of the intervention received by study participants?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to 4.1 and 4.2' },
        ),
        signalling(
          'd4_4',
          '4.4',
          'Could assessment of the outcome have been influenced by knowledge of intervention received?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY/NI to 4.3' },
        ),
        signalling(
          'd4_5',
          '4.5',
          'Is it likely that assessment of the outcome was influenced by knowledge of intervention received?',
          orNA(YES_NO_NI),
          { askedWhen: 'If Y/PY/NI to 4.4' },
        ),
        direction('d4', DIRECTIONS),
      ],
    },
    {
      id: 'd5',
      title: '5. Bias in selection of the reported result',
      kind: 'domain',
      items: [
        signalling(
          'd5_1',
          '5.1',
          'Were the data that produced this result analysed in accordance with a pre-specified analysis plan that was finalised before unblinded outcome data were available for analysis?',
          YES_NO_NI,
        ),
        signalling(
          'd5_2',
          '5.2',
          'Is the numerical result being assessed likely to have been selected, on the basis of the results, from multiple eligible outcome measurements (e.g. scales, definitions, time points) within the outcome domain?',
          YES_NO_NI,
        ),
        signalling(
          'd5_3',
          '5.3',
          'Is the numerical result being assessed likely to have been selected, on the basis of the results, from multiple eligible analyses of the data?',
          YES_NO_NI,
        ),
        direction('d5', DIRECTIONS),
      ],
    },
  ],
} as const satisfies ChecklistDefinition;

/** Item ids of RoB 2 (`p_design`, `p_effect`, `d1_1`, …, `d5_dir`). */
export type Rob2ItemId = ItemIdOf<typeof rob2Definition>;

/** RoB 2 answers: each item id maps to one of that item's option values. */
export type Rob2Answers = AnswersOf<typeof rob2Definition>;

/** Validates RoB 2 answers: unknown item ids and options an item does not offer are rejected. */
export const rob2AnswersSchema = answersSchema(rob2Definition);
