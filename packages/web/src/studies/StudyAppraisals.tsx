import { A, useNavigate } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type * as Y from 'yjs';
import {
  type ChecklistType,
  type DocOutcome,
  type DocStudy,
  checklistDefinition,
} from '@corates/shared';
import { JudgementBadge } from '../checklists/JudgementBadge.tsx';
import { acquireChecklistDoc } from '../sync/doc/checklist-doc-provider.ts';
import { type AppraisalView, reconcilePath } from './appraisals.ts';
import { ChecklistAnswered, ChecklistLink } from './ChecklistLink.tsx';
import { StartAppraisal } from './StartAppraisal.tsx';
import { startAppraisal } from './start-appraisal.ts';
import { checklistPath } from './study-row.ts';

export interface StudyAppraisalsProps {
  study: DocStudy;
  /** The study's appraisals (`studyAppraisals`), computed once by the study row. */
  appraisals: AppraisalView[];
  outcomes: DocOutcome[];
  doc: Y.Doc;
  projectId: string;
  meId: string;
  canEdit: boolean;
  nameOf: (userId: string) => string;
  /** "3 of 16 answered" for a checklist this viewer may open, once its content is loaded. */
  answered: (checklistId: string) => string | undefined;
}

/** How long a checklist document opened to write a preset answer stays open for the next page. */
const HANDOVER_MS = 3_000;

/**
 * A study's appraisals by tool and outcome: each reviewer's checklist, the way to reconciliation
 * once both are done, and the final judgement. An assigned reviewer starts an appraisal here, with
 * the tool that fits the study's design offered first (`StartAppraisal`).
 */
export function StudyAppraisals(props: StudyAppraisalsProps) {
  const navigate = useNavigate();
  const amReviewer = () =>
    props.canEdit && [props.study.reviewer1, props.study.reviewer2].includes(props.meId);

  const start = (t: ChecklistType, outcome: string | undefined) => {
    const id = startAppraisal(
      props.doc,
      {
        studyId: props.study.id,
        type: t,
        reviewerId: props.meId,
        ...(outcome === undefined ? {} : { outcomeId: outcome }),
      },
      props.study.design,
      (checklistId) => {
        // Held a moment: the checklist page, opened next, takes the same document.
        const handle = acquireChecklistDoc(props.projectId, checklistId, props.meId);
        setTimeout(() => handle.release(), HANDOVER_MS);
        return handle.doc;
      },
    );
    navigate(checklistPath(props.projectId, id));
  };

  return (
    <div class="appraisals">
      <Show when={props.appraisals.length > 0}>
        <h4 class="visually-hidden">Appraisals of {props.study.title}</h4>
        <ul class="appraisals" data-testid="appraisals">
          <For each={props.appraisals}>
            {(a) => (
              <li class="appraisal" data-testid="appraisal" data-appraisal={a.key}>
                <div class="appraisal-head">
                  <p class="appraisal-title">
                    <strong>{a.title}</strong>
                  </p>
                  <span class={`status-badge status-${a.status}`} data-testid="appraisal-status">
                    <span class="visually-hidden">Status: </span>
                    {a.statusLabel}
                  </span>
                </div>
                {/* AMSTAR 2's reviewers and their checklists are in the reviewer slots above. */}
                <Show when={a.type !== 'AMSTAR2'}>
                  <ul class="appraisal-reviewers">
                    <For each={a.reviewers}>
                      {(r) => (
                        <li>
                          <Show
                            when={r.checklist}
                            fallback={
                              <Show
                                when={r.isMe && props.canEdit}
                                fallback={<span class="muted">{r.name}: not started</span>}
                              >
                                <button
                                  type="button"
                                  class="button button-small button-primary"
                                  data-testid="start-appraisal-outcome"
                                  onClick={() => start(a.type, a.outcomeId)}
                                >
                                  Start your {checklistDefinition(a.type).title}
                                </button>
                              </Show>
                            }
                          >
                            {(c) => (
                              <>
                                <ChecklistLink
                                  projectId={props.projectId}
                                  checklist={c()}
                                  label={r.isMe ? 'Your checklist' : `${r.name}’s checklist`}
                                  testId="appraisal-checklist"
                                />{' '}
                                <span class="checklist-facts">
                                  {c().statusLabel}
                                  <ChecklistAnswered checklist={c()} answered={props.answered} />
                                </span>
                              </>
                            )}
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Show when={a.reconcile}>
                  <A
                    href={reconcilePath(props.projectId, {
                      studyId: props.study.id,
                      type: a.type,
                      outcomeId: a.outcomeId,
                    })}
                    class="button button-small"
                    data-testid="reconcile-link"
                  >
                    {a.status === 'finalized' ? 'View reconciliation' : 'Reconcile'}
                  </A>{' '}
                </Show>
                <Show when={a.result}>
                  {(result) => (
                    <span data-testid="appraisal-result">
                      Final: <JudgementBadge type={a.type} judgement={result()} />
                    </span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={amReviewer()}>
        <StartAppraisal
          study={props.study}
          outcomes={props.outcomes}
          onStart={(t, outcome) =>
            start(t, checklistDefinition(t).perOutcome ? outcome : undefined)
          }
        />
      </Show>
    </div>
  );
}
