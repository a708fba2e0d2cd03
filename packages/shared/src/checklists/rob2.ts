import {
  allOf,
  answered,
  anyOf,
  direction,
  NA,
  N,
  orNA,
  PN,
  PY,
  signalling,
  Y,
  YES_NO_NI,
} from './signalling.ts';
import { answersSchema, type AnswersOf, type ChecklistDefinition, type ItemIdOf } from './types.ts';

/** The preliminary choice of effect of interest, which selects domain 2a or 2b. */
export const ROB2_EFFECT = { assignment: 'assignment', adhering: 'adhering' } as const;

/** The preliminary choice of study design, which selects the variant of the tool. */
export const ROB2_DESIGN = {
  parallel: 'parallel',
  cluster: 'cluster',
  crossover: 'crossover',
} as const;

/**
 * The published variant for cluster-randomised trials whose domains 1a, 1b, 2 (effect of
 * assignment), 3 and 4 the app follows: Eldridge S, Campbell MK, Campbell MJ, Drahota AK,
 * Giraudeau B, Reeves BC, Siegfried N, Higgins JPT. Revised Cochrane risk of bias tool for
 * randomized trials (RoB 2): additional considerations for cluster-randomized trials (RoB 2 CRT),
 * version of 18 March 2021, riskofbias.info.
 */
export const ROB2_CLUSTER_RELEASE =
  'RoB 2 for cluster-randomized trials (version of 18 March 2021, riskofbias.info)';

/**
 * The published variant for cross-over trials whose domain S (period and carryover effects) the
 * app follows: Higgins JPT, Li T, Sterne JAC. Revised Cochrane risk of bias tool for randomized
 * trials (RoB 2): additional considerations for crossover trials, version of 18 March 2021,
 * riskofbias.info.
 */
export const ROB2_CROSSOVER_RELEASE =
  'RoB 2 for crossover trials (version of 18 March 2021, riskofbias.info)';

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
const RANDOM_SEQUENCE = 'Was the allocation sequence random?';
const BASELINE_DIFFERENCES =
  'Did baseline differences between intervention groups suggest a problem with the randomisation process?';
const TRIAL_CONTEXT =
  'Were there deviations from the intended intervention that arose because of the trial context?';
const AFFECTED_OUTCOME = 'Were these deviations likely to have affected the outcome?';
const BALANCED = 'Were these deviations from intended intervention balanced between groups?';
const ASSIGNMENT_ANALYSIS =
  'Was an appropriate analysis used to estimate the effect of assignment to intervention?';
const FAILURE_TO_ANALYSE =
  'Was there potential for a substantial impact (on the result) of the failure to analyse participants in the group to which they were randomised?';
const NOT_BIASED_BY_MISSING =
  'Is there evidence that the result was not biased by missing outcome data?';
const COULD_DEPEND = 'Could missingness in the outcome depend on its true value?';
const LIKELY_DEPENDED = 'Is it likely that missingness in the outcome depended on its true value?';
const MEASURING_INAPPROPRIATE = 'Was the method of measuring the outcome inappropriate?';
const MEASUREMENT_DIFFERED =
  'Could measurement or ascertainment of the outcome have differed between intervention groups?';
const ASSESSORS_AWARE =
  'Were outcome assessors aware of the intervention received by study participants?';
const COULD_INFLUENCE =
  'Could assessment of the outcome have been influenced by knowledge of intervention received?';
const LIKELY_INFLUENCED =
  'Is it likely that assessment of the outcome was influenced by knowledge of intervention received?';

const YES_NO_INFO = ['Y', 'PY', 'NI'] as const;
const NO_NO_INFO = ['N', 'PN', 'NI'] as const;

// The study design picks the variant's domains: every domain needs a design.
const ANY_DESIGN = answered('p_design', ...Object.values(ROB2_DESIGN));
const CLUSTER = answered('p_design', ROB2_DESIGN.cluster);
const CROSSOVER = answered('p_design', ROB2_DESIGN.crossover);
// Cross-over trials keep the individually-randomised domains 1-5 and add domain S.
const INDIVIDUAL = answered('p_design', ROB2_DESIGN.parallel, ROB2_DESIGN.crossover);
const ASSIGNMENT = answered('p_effect', ROB2_EFFECT.assignment);
const ADHERING = answered('p_effect', ROB2_EFFECT.adhering);

/**
 * RoB 2 (Sterne et al., BMJ 2019), the revised Cochrane tool for randomised trials: preliminary
 * considerations (study design, effect of interest, sources) and the bias domains of the design's
 * variant, domain 2 in the variant for the chosen effect. An individually-randomised parallel-group
 * trial has domains 1-5; a cluster-randomised trial is assessed with RoB 2 CRT (domain 1 as 1a,
 * domain 1b on the identification and recruitment of participants, and cluster questions in
 * domains 2 (assignment), 3 and 4: `ROB2_CLUSTER_RELEASE`); a cross-over trial with the cross-over
 * variant's domain S on period and carryover effects (`ROB2_CROSSOVER_RELEASE`). Judgements follow
 * the tools' algorithms (`rob2-scoring.ts`). One assessment is of one result, i.e. one outcome.
 *
 * The cluster questions follow a transcription of the RoB 2 CRT cribsheet (18 March 2021): 2.1 is
 * split into 2.1a (aware of being in a trial) and 2.1b, 3.1 into 3.1a (clusters) and 3.1b
 * (participants within clusters), 4.3 into 4.3a (assessors aware a trial was taking place) and
 * 4.3b; domain 2 for the effect of adhering and domain 5 are as for individually-randomised trials.
 * Domain S has the cross-over variant's three questions (sequences of equal size, period effects
 * in the analysis, time for carryover to disappear). The cross-over variant's changes to domains 2
 * and 3 are not encoded (no transcription of them could be checked): a cross-over trial's domains
 * 1-5 have the individually-randomised questions and algorithms.
 */
export const rob2Definition = {
  type: 'ROB2',
  // 2: the study design picks the variant's domains (cluster-randomised: 1a, 1b, cluster
  // questions in 2, 3 and 4; cross-over: domain S). Answers of cluster-randomised checklists
  // written under version 1 to d1_*, d2a_*, d3_* and d4_* are not read by the cluster domains.
  version: 2,
  title: 'RoB 2',
  reference:
    'Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk of bias in randomised trials. BMJ 2019;366:l4898.',
  variants: [
    { when: CLUSTER, release: ROB2_CLUSTER_RELEASE },
    { when: CROSSOVER, release: ROB2_CROSSOVER_RELEASE },
  ],
  perOutcome: true,
  sections: [
    {
      id: 'preliminary',
      title: 'Preliminary considerations',
      kind: 'preliminary',
      items: [
        signalling('p_design', 'Design', 'Study design', [
          { value: ROB2_DESIGN.parallel, label: 'Individually-randomised parallel-group trial' },
          { value: ROB2_DESIGN.cluster, label: 'Cluster-randomised parallel-group trial' },
          {
            value: ROB2_DESIGN.crossover,
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
      appliesWhen: INDIVIDUAL,
      items: [
        signalling('d1_1', '1.1', RANDOM_SEQUENCE, YES_NO_NI),
        signalling(
          'd1_2',
          '1.2',
          'Was the allocation sequence concealed until participants were enrolled and assigned to interventions?',
          YES_NO_NI,
        ),
        signalling('d1_3', '1.3', BASELINE_DIFFERENCES, YES_NO_NI),
        direction('d1', DIRECTIONS),
      ],
    },
    {
      id: 'd1a',
      title: '1a. Bias arising from the randomisation process',
      kind: 'domain',
      appliesWhen: CLUSTER,
      items: [
        signalling('d1a_1', '1a.1', RANDOM_SEQUENCE, YES_NO_NI),
        signalling(
          'd1a_2',
          '1a.2',
          'Was the allocation sequence concealed until clusters were enrolled and assigned to interventions?',
          YES_NO_NI,
        ),
        signalling('d1a_3', '1a.3', BASELINE_DIFFERENCES, YES_NO_NI),
        direction('d1a', DIRECTIONS),
      ],
    },
    {
      id: 'd1b',
      title: '1b. Bias arising from the timing of identification or recruitment of participants',
      kind: 'domain',
      appliesWhen: CLUSTER,
      column: 'D1b',
      items: [
        signalling(
          'd1b_1',
          '1b.1',
          'Were all the individual participants identified and recruited (if appropriate) before randomisation of clusters?',
          YES_NO_NI,
        ),
        signalling(
          'd1b_2',
          '1b.2',
          'Is it likely that selection of individual participants was affected by knowledge of the intervention assigned to the cluster?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to 1b.1', askedIf: answered('d1b_1', ...NO_NO_INFO) },
        ),
        signalling(
          'd1b_3',
          '1b.3',
          'Were there baseline imbalances that suggest differential identification or recruitment of individual participants between intervention groups?',
          YES_NO_NI,
        ),
        direction('d1b', DIRECTIONS),
      ],
    },
    {
      id: 'ds',
      title: 'S. Bias arising from period and carryover effects',
      kind: 'domain',
      appliesWhen: CROSSOVER,
      column: 'DS',
      items: [
        signalling(
          'ds_1',
          'S.1',
          'Was the number of participants allocated to each of the two sequences equal or nearly equal?',
          YES_NO_NI,
        ),
        signalling(
          'ds_2',
          'S.2',
          'Were period effects accounted for in the analysis?',
          orNA(YES_NO_NI),
          { askedWhen: 'If N/PN/NI to S.1', askedIf: answered('ds_1', ...NO_NO_INFO) },
        ),
        signalling(
          'ds_3',
          'S.3',
          'Was there sufficient time for any carryover effects to have disappeared before outcome assessment in the second period?',
          YES_NO_NI,
        ),
        direction('ds', DIRECTIONS, 'S-dir'),
      ],
    },
    {
      id: 'd2a',
      title: '2. Bias due to deviations from intended interventions (effect of assignment)',
      kind: 'domain',
      appliesWhen: INDIVIDUAL,
      activeWhen: ASSIGNMENT,
      items: [
        signalling('d2a_1', '2.1', AWARE_PARTICIPANTS, YES_NO_NI),
        signalling('d2a_2', '2.2', AWARE_CARERS, YES_NO_NI),
        signalling('d2a_3', '2.3', TRIAL_CONTEXT, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 2.1 or 2.2',
          askedIf: anyOf(answered('d2a_1', ...YES_NO_INFO), answered('d2a_2', ...YES_NO_INFO)),
        }),
        signalling('d2a_4', '2.4', AFFECTED_OUTCOME, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY to 2.3',
          askedIf: answered('d2a_3', 'Y', 'PY'),
        }),
        signalling('d2a_5', '2.5', BALANCED, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 2.4',
          askedIf: answered('d2a_4', ...YES_NO_INFO),
        }),
        signalling('d2a_6', '2.6', ASSIGNMENT_ANALYSIS, YES_NO_NI),
        signalling('d2a_7', '2.7', FAILURE_TO_ANALYSE, orNA(YES_NO_NI), {
          askedWhen: 'If N/PN/NI to 2.6',
          askedIf: answered('d2a_6', ...NO_NO_INFO),
        }),
        direction('d2a', DIRECTIONS),
      ],
    },
    {
      id: 'd2ac',
      title: '2. Bias due to deviations from intended interventions (effect of assignment)',
      kind: 'domain',
      appliesWhen: CLUSTER,
      activeWhen: ASSIGNMENT,
      items: [
        signalling(
          'd2ac_1a',
          '2.1a',
          'Were participants aware that they were in a trial?',
          YES_NO_NI,
        ),
        signalling('d2ac_1b', '2.1b', AWARE_PARTICIPANTS, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 2.1a',
          askedIf: answered('d2ac_1a', ...YES_NO_INFO),
        }),
        signalling('d2ac_2', '2.2', AWARE_CARERS, YES_NO_NI),
        signalling('d2ac_3', '2.3', TRIAL_CONTEXT, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 2.1b or 2.2',
          askedIf: anyOf(answered('d2ac_1b', ...YES_NO_INFO), answered('d2ac_2', ...YES_NO_INFO)),
        }),
        signalling('d2ac_4', '2.4', AFFECTED_OUTCOME, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY to 2.3',
          askedIf: answered('d2ac_3', 'Y', 'PY'),
        }),
        signalling('d2ac_5', '2.5', BALANCED, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 2.4',
          askedIf: answered('d2ac_4', ...YES_NO_INFO),
        }),
        signalling('d2ac_6', '2.6', ASSIGNMENT_ANALYSIS, YES_NO_NI),
        signalling('d2ac_7', '2.7', FAILURE_TO_ANALYSE, orNA(YES_NO_NI), {
          askedWhen: 'If N/PN/NI to 2.6',
          askedIf: answered('d2ac_6', ...NO_NO_INFO),
        }),
        direction('d2ac', DIRECTIONS, '2a-dir'),
      ],
    },
    {
      id: 'd2b',
      title: '2. Bias due to deviations from intended interventions (effect of adhering)',
      kind: 'domain',
      appliesWhen: ANY_DESIGN,
      activeWhen: ADHERING,
      items: [
        signalling('d2b_1', '2.1', AWARE_PARTICIPANTS, YES_NO_NI),
        signalling('d2b_2', '2.2', AWARE_CARERS, YES_NO_NI),
        signalling(
          'd2b_3',
          '2.3',
          'Were important non-protocol interventions balanced across intervention groups?',
          orNA(YES_NO_NI),
          {
            askedWhen: '[If applicable:] If Y/PY/NI to 2.1 or 2.2',
            askedIf: anyOf(answered('d2b_1', ...YES_NO_INFO), answered('d2b_2', ...YES_NO_INFO)),
            // "[If applicable]": with no important non-protocol interventions, NA is the answer.
            naWhenAsked: true,
          },
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
          {
            askedWhen: 'If N/PN/NI to 2.3, or Y/PY/NI to 2.4 or 2.5',
            askedIf: anyOf(
              answered('d2b_3', ...NO_NO_INFO),
              answered('d2b_4', ...YES_NO_INFO),
              answered('d2b_5', ...YES_NO_INFO),
            ),
          },
        ),
        direction('d2b', DIRECTIONS),
      ],
    },
    {
      id: 'd3',
      title: '3. Bias due to missing outcome data',
      kind: 'domain',
      appliesWhen: INDIVIDUAL,
      items: [
        signalling(
          'd3_1',
          '3.1',
          'Were data for this outcome available for all, or nearly all, participants randomised?',
          YES_NO_NI,
        ),
        signalling('d3_2', '3.2', NOT_BIASED_BY_MISSING, [NA, Y, PY, PN, N], {
          askedWhen: 'If N/PN/NI to 3.1',
          askedIf: answered('d3_1', ...NO_NO_INFO),
        }),
        signalling('d3_3', '3.3', COULD_DEPEND, orNA(YES_NO_NI), {
          askedWhen: 'If N/PN to 3.2',
          askedIf: answered('d3_2', 'N', 'PN'),
        }),
        signalling('d3_4', '3.4', LIKELY_DEPENDED, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 3.3',
          askedIf: answered('d3_3', ...YES_NO_INFO),
        }),
        direction('d3', DIRECTIONS),
      ],
    },
    {
      id: 'd3c',
      title: '3. Bias due to missing outcome data',
      kind: 'domain',
      appliesWhen: CLUSTER,
      items: [
        signalling(
          'd3c_1a',
          '3.1a',
          'Were data for this outcome available for all clusters that recruited participants?',
          YES_NO_NI,
        ),
        signalling(
          'd3c_1b',
          '3.1b',
          'Were data for this outcome available for all, or nearly all, participants within clusters?',
          YES_NO_NI,
        ),
        signalling('d3c_2', '3.2', NOT_BIASED_BY_MISSING, [NA, Y, PY, PN, N], {
          askedWhen: 'If N/PN/NI to 3.1a or 3.1b',
          askedIf: anyOf(answered('d3c_1a', ...NO_NO_INFO), answered('d3c_1b', ...NO_NO_INFO)),
        }),
        signalling('d3c_3', '3.3', COULD_DEPEND, orNA(YES_NO_NI), {
          askedWhen: 'If N/PN to 3.2',
          askedIf: answered('d3c_2', 'N', 'PN'),
        }),
        signalling('d3c_4', '3.4', LIKELY_DEPENDED, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 3.3',
          askedIf: answered('d3c_3', ...YES_NO_INFO),
        }),
        direction('d3c', DIRECTIONS, '3-dir'),
      ],
    },
    {
      id: 'd4',
      title: '4. Bias in measurement of the outcome',
      kind: 'domain',
      appliesWhen: INDIVIDUAL,
      items: [
        signalling('d4_1', '4.1', MEASURING_INAPPROPRIATE, YES_NO_NI),
        signalling('d4_2', '4.2', MEASUREMENT_DIFFERED, YES_NO_NI),
        signalling('d4_3', '4.3', ASSESSORS_AWARE, orNA(YES_NO_NI), {
          askedWhen: 'If N/PN/NI to 4.1 and 4.2',
          askedIf: allOf(answered('d4_1', ...NO_NO_INFO), answered('d4_2', ...NO_NO_INFO)),
        }),
        signalling('d4_4', '4.4', COULD_INFLUENCE, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 4.3',
          askedIf: answered('d4_3', ...YES_NO_INFO),
        }),
        signalling('d4_5', '4.5', LIKELY_INFLUENCED, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 4.4',
          askedIf: answered('d4_4', ...YES_NO_INFO),
        }),
        direction('d4', DIRECTIONS),
      ],
    },
    {
      id: 'd4c',
      title: '4. Bias in measurement of the outcome',
      kind: 'domain',
      appliesWhen: CLUSTER,
      items: [
        signalling('d4c_1', '4.1', MEASURING_INAPPROPRIATE, YES_NO_NI),
        signalling('d4c_2', '4.2', MEASUREMENT_DIFFERED, YES_NO_NI),
        signalling(
          'd4c_3a',
          '4.3a',
          'Were outcome assessors aware that a trial was taking place?',
          orNA(YES_NO_NI),
          {
            askedWhen: 'If N/PN/NI to 4.1 and 4.2',
            askedIf: allOf(answered('d4c_1', ...NO_NO_INFO), answered('d4c_2', ...NO_NO_INFO)),
          },
        ),
        signalling('d4c_3b', '4.3b', ASSESSORS_AWARE, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 4.3a',
          askedIf: answered('d4c_3a', ...YES_NO_INFO),
        }),
        signalling('d4c_4', '4.4', COULD_INFLUENCE, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 4.3b',
          askedIf: answered('d4c_3b', ...YES_NO_INFO),
        }),
        signalling('d4c_5', '4.5', LIKELY_INFLUENCED, orNA(YES_NO_NI), {
          askedWhen: 'If Y/PY/NI to 4.4',
          askedIf: answered('d4c_4', ...YES_NO_INFO),
        }),
        direction('d4c', DIRECTIONS, '4-dir'),
      ],
    },
    {
      id: 'd5',
      title: '5. Bias in selection of the reported result',
      kind: 'domain',
      appliesWhen: ANY_DESIGN,
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

/** Item ids of RoB 2 (`p_design`, `p_effect`, `d1_1`, …, `d1b_1`, `ds_1`, …, `d5_dir`). */
export type Rob2ItemId = ItemIdOf<typeof rob2Definition>;

/** RoB 2 answers: each item id maps to one of that item's option values. */
export type Rob2Answers = AnswersOf<typeof rob2Definition>;

/** Validates RoB 2 answers: unknown item ids and options an item does not offer are rejected. */
export const rob2AnswersSchema = answersSchema(rob2Definition);
