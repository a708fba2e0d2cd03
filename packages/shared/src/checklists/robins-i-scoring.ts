import { z } from 'zod';
import {
  decide,
  decideAll,
  isOneOf,
  NO,
  worstOf,
  YES,
  type Ask,
  type Decision,
} from './decision.ts';
import { robinsIDefinition, type RobinsIAnswers } from './robins-i.ts';
import {
  activeSections,
  answerFor,
  checklistItems,
  isStoppedAtScreening,
  type ChecklistSection,
} from './types.ts';

/** A ROBINS-I V2 risk-of-bias judgement, best first. */
export const robinsIJudgementSchema = z.enum([
  'low',
  'low-except-confounding',
  'moderate',
  'serious',
  'critical',
]);
export type RobinsIJudgement = z.infer<typeof robinsIJudgementSchema>;

const SCALE = robinsIJudgementSchema.options;

const JUDGEMENT_LABELS: Record<RobinsIJudgement, string> = {
  low: 'Low',
  'low-except-confounding': 'Low except for concerns about uncontrolled confounding',
  moderate: 'Moderate',
  serious: 'Serious',
  critical: 'Critical',
};

/** A judgement as shown: "Low", "Low except for concerns about uncontrolled confounding", … */
export function robinsIJudgementLabel(judgement: RobinsIJudgement): string {
  return JUDGEMENT_LABELS[judgement];
}

type J = RobinsIJudgement;

// "NA is treated as NI in the algorithms": a question answered "not applicable" on the algorithm's
// path gives no information for the branch it decides.
const read = (value: string) => (value === 'NA' ? 'NI' : value);

/**
 * Domain 1a (intention-to-treat effect): plain Low is out of reach, as it is in the tool. Follows
 * the ROBINS-I V2 flowchart of the 20 November 2025 release ([RI-D1a-13], [RI-D1a-WN],
 * [RI-D1a-12WN] in the checklist facts).
 */
function domain1a(ask: Ask): J {
  const negativeControls = (ifNo: J, ifYes: J) => (isOneOf(ask('1.4'), YES) ? ifYes : ifNo);
  const first = ask('1.1');
  if (isOneOf(first, ['SN', 'NI'])) return negativeControls('serious', 'critical');
  // Y/PY/WN to 1.1. [RI-D1a-13] Controlling for post-intervention variables does not end the path:
  // with 1.4 N/PN, 1.2 decides (Y/PY → Serious, WN/SN/NI → Critical). Interpretation, as the
  // public transcriptions of the flowchart draw it: 1.4 comes before 1.2 on this branch, so 1.4
  // Y/PY is Critical whatever 1.2 says and 1.2 is not needed for it.
  if (isOneOf(ask('1.3'), YES)) {
    if (isOneOf(ask('1.4'), YES)) return 'critical';
    return isOneOf(ask('1.2'), YES) ? 'serious' : 'critical';
  }
  const measured = ask('1.2');
  if (isOneOf(measured, ['SN', 'NI'])) return 'serious';
  // [RI-D1a-WN] 1.1 WN has its own branch: 1.2 Y/PY/WN → Moderate, or Serious with 1.4 Y/PY.
  if (first === 'WN') return negativeControls('moderate', 'serious');
  // 1.1 Y/PY. [RI-D1a-12WN] 1.2 WN with 1.4 Y/PY → Serious. 1.2 WN with 1.4 N/PN stays Low except
  // for uncontrolled confounding: the six corrections leave it, and the public transcriptions of
  // the flowchart disagree on it (one gives Moderate).
  if (measured === 'WN') return negativeControls('low-except-confounding', 'serious');
  return negativeControls('low-except-confounding', 'moderate');
}

/**
 * Domain 1b (per-protocol effect), after the 20 November 2025 flowchart. [RI-D1b-15] With 1.1–1.3
 * all Y/PY, 1.5 Y/PY (negative controls suggest serious uncontrolled confounding) → Serious.
 */
function domain1b(ask: Ask): J {
  const negativeControls = (ifNo: J, ifYes: J) => (isOneOf(ask('1.5'), YES) ? ifYes : ifNo);
  if (!isOneOf(ask('1.1'), YES)) {
    if (isOneOf(ask('1.4'), YES)) return 'critical';
    return negativeControls('serious', 'critical');
  }
  const controlled = ask('1.2');
  if (isOneOf(controlled, ['SN', 'NI'])) return 'serious';
  const measured = ask('1.3');
  if (isOneOf(measured, ['SN', 'NI'])) return 'serious';
  if (isOneOf(controlled, YES) && isOneOf(measured, YES)) return negativeControls('low', 'serious');
  // WN to 1.2 or to 1.3.
  return negativeControls('low-except-confounding', 'serious');
}

/**
 * Domain 2, after the 20 November 2025 flowchart. The path sets a starting level (strategies
 * distinguishable from the start, or almost all events after they are: best; an analysis that
 * avoided the problem: middle; otherwise worst), 2.4 (classification influenced by the outcome)
 * moves it down, and 2.5 (further errors) decides. The published figure leaves 2.4 = WY/NI
 * unlabelled after the middle start; it is read as one step down, like WY/NI after the best start,
 * so a worse answer never improves the judgement.
 */
function domain2(ask: Ask): J {
  let start: 0 | 1 | 2;
  let avoided: string | undefined;
  if (isOneOf(ask('2.1'), YES) || isOneOf(ask('2.2'), YES)) start = 0;
  else {
    avoided = ask('2.3');
    start = isOneOf(avoided, NO) ? 2 : 1;
  }
  const influenced = ask('2.4');
  const step = isOneOf(influenced, NO) ? 0 : influenced === 'SY' ? 2 : 1;
  if (start === 2 && step > 0) return 'critical';
  // [RI-D2-24SY] After 2.3 WY/NI, 2.4 SY is Critical at once: 2.5 is not asked. The rule names
  // WY/NI only; 2.3 SY with 2.4 SY keeps going to 2.5 (Serious or Critical), as the public
  // transcriptions of the flowchart agree for that answer.
  if (start === 1 && step === 2 && avoided !== 'SY') return 'critical';
  const level = start + step;
  const furtherErrors = !isOneOf(ask('2.5'), NO);
  const [ifNo, ifYes]: [J, J] =
    level === 0
      ? ['low', 'moderate']
      : level === 1
        ? ['moderate', 'serious']
        : ['serious', 'critical'];
  return furtherErrors ? ifYes : ifNo;
}

/** Domain 3 part A: prevalent users and immortal time. */
function domain3PartA(ask: Ask): J {
  const start = ask('3.1');
  if (start === 'SN') return 'serious';
  if (isOneOf(start, ['WN', 'NI'])) return 'moderate';
  return isOneOf(ask('3.2'), YES) ? 'moderate' : 'low';
}

/** Domain 3 part B: other selection into the study or the analysis. */
function domain3PartB(ask: Ask): J {
  for (const number of ['3.3', '3.4']) {
    const answer = ask(number);
    if (isOneOf(answer, NO)) return 'low';
    if (answer === 'NI') return 'moderate';
  }
  return isOneOf(ask('3.5'), YES) ? 'serious' : 'moderate';
}

/** Domain 3 part C, reached when part A or B is Serious. */
function domain3PartC(ask: Ask): J {
  if (isOneOf(ask('3.6'), YES)) return 'moderate';
  if (isOneOf(ask('3.7'), YES)) return 'moderate';
  return isOneOf(ask('3.8'), YES) ? 'critical' : 'serious';
}

/**
 * Domain 4, after the 20 November 2025 flowchart. Missing data reach one of three "evidence the
 * result was not biased?" (4.11) checks: the first two give Moderate (Y/PY) or Serious, the last
 * Serious or Critical. 4.11 offers no "no information" (NA/Y/PY/PN/N); NA there reads as N/PN.
 */
function domain4(ask: Ask): J {
  if (['4.1', '4.2', '4.3'].every((n) => isOneOf(ask(n), YES))) return 'low';
  const evidence = (level: 'mild' | 'severe'): J => {
    const notBiased = isOneOf(ask('4.11'), YES);
    if (level === 'mild') return notBiased ? 'moderate' : 'serious';
    return notBiased ? 'serious' : 'critical';
  };
  const graded = (answer: string): J | 'mild' | 'severe' =>
    isOneOf(answer, YES) ? 'low' : answer === 'SN' ? 'severe' : 'mild';
  const conclude = (result: J | 'mild' | 'severe'): J =>
    result === 'mild' || result === 'severe' ? evidence(result) : result;

  if (!isOneOf(ask('4.4'), NO)) {
    // Complete-case analysis (or no information about it).
    if (isOneOf(ask('4.5'), NO)) return 'low';
    const explained = ask('4.6');
    return conclude(isOneOf(explained, YES) ? 'mild' : graded(explained));
  }
  if (isOneOf(ask('4.7'), YES)) {
    // [RI-D4-48] Imputation where MAR/MCAR is not a reasonable assumption (4.8 N/PN/NI) → Serious,
    // and 4.11 is not asked: its condition names 4.5, 4.9 and 4.10, never 4.8.
    if (!isOneOf(ask('4.8'), YES)) return 'serious';
    return conclude(graded(ask('4.9')));
  }
  return conclude(graded(ask('4.10')));
}

/** Domain 5, as listed in the checklist facts. */
function domain5(ask: Ask): J {
  const differed = ask('5.1');
  if (isOneOf(differed, YES)) return 'serious';
  const aware = ask('5.2');
  if (differed === 'NI') {
    if (isOneOf(aware, NO)) return 'moderate';
    return ask('5.3') === 'SY' ? 'serious' : 'moderate';
  }
  if (isOneOf(aware, NO)) return 'low';
  const influenced = ask('5.3');
  if (isOneOf(influenced, NO)) return 'low';
  return influenced === 'SY' ? 'serious' : 'moderate';
}

/** Domain 6, as listed in the checklist facts. */
function domain6(ask: Ask): J {
  if (isOneOf(ask('6.1'), YES)) return 'low';
  const selected = ['6.2', '6.3', '6.4'].map(ask);
  const yes = selected.filter((a) => isOneOf(a, YES)).length;
  const noInformation = selected.filter((a) => a === 'NI').length;
  if (yes >= 2) return 'critical';
  if (yes === 1 || noInformation === selected.length) return 'serious';
  return noInformation > 0 ? 'moderate' : 'low';
}

function domain3(section: ChecklistSection, answers: RobinsIAnswers): Decision<J> {
  const parts = decideAll([
    decide(section, answers, read, domain3PartA),
    decide(section, answers, read, domain3PartB),
  ]);
  if (parts.status === 'incomplete') return parts;
  const worst = worstOf(SCALE, parts.judgement);
  if (worst !== 'serious') return { status: 'judged', judgement: worst };
  return decide(section, answers, read, domain3PartC);
}

const ALGORITHMS: Record<string, (ask: Ask) => J> = {
  d1a: domain1a,
  d1b: domain1b,
  d2: domain2,
  d4: domain4,
  d5: domain5,
  d6: domain6,
};

/**
 * The judgement of one ROBINS-I V2 domain (section id `d1a` … `d6`) by the tool's decision
 * algorithm, or the questions on its path still unanswered.
 */
export function robinsIDomainJudgement(domainId: string, answers: RobinsIAnswers): Decision<J> {
  const section = robinsIDefinition.sections.find((s) => s.id === domainId && s.kind === 'domain');
  if (!section) throw new Error(`ROBINS-I has no domain ${domainId}`);
  if (domainId === 'd3') return domain3(section, answers);
  const algorithm = ALGORITHMS[domainId];
  if (!algorithm) throw new Error(`no algorithm for ROBINS-I domain ${domainId}`);
  return decide(section, answers, read, algorithm);
}

/** One assessed domain: its judgement (or what it still needs) and its direction of bias. */
export interface RobinsIDomainResult {
  domainId: string;
  title: string;
  decision: Decision<J>;
  /** The predicted direction of bias, when recorded. */
  direction: string | undefined;
}

/** The outcome of scoring ROBINS-I V2 answers. */
export type RobinsIScore =
  | {
      status: 'complete';
      overall: RobinsIJudgement;
      /** Screening (B2 or B3 Y/PY) stopped the assessment: Critical, with no domain assessed. */
      stoppedAtScreening: boolean;
      domains: RobinsIDomainResult[];
    }
  | {
      status: 'incomplete';
      /** Numbers of the questions still needed, in display order (`'B1'`, `'C4'`, `'5.2'`). */
      missing: string[];
      domains: RobinsIDomainResult[];
    };

const item = (id: string) => checklistItems(robinsIDefinition).find((i) => i.id === id)!;

/** The screening questions still needed before it is known whether the assessment goes on. */
function missingScreening(answers: RobinsIAnswers): string[] {
  const missing: string[] = [];
  const b1 = answerFor(item('b1'), answers);
  if (b1 === undefined) missing.push('B1');
  else if (isOneOf(b1, NO) && answerFor(item('b2'), answers) === undefined) missing.push('B2');
  if (answerFor(item('b3'), answers) === undefined) missing.push('B3');
  return missing;
}

/**
 * Scores ROBINS-I V2 answers. B2 or B3 answered Y/PY stops the assessment at Critical. Otherwise
 * the effect of interest (C4) picks domain 1a or 1b, each active domain is judged by its algorithm,
 * and the overall judgement is the worst domain judgement (Low except for concerns about
 * uncontrolled confounding when domain 1 says so and the others are Low). It is only given when
 * every active domain has a judgement; until then the result is `incomplete` with what is missing.
 */
export function scoreRobinsI(answers: RobinsIAnswers): RobinsIScore {
  if (isStoppedAtScreening(robinsIDefinition, answers)) {
    return { status: 'complete', overall: 'critical', stoppedAtScreening: true, domains: [] };
  }
  const missing = missingScreening(answers);
  if (answerFor(item('c4'), answers) === undefined) missing.push('C4');
  const domains = activeSections(robinsIDefinition, answers)
    .filter((s) => s.kind === 'domain')
    .map((s): RobinsIDomainResult => {
      const dir = s.items.find((i) => i.kind === 'direction');
      return {
        domainId: s.id,
        title: s.title,
        decision: robinsIDomainJudgement(s.id, answers),
        direction: dir && answerFor(dir, answers),
      };
    });
  for (const d of domains)
    if (d.decision.status === 'incomplete') missing.push(...d.decision.missing);
  if (missing.length > 0) return { status: 'incomplete', missing, domains };
  const judgements = domains.map((d) => (d.decision as { judgement: J }).judgement);
  return {
    status: 'complete',
    overall: worstOf(SCALE, judgements),
    stoppedAtScreening: false,
    domains,
  };
}
