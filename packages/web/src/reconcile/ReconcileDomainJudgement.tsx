import { For, Show, type JSX } from 'solid-js';
import type { ChecklistType } from '@corates/shared';
import { JudgementBadge } from '../checklists/JudgementBadge.tsx';
import { textToTake } from '@corates/shared/doc';
import {
  type JudgementPick,
  type ReconcileDomainView,
  judgementPick,
} from './reconciliation-view.ts';
import '../checklists/assessor.css';

/**
 * One domain's judgements and support texts side by side: what each reviewer's answers suggested,
 * their own judgement and reason where they overrode it, and their support for judgement, with
 * buttons to take a reviewer's support text or judgement into the reconciled checklist; then the
 * reconciled domain's own panel (`children`).
 */
export function ReconcileDomainJudgement(props: {
  type: ChecklistType;
  domain: ReconcileDomainView;
  labelOf: (n: 1 | 2) => string;
  nameOf: (userId: string) => string;
  /** A reviewer's support text for this domain. */
  supportOf: (n: 1 | 2) => string;
  finalSupportText: string;
  editable: boolean;
  onTakeSupport: (n: 1 | 2) => void;
  /** Records the pick; answers why not, or null. */
  onPickJudgement: (pick: NonNullable<JudgementPick>) => string | null;
  children: JSX.Element;
}) {
  const id = () => props.domain.domainId;
  return (
    <div class="reconcile-domain" data-testid={`reconcile-domain-${id()}`}>
      <h3 class="item-group-title">Judgement and support for judgement</h3>
      <dl class="reconcile-answers">
        <For each={[1, 2] as const}>
          {(n) => {
            const side = () => (n === 1 ? props.domain.first : props.domain.second);
            const pick = () => judgementPick(side(), props.domain.final);
            const support = () => props.supportOf(n);
            return (
              <div data-testid={`reconcile-domain-side-${n}`}>
                <dt>{props.labelOf(n)}</dt>
                <dd>
                  <Show when={side()} fallback={<span class="muted">Not assessed</span>}>
                    {(d) => (
                      <>
                        <span data-testid={`domain-final-${n}`}>
                          <JudgementBadge
                            type={props.type}
                            judgement={d().judgement}
                            fallback="Not judged"
                          />
                        </span>
                        <Show when={d().assessor?.applies && d().assessor}>
                          {(a) => (
                            <span class="muted" data-testid={`domain-override-${n}`}>
                              {' '}
                              overrides the suggested {d().suggested?.label}: “{a().reason}”
                            </span>
                          )}
                        </Show>
                      </>
                    )}
                  </Show>
                  <Show when={support()}>
                    <p class="assessor-reason" data-testid={`domain-support-${n}`}>
                      Support: “{support()}”
                    </p>
                  </Show>
                  <Show when={props.editable}>
                    <div class="form-actions">
                      <Show when={textToTake(props.finalSupportText, support()) !== null}>
                        <button
                          type="button"
                          class="button button-small"
                          data-testid={`take-support-${n}`}
                          aria-label={`Add reviewer ${n}’s support for judgement of ${props.domain.title} to the reconciled one`}
                          onClick={() => props.onTakeSupport(n)}
                        >
                          Use this support text
                        </button>
                      </Show>
                      <Show when={pick()}>
                        {(p) => (
                          <button
                            type="button"
                            class="button button-small"
                            data-testid={`take-judgement-${n}`}
                            aria-label={`Use reviewer ${n}’s judgement of ${props.domain.title} and its reason`}
                            onClick={() => props.onPickJudgement(p())}
                          >
                            Use this judgement and reason
                          </button>
                        )}
                      </Show>
                    </div>
                  </Show>
                </dd>
              </div>
            );
          }}
        </For>
      </dl>
      {props.children}
    </div>
  );
}
