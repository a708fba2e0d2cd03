import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { ChecklistAgreement, ReconciliationComparison } from '@corates/shared';
import { FIGURE_EXPLANATIONS, countText } from '../agreement/agreement-text.ts';
import '../agreement/agreement.css';

/**
 * How far two reviewers agree on one appraisal: the signalling questions both were asked and
 * answered, and the domain judgements both reached. κ is left to the project's agreement page:
 * over one checklist's handful of domains it says nothing.
 */
export function ChecklistAgreementFigures(props: {
  comparison: ReconciliationComparison;
  agreement: ChecklistAgreement;
  /** The agreement rate as shown ("93%"). */
  agreementText: string;
  projectId: string;
}) {
  const a = () => props.agreement;
  return (
    <div class="agreement-figures" data-testid="checklist-agreement">
      <p class="reconcile-counts" aria-live="polite">
        <span>
          Agreements: <strong data-testid="agreements">{props.comparison.agreements}</strong>
        </span>
        <span>
          Disagreements:{' '}
          <strong data-testid="disagreements">{props.comparison.disagreements}</strong>
        </span>
        <span>
          Agreement rate: <strong data-testid="agreement-rate">{props.agreementText}</strong>
        </span>
      </p>
      <p class="field-hint">{FIGURE_EXPLANATIONS.items}</p>
      <Show when={a().answeredByOne > 0 || a().reachedByOne > 0}>
        <p class="field-hint" data-testid="not-compared">
          Not counted:{' '}
          <Show when={a().answeredByOne > 0}>
            <span data-testid="answered-by-one">{a().answeredByOne}</span> answered by one reviewer
            only (the reconciler decides){a().reachedByOne > 0 ? '; ' : '.'}
          </Show>
          <Show when={a().reachedByOne > 0}>
            <span data-testid="reached-by-one">{a().reachedByOne}</span> asked of one reviewer only,
            because of an earlier difference that is counted where it arose.
          </Show>
        </p>
      </Show>
      <Show when={props.comparison.domains.length > 0}>
        <p class="reconcile-counts">
          <span>
            Same domain judgement:{' '}
            <strong data-testid="domain-agreement">{countText(a().domains)}</strong>
          </span>
          <span>
            Overall judgement:{' '}
            <strong data-testid="overall-agreement">
              {a().overall === 'same'
                ? 'the same'
                : a().overall === 'different'
                  ? 'different'
                  : 'not reached by both'}
            </strong>
          </span>
        </p>
      </Show>
      <p class="field-hint">
        Cohen’s κ needs many appraisals:{' '}
        <A href={`/projects/${encodeURIComponent(props.projectId)}/agreement`}>
          see agreement across the project
        </A>
        .
      </p>
    </div>
  );
}
