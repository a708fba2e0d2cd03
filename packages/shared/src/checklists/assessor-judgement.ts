import { z } from 'zod';
import { worstOf } from './decision.ts';
import { rob2JudgementLabel, rob2JudgementSchema, type Rob2Judgement } from './rob2-scoring.ts';
import {
  robinsIJudgementLabel,
  robinsIJudgementSchema,
  type RobinsIJudgement,
} from './robins-i-scoring.ts';
import type { ChecklistAnswers, ChecklistType } from './types.ts';
import { checklistVerdict, type DomainVerdict, type Judgement } from './verdict.ts';

/**
 * The assessor's judgement beside the algorithm's (checklist facts, "Assessor judgement"). RoB 2
 * and ROBINS-I present each domain's algorithm result as a *suggested* judgement: the assessor may
 * override it with a reason, and may raise the overall judgement where the tool allows it — RoB 2
 * "Some concerns" in several domains → High [AJ-RAISE-ROB2]; ROBINS-I Moderate in several domains →
 * Serious [AJ-RAISE-RI-MODERATE], Serious in several → Critical [AJ-RAISE-RI-SERIOUS] — never below
 * the algorithm's result [AJ-NEVER-LOWER]. Both values are kept [AJ-BOTH-KEPT]: the suggestion is
 * always recomputed from the answers, the assessor's judgement is stored beside it.
 *
 * An assessor's judgement is given against one suggestion. It applies while the algorithm still
 * suggests that; once the answers change the suggestion it no longer applies (the suggestion
 * stands) until the assessor gives it again [AJ-STALE] — a judgement made against "Low" never
 * silently lowers a later "High".
 */

/** Key of the overall judgement in a checklist's assessor judgements (no domain has this id). */
export const OVERALL_JUDGEMENT_KEY = 'overall';

/** Longest reason or support text accepted from the form (a paragraph or two). */
export const JUDGEMENT_REASON_MAX = 4000;

/** A reason as the assessor types it: required [AJ-REASON-REQUIRED]. */
export const judgementReasonSchema = z
  .string()
  .trim()
  .min(1, 'Give a reason for this judgement')
  .max(JUDGEMENT_REASON_MAX, `A reason is at most ${JUDGEMENT_REASON_MAX} characters`);

/**
 * An assessor's judgement of a domain (or the overall raise) as stored in the document, by domain
 * id or {@link OVERALL_JUDGEMENT_KEY}. Codes are checked against the tool's scale when read.
 */
export const assessorJudgementSchema = z.object({
  /** The assessor's judgement (a code of the tool's scale, e.g. `some-concerns`). */
  judgement: z.string(),
  reason: z.string(),
  /** The algorithm's suggestion it was given against. */
  suggested: z.string(),
  /** User id of the assessor who gave it. */
  by: z.string(),
  /** ISO 8601 time it was given. */
  at: z.string(),
});
export type AssessorJudgement = z.infer<typeof assessorJudgementSchema>;

/** A checklist's assessor judgements by domain id (and {@link OVERALL_JUDGEMENT_KEY}). */
export type AssessorJudgements = Readonly<Record<string, AssessorJudgement>>;

const ROB2_SCALE = rob2JudgementSchema.options;
const ROBINS_I_SCALE = robinsIJudgementSchema.options;

/** The code as a judgement of the tool's scale, or undefined for a code the tool does not have. */
export function judgementOf(type: ChecklistType, value: string): Judgement | undefined {
  if (type === 'ROB2' && (ROB2_SCALE as readonly string[]).includes(value))
    return { value, label: rob2JudgementLabel(value as Rob2Judgement) };
  if (type === 'ROBINS_I' && (ROBINS_I_SCALE as readonly string[]).includes(value))
    return { value, label: robinsIJudgementLabel(value as RobinsIJudgement) };
  return undefined;
}

/**
 * The judgements an assessor may give a domain, best first: RoB 2 Low / Some concerns / High;
 * ROBINS-I Low / Moderate / Serious / Critical, with "Low except for concerns about uncontrolled
 * confounding" in domain 1 only (and without plain Low in 1a, which the tool never reaches for an
 * intention-to-treat effect). AMSTAR 2 has no domains.
 */
export function domainJudgementOptions(type: ChecklistType, domainId: string): Judgement[] {
  const codes: readonly string[] =
    type === 'ROB2'
      ? ROB2_SCALE
      : type === 'ROBINS_I'
        ? ROBINS_I_SCALE.filter((j) =>
            j === 'low-except-confounding'
              ? domainId.startsWith('d1')
              : j !== 'low' || domainId !== 'd1a',
          )
        : [];
  return codes.map((c) => judgementOf(type, c)!);
}

/**
 * What the overall judgement may be raised to, given the domains' final judgements and the
 * algorithm's overall result: [AJ-RAISE-ROB2] Some concerns with two or more domains at Some
 * concerns → High; [AJ-RAISE-RI-MODERATE] Moderate with two or more Moderate domains → Serious;
 * [AJ-RAISE-RI-SERIOUS] Serious with two or more Serious domains → Critical. Always worse than the
 * algorithm's result [AJ-NEVER-LOWER]; empty when the tool allows no raise.
 */
export function overallRaiseOptions(
  type: ChecklistType,
  domainJudgements: readonly string[],
  suggestedOverall: string | undefined,
): Judgement[] {
  const several = (code: string) => domainJudgements.filter((j) => j === code).length >= 2;
  const to = (code: string) => [judgementOf(type, code)!];
  if (type === 'ROB2' && suggestedOverall === 'some-concerns' && several('some-concerns'))
    return to('high');
  if (type === 'ROBINS_I' && suggestedOverall === 'moderate' && several('moderate'))
    return to('serious');
  if (type === 'ROBINS_I' && suggestedOverall === 'serious' && several('serious'))
    return to('critical');
  return [];
}

/** An assessor's judgement as the views show it. */
export interface AssessorJudgementView {
  judgement: Judgement;
  reason: string;
  /** The suggestion it was given against. */
  suggestedThen: Judgement | undefined;
  by: string;
  at: string;
  /**
   * It is the final judgement: the algorithm still suggests what it was given against and the
   * tool allows it ([AJ-STALE]; for the overall, the raise is still one the tool allows).
   */
  applies: boolean;
}

/** A domain with the algorithm's suggestion and the assessor's judgement, if any. */
export interface AssessedDomain extends DomainVerdict {
  /** The final judgement: the assessor's where it applies, else the suggestion. */
  judgement: Judgement | undefined;
  /** The algorithm's result (undefined while the domain needs answers). */
  suggested: Judgement | undefined;
  assessor: AssessorJudgementView | undefined;
}

/**
 * A checklist's verdict with the assessor's judgements applied: `domains[].judgement` and
 * `overall` are final; the suggestions are kept beside them. Assignable to `ChecklistVerdict`, so
 * every view that shows judgements shows the final ones.
 */
export type AssessedVerdict = (
  | { status: 'complete'; overall: Judgement; domains: AssessedDomain[] }
  | { status: 'incomplete'; missing: string[]; domains: AssessedDomain[] }
) & {
  /**
   * The tool's overall rule applied to the domains' final judgements (any High → High, …; AMSTAR
   * 2: its rating); undefined while incomplete.
   */
  suggestedOverall: Judgement | undefined;
  /** The assessor's raise of the overall judgement, if one is recorded. */
  raise: AssessorJudgementView | undefined;
  /** What the overall judgement may be raised to now (see {@link overallRaiseOptions}). */
  raiseOptions: Judgement[];
};

function view(
  type: ChecklistType,
  stored: AssessorJudgement | undefined,
  allowed: readonly Judgement[],
  suggested: Judgement | undefined,
): AssessorJudgementView | undefined {
  if (!stored) return undefined;
  const judgement = judgementOf(type, stored.judgement);
  // A code this tool does not have (another tool's, a newer build's) is not a judgement.
  if (!judgement) return undefined;
  const applies =
    suggested !== undefined &&
    stored.suggested === suggested.value &&
    judgement.value !== suggested.value &&
    allowed.some((j) => j.value === judgement.value) &&
    stored.reason.trim() !== '';
  return {
    judgement,
    reason: stored.reason,
    suggestedThen: judgementOf(type, stored.suggested),
    by: stored.by,
    at: stored.at,
    applies,
  };
}

/**
 * Scores a checklist and applies its assessor judgements. The suggestions are exactly
 * `checklistVerdict`'s, whatever the assessor judgements are [AJ-SUGGESTED] (a property test
 * holds this). The overall suggestion is the tool's rule over the final domain judgements (an
 * overridden domain counts as the assessor judged it); a raise that applies makes it worse, never
 * better [AJ-NEVER-LOWER].
 */
export function assessedVerdict(
  type: ChecklistType,
  answers: ChecklistAnswers,
  judgements: AssessorJudgements = {},
): AssessedVerdict {
  const verdict = checklistVerdict(type, answers);
  const get = (key: string) => (Object.hasOwn(judgements, key) ? judgements[key] : undefined);
  const domains: AssessedDomain[] = verdict.domains.map((d) => {
    const assessor = view(
      type,
      get(d.domainId),
      domainJudgementOptions(type, d.domainId),
      d.judgement,
    );
    return {
      ...d,
      suggested: d.judgement,
      judgement: assessor?.applies ? assessor.judgement : d.judgement,
      assessor,
    };
  });
  if (verdict.status === 'incomplete')
    return {
      status: 'incomplete',
      missing: verdict.missing,
      domains,
      suggestedOverall: undefined,
      raise: view(type, get(OVERALL_JUDGEMENT_KEY), [], undefined),
      raiseOptions: [],
    };
  const finals = domains.map((d) => d.judgement!.value);
  const suggestedOverall =
    type === 'AMSTAR2' || domains.length === 0
      ? verdict.overall
      : judgementOf(type, worstOf(scaleOf(type), finals))!;
  const raiseOptions = overallRaiseOptions(type, finals, suggestedOverall.value);
  const raise = view(type, get(OVERALL_JUDGEMENT_KEY), raiseOptions, suggestedOverall);
  return {
    status: 'complete',
    overall: raise?.applies ? raise.judgement : suggestedOverall,
    domains,
    suggestedOverall,
    raise,
    raiseOptions,
  };
}

function scaleOf(type: ChecklistType): readonly string[] {
  return type === 'ROB2' ? ROB2_SCALE : ROBINS_I_SCALE;
}

/** Why an assessor judgement cannot be recorded, in words; null when it can. */
export function assessorJudgementProblem(
  input: {
    /** The judgement given. */
    judgement: string;
    reason: string;
    /** The algorithm's suggestion now, undefined while the domain (or checklist) needs answers. */
    suggested: string | undefined;
    /** What may be given: `domainJudgementOptions` or `raiseOptions`. */
    allowed: readonly Judgement[];
  },
  what: 'domain' | 'overall',
): string | null {
  if (input.suggested === undefined)
    return what === 'domain'
      ? 'Answer the questions this domain needs first: there is no suggested judgement yet.'
      : 'Judge every domain first: there is no overall judgement yet.';
  if (input.judgement === input.suggested)
    return 'That is the suggested judgement: choose another one to override it.';
  if (!input.allowed.some((j) => j.value === input.judgement))
    return what === 'domain'
      ? 'That judgement is not one this domain can have.'
      : 'The tool does not allow raising the overall judgement to that.';
  const reason = judgementReasonSchema.safeParse(input.reason);
  return reason.success ? null : reason.error.issues[0]!.message;
}

/**
 * An assessor judgement recorded against a suggestion the answers no longer give (or a raise the
 * tool no longer allows): it is kept, but the suggestion stands [AJ-STALE].
 */
export interface StaleAssessorJudgement {
  /** The domain's id, or {@link OVERALL_JUDGEMENT_KEY}. */
  key: string;
  /** The domain's title, or "Overall risk of bias". */
  title: string;
  recorded: AssessorJudgementView;
  /** What the algorithm suggests now. */
  suggested: Judgement;
  /**
   * The same judgement and reason can be given again against the suggestion now (it is not the
   * suggestion, the tool allows it, the reason is not empty); otherwise it can only be cleared.
   */
  reconfirmable: boolean;
}

/**
 * The assessor judgements that completion waits for: each one recorded against a suggestion the
 * answers no longer give, once there is a suggestion to compare it with. A checklist with one is
 * not marked complete, nor a reconciliation finalized, until the assessor gives it again or clears
 * it [AJ-STALE-1] — otherwise the assessor's judgement would silently turn back into the
 * algorithm's in the result. A domain (or an overall) without a suggestion yet is not listed: its
 * unanswered questions already hold completion back, and once they are answered the judgement
 * either applies again or is listed [AJ-STALE-2]. Giving it again keeps the judgement and the
 * reason and records the suggestion now; that is possible only where the judgement could be given
 * now ({@link assessorJudgementProblem}), else it can only be cleared [AJ-STALE-3]. In the tool's
 * order, the overall last.
 */
export function staleAssessorJudgements(
  type: ChecklistType,
  verdict: AssessedVerdict,
): StaleAssessorJudgement[] {
  const stale = verdict.domains.map((d) => staleDomainJudgement(type, d));
  stale.push(staleOverallRaise(verdict));
  return stale.filter((s) => s !== undefined);
}

/** A domain's override when it is stale (see {@link staleAssessorJudgements}). */
export function staleDomainJudgement(
  type: ChecklistType,
  domain: AssessedDomain,
): StaleAssessorJudgement | undefined {
  return stale(
    domain.domainId,
    domain.title,
    domain.assessor,
    domain.suggested,
    domainJudgementOptions(type, domain.domainId),
    'domain',
  );
}

/** The overall raise when it is stale (see {@link staleAssessorJudgements}). */
export function staleOverallRaise(verdict: AssessedVerdict): StaleAssessorJudgement | undefined {
  return stale(
    OVERALL_JUDGEMENT_KEY,
    'Overall risk of bias',
    verdict.raise,
    verdict.suggestedOverall,
    verdict.raiseOptions,
    'overall',
  );
}

function stale(
  key: string,
  title: string,
  recorded: AssessorJudgementView | undefined,
  suggested: Judgement | undefined,
  allowed: readonly Judgement[],
  what: 'domain' | 'overall',
): StaleAssessorJudgement | undefined {
  if (!recorded || recorded.applies || !suggested) return undefined;
  const problem = assessorJudgementProblem(
    {
      judgement: recorded.judgement.value,
      reason: recorded.reason,
      suggested: suggested.value,
      allowed,
    },
    what,
  );
  return { key, title, recorded, suggested, reconfirmable: problem === null };
}
