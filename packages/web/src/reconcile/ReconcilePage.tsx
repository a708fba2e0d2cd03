import { A, useParams } from '@solidjs/router';
import { For, Match, Show, Switch, createEffect, createMemo } from 'solid-js';
import * as Y from 'yjs';
import {
  type AssessedVerdict,
  type ChecklistType,
  type Judgement,
  type Project,
  canReopenReconciliation,
  checklistDefinition,
  checklistTypeSchema,
  docStudySchema,
  roleAtLeast,
} from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { ChecklistItemField } from '../checklists/ChecklistItemField.tsx';
import { JudgementLinks, QuestionLinks } from '../checklists/ChecklistSummary.tsx';
import { ChecklistHistory } from '../checklists/ChecklistHistory.tsx';
import { DomainJudgementPanel } from '../checklists/DomainJudgementPanel.tsx';
import { JudgementBadge } from '../checklists/JudgementBadge.tsx';
import { OverallJudgementPanel } from '../checklists/OverallJudgementPanel.tsx';
import { assessorJudgementError } from '../checklists/assessor-judgement-error.ts';
import { useMembers } from '../projects/use-members.ts';
import { useProject } from '../projects/use-projects.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { CHECKLIST_STATUS_LABEL } from '../studies/study-row.ts';
import { CollabStatus } from '../sync/CollabStatus.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import {
  finalizeReconciliation,
  noteText,
  readChecklist,
  readChecklistContent,
  readOutcomes,
  readStudy,
  reconciledChecklistId,
  reviewerChecklistId,
  setAnswer,
  setDomainJudgement,
  setOverallRaise,
  startReconciliation,
  supportText,
  takeText,
  textToTake,
} from '@corates/shared/doc';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady, useProjectDoc } from '../sync/doc/use-project-doc.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { ChecklistAgreementFigures } from './ChecklistAgreementFigures.tsx';
import { ReconcileDomainJudgement } from './ReconcileDomainJudgement.tsx';
import { ReopenReconciliation } from './ReopenReconciliation.tsx';
import { type ReconcileRow, reconciliationView } from './reconciliation-view.ts';
import { createContentValue, useChecklistContent } from '../checklists/checklist-content.ts';
import { withheldMessage } from '../checklists/withheld-message.ts';
import '../checklists/appraisal.css';

interface Target {
  studyId: string;
  type: ChecklistType;
  outcomeId: string | undefined;
}

/**
 * Reconciling two reviewers' completed checklists of one appraisal, side by side. The reconciled
 * checklist has a document of its own, so everyone reconciling sees one checklist, live.
 */
export function ReconcilePage() {
  const params = useParams<{
    projectId: string;
    studyId: string;
    type: string;
    outcomeId?: string;
  }>();
  const project = useProject(() => params.projectId);
  const notFound = () => project.error instanceof ApiError && project.error.code === 'NOT_FOUND';
  const target = createMemo((): Target | undefined => {
    const type = checklistTypeSchema.safeParse(params.type);
    if (!type.success) return undefined;
    return {
      studyId: decodeURIComponent(params.studyId),
      type: type.data,
      outcomeId: params.outcomeId ? decodeURIComponent(params.outcomeId) : undefined,
    };
  });
  return (
    <div class="page">
      <nav aria-label="Breadcrumb">
        <A href={`/projects/${encodeURIComponent(params.projectId)}`} class="back-link">
          <span aria-hidden="true">← </span>
          {project.data?.name ?? 'Project'}
        </A>
      </nav>
      <Switch>
        <Match when={project.data && target()}>
          <ReconcileWorkspace project={project.data!} target={target()!} />
        </Match>
        <Match when={notFound() || (project.data && !target())}>
          <h1>Not found</h1>
          <p>This project or appraisal does not exist, or you are not a member of the project.</p>
        </Match>
        <Match when={project.isError}>
          <h1>Reconciliation</h1>
          <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
        </Match>
        <Match when={project.isPending}>
          <Loading label="Loading reconciliation…" />
        </Match>
      </Switch>
    </div>
  );
}

function ReconcileWorkspace(props: { project: Project; target: Target }) {
  const handle = useProjectDoc(() => props.project.id);
  return (
    <Show when={handle()} keyed>
      {(h) => <ReconcileView project={props.project} handle={h} target={props.target} />}
    </Show>
  );
}

/** A side's answers, judgements, notes and support texts as plain values. */
const contentOf = (d: Y.Doc) => readChecklistContent(d);

function ReconcileView(props: { project: Project; handle: ProjectDocHandle; target: Target }) {
  const session = useSession();
  const members = useMembers(() => props.project.id);
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const t = props.target;
  const definition = checklistDefinition(t.type);
  const study = createDocValue(doc, (d) => {
    const parsed = docStudySchema.safeParse(readStudy(d, t.studyId));
    return parsed.success ? parsed.data : undefined;
  });
  const outcomeName = createDocValue(
    doc,
    (d) => readOutcomes(d).find((o) => o.id === t.outcomeId)?.name,
  );
  const ids = createMemo(() => {
    const s = study();
    const reviewerIds = s ? [s.reviewer1, s.reviewer2] : [null, null];
    return {
      reviewers: reviewerIds,
      first: reviewerIds[0] && reviewerChecklistId(t.studyId, t.type, reviewerIds[0], t.outcomeId),
      second: reviewerIds[1] && reviewerChecklistId(t.studyId, t.type, reviewerIds[1], t.outcomeId),
      reconciled: reconciledChecklistId(t.studyId, t.type, t.outcomeId),
    };
  });
  // Headers from the project document; content from each checklist's own document, opened once
  // its header exists and this user may open it (a blinded reviewer's browser never asks).
  const first = createDocValue(doc, (d) =>
    ids().first ? readChecklist(d, ids().first!) : undefined,
  );
  const second = createDocValue(doc, (d) =>
    ids().second ? readChecklist(d, ids().second!) : undefined,
  );
  const final = createDocValue(doc, (d) => readChecklist(d, ids().reconciled));
  const meId = () => session.user()?.id ?? '';
  const docs = {
    first: useChecklistContent(props.project, props.handle, meId, () => ids().first ?? undefined),
    second: useChecklistContent(props.project, props.handle, meId, () => ids().second ?? undefined),
    final: useChecklistContent(props.project, props.handle, meId, () => ids().reconciled),
  };
  const finalDoc = () => docs.final.handle()?.doc;
  // What each side holds, kept current: answers and judgements to compare, what each reviewer
  // wrote, and whether the reconciled note or support text already holds a reviewer's.
  const texts = {
    first: createContentValue(docs.first.handle, contentOf),
    second: createContentValue(docs.second.handle, contentOf),
    final: createContentValue(docs.final.handle, contentOf),
  };
  const reviewersReady = () => docs.first.ready() && docs.second.ready();
  const withheldSide = () =>
    ([1, 2] as const).find((n) => docs[n === 1 ? 'first' : 'second'].withheld());
  // The reconciled checklist's document is opened once its header exists (the relay decides from
  // the header): the agreed answers go into a scratch document first and are applied to it then.
  let prefill: Uint8Array | undefined;
  createEffect(() => {
    const target = finalDoc();
    if (target && prefill) {
      Y.applyUpdate(target, prefill);
      prefill = undefined;
    }
  });
  const start = () => {
    const a = docs.first.handle();
    const b = docs.second.handle();
    if (!a || !b) return;
    const scratch = new Y.Doc();
    startReconciliation(
      doc,
      { id: ids().first!, content: a.doc },
      { id: ids().second!, content: b.doc },
      scratch,
    );
    prefill = Y.encodeStateAsUpdate(scratch);
    const target = finalDoc();
    if (target) {
      Y.applyUpdate(target, prefill);
      prefill = undefined;
    }
  };

  const nameOf = (userId: string | null) => {
    if (userId === null) return 'Unassigned';
    if (userId === session.user()?.id) return `${session.user()?.name ?? 'You'} (you)`;
    return members.data?.find((m) => m.userId === userId)?.name ?? 'Former member';
  };
  const canReconcile = () => roleAtLeast(props.project.role, 'editor');
  const bothDone = () =>
    first()?.status === 'reviewer-completed' && second()?.status === 'reviewer-completed';
  const editable = () =>
    canReconcile() && final()?.status === 'reconciling' && finalDoc() !== undefined;
  const view = createMemo(() =>
    reconciliationView(
      t.type,
      { ...(texts.first()?.answers ?? {}) },
      { ...(texts.second()?.answers ?? {}) },
      { ...(texts.final()?.answers ?? {}) },
      {
        first: { ...texts.first()?.judgements },
        second: { ...texts.second()?.judgements },
        final: { ...texts.final()?.judgements },
      },
    ),
  );
  const title = () => [definition.title, outcomeName(), study()?.title].filter(Boolean).join(' · ');
  useDocumentTitle(() => `Reconcile ${title()}`);

  const labelOf = (n: 1 | 2) => `Reviewer ${n}: ${nameOf(ids().reviewers[n - 1] ?? null)}`;
  const noteString = (side: 'first' | 'second', itemId: string) =>
    texts[side]()?.notes[itemId] ?? '';
  const supportString = (n: 1 | 2, domainId: string) =>
    texts[n === 1 ? 'first' : 'second']()?.support[domainId] ?? '';
  const finalNoteTakes = (side: 'first' | 'second', itemId: string) =>
    textToTake(texts.final()?.notes[itemId] ?? '', noteString(side, itemId)) !== null;
  /** Adds a reviewer's text to the reconciled note or support text (`takeText`). */
  const take = (text: (target: Y.Doc) => Y.Text, value: string) => {
    const target = finalDoc();
    if (target && editable()) takeText(target, text(target), value);
  };

  return (
    <Show when={ready()} fallback={<Loading label="Loading reconciliation…" />}>
      <header class="checklist-header">
        <p class="checklist-kicker">Reconciliation · {definition.title}</p>
        <h1>{title() || 'Reconciliation'}</h1>
        <CollabStatus handle={props.handle} />
      </header>
      <Switch
        fallback={
          <p class="notice">
            Both assigned reviewers need a checklist of this appraisal before it can be reconciled.
          </p>
        }
      >
        <Match when={first() && second() && withheldSide()}>
          {(n) => (
            <p class="notice" data-testid="checklist-withheld">
              {withheldMessage({
                reviewerId: ids().reviewers[n() - 1] ?? null,
                reviewerName: nameOf(ids().reviewers[n() - 1] ?? null),
                viewer: props.project.role === 'viewer',
              })}
            </p>
          )}
        </Match>
        <Match when={first() && second() && !reviewersReady()}>
          <Loading label="Loading the reviewers’ checklists…" />
        </Match>
        <Match when={first() && second()}>
          <section class="card" aria-labelledby="agreement-heading">
            <h2 id="agreement-heading">Agreement</h2>
            <ChecklistAgreementFigures
              comparison={view().comparison}
              agreement={view().agreement}
              agreementText={view().agreementText}
              projectId={props.project.id}
            />
            <Show when={final()}>
              <p class="reconcile-counts">
                <span>
                  Still to decide: <strong data-testid="undecided">{view().undecided}</strong>
                </span>
              </p>
            </Show>
            <Show when={view().comparison.domains.length > 0}>
              <div class="table-scroll">
                <table class="results-table" data-testid="domain-comparison">
                  <caption class="visually-hidden">Domain judgements side by side</caption>
                  <thead>
                    <tr>
                      <th scope="col">Domain</th>
                      <th scope="col">{labelOf(1)}</th>
                      <th scope="col">{labelOf(2)}</th>
                      <th scope="col">Reconciled</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={view().comparison.domains}>
                      {(d) => (
                        <tr data-agree={d.agree ? 'true' : 'false'}>
                          <th scope="row">
                            {d.title}
                            {d.agree ? '' : ' (differs)'}
                          </th>
                          <DomainJudgementCell type={t.type} judgement={d.first} />
                          <DomainJudgementCell type={t.type} judgement={d.second} />
                          <DomainJudgementCell
                            type={t.type}
                            judgement={
                              view().finalVerdict.domains.find((x) => x.domainId === d.domainId)
                                ?.judgement
                            }
                          />
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
            <p class="summary-line">
              <span class="summary-label">Reconciled overall judgement </span>
              <span data-testid="reconciled-overall">
                <JudgementBadge
                  type={t.type}
                  judgement={view().finalOverall}
                  fallback="Incomplete"
                />
              </span>
            </p>
            <Show
              when={final()}
              fallback={
                <Show
                  when={canReconcile() && bothDone()}
                  fallback={
                    <p class="notice">
                      {!canReconcile()
                        ? 'Only editors and owners can reconcile.'
                        : 'Both reviewers must mark their checklists complete first.'}
                    </p>
                  }
                >
                  <button
                    type="button"
                    class="button button-primary"
                    data-testid="start-reconciling"
                    onClick={start}
                  >
                    Start reconciling
                  </button>
                </Show>
              }
            >
              {(f) => (
                <>
                  <p class="summary-line">
                    <span class="summary-label">Status </span>
                    <span data-testid="reconciled-status">
                      {CHECKLIST_STATUS_LABEL[f().status]}
                    </span>{' '}
                    <Show when={canReconcile() && f().status === 'reconciling'}>
                      <button
                        type="button"
                        class="button button-primary"
                        data-testid="finalize"
                        disabled={!view().canFinalize}
                        aria-describedby={view().canFinalize ? undefined : 'finalize-unanswered'}
                        onClick={() => finalizeReconciliation(doc, f().id, meId())}
                      >
                        Finalize
                      </button>
                    </Show>
                  </p>
                  <Show when={f().status === 'reconciling' && !view().canFinalize}>
                    <div
                      class="summary-detail"
                      id="finalize-unanswered"
                      data-testid="finalize-unanswered"
                    >
                      <Show when={canReconcile() && view().finalizeHint}>
                        {(hint) => <p class="summary-hint">{hint()}</p>}
                      </Show>
                      <Show when={!view().unanswered.complete}>
                        <p>
                          {view().unanswered.missingText}:{' '}
                          <QuestionLinks links={view().unanswered.missing} />
                        </p>
                      </Show>
                      <Show when={view().stale.links.length > 0}>
                        <p data-testid="stale-judgements">
                          {view().stale.text}: <JudgementLinks links={view().stale.links} />
                        </p>
                      </Show>
                    </div>
                  </Show>
                  <Show when={f().status === 'finalized' && canReconcile()}>
                    <ReopenReconciliation
                      doc={doc}
                      checklistId={f().id}
                      userId={meId()}
                      role={props.project.role}
                      allowed={canReopenReconciliation(props.project.role, f().status)}
                    />
                  </Show>
                </>
              )}
            </Show>
          </section>

          {/* Keyed by id (strings), so an answer re-renders values, not fields: focus stays put. */}
          <For each={view().sections.map((s) => s.section.id)}>
            {(sectionId) => {
              const section = () => view().sections.find((s) => s.section.id === sectionId);
              return (
                <Show when={section()}>
                  {(s) => (
                    <section class="checklist-section" aria-labelledby={`rsection-${sectionId}`}>
                      <h2 id={`rsection-${sectionId}`}>{s().section.title}</h2>
                      <For each={s().rows.map((r) => r.item.id)}>
                        {(itemId) => (
                          <Show when={s().rows.find((r) => r.item.id === itemId)}>
                            {(row) => (
                              <ReconcileRowView
                                row={row()}
                                labelOf={labelOf}
                                noteOf={(n) => noteString(n === 1 ? 'first' : 'second', itemId)}
                                noteTakes={(n) =>
                                  finalNoteTakes(n === 1 ? 'first' : 'second', itemId)
                                }
                                onTakeNote={(n) =>
                                  take(
                                    (d) => noteText(d, itemId),
                                    noteString(n === 1 ? 'first' : 'second', itemId),
                                  )
                                }
                                finalNote={finalDoc() && noteText(finalDoc()!, itemId)}
                                started={final() !== undefined}
                                editable={editable()}
                                onAnswer={(value) => {
                                  try {
                                    setAnswer(doc, ids().reconciled, finalDoc()!, itemId, value);
                                    return true;
                                  } catch {
                                    // Finalized by someone else meanwhile: the field shows it.
                                    return false;
                                  }
                                }}
                              />
                            )}
                          </Show>
                        )}
                      </For>
                      <Show when={view().domainJudgements.find((d) => d.domainId === sectionId)}>
                        {(domain) => (
                          <ReconcileDomainJudgement
                            type={t.type}
                            domain={domain()}
                            labelOf={labelOf}
                            nameOf={nameOf}
                            supportOf={(n) => supportString(n, sectionId)}
                            finalSupportText={texts.final()?.support[sectionId] ?? ''}
                            editable={editable()}
                            onTakeSupport={(n) =>
                              take((d) => supportText(d, sectionId), supportString(n, sectionId))
                            }
                            onPickJudgement={(pick) =>
                              assessorJudgementError(() =>
                                setDomainJudgement(
                                  doc,
                                  ids().reconciled,
                                  finalDoc()!,
                                  sectionId,
                                  pick.kind === 'withdraw'
                                    ? null
                                    : {
                                        judgement: pick.judgement,
                                        reason: pick.reason,
                                        by: meId(),
                                      },
                                ),
                              )
                            }
                          >
                            <Show when={final() && domain().final}>
                              {(reconciled) => (
                                <DomainJudgementPanel
                                  type={t.type}
                                  domain={reconciled()}
                                  readOnly={!editable()}
                                  nameOf={nameOf}
                                  support={finalDoc() && supportText(finalDoc()!, sectionId)}
                                  onOverride={(judgement, reason) =>
                                    assessorJudgementError(() =>
                                      setDomainJudgement(
                                        doc,
                                        ids().reconciled,
                                        finalDoc()!,
                                        sectionId,
                                        {
                                          judgement,
                                          reason,
                                          by: meId(),
                                        },
                                      ),
                                    )
                                  }
                                  onWithdraw={() =>
                                    assessorJudgementError(() =>
                                      setDomainJudgement(
                                        doc,
                                        ids().reconciled,
                                        finalDoc()!,
                                        sectionId,
                                        null,
                                      ),
                                    )
                                  }
                                />
                              )}
                            </Show>
                          </ReconcileDomainJudgement>
                        )}
                      </Show>
                    </section>
                  )}
                </Show>
              );
            }}
          </For>
          <Show when={final() && t.type !== 'AMSTAR2'}>
            <ReviewerRaises type={t.type} verdicts={view().reviewerVerdicts} labelOf={labelOf} />
            <OverallJudgementPanel
              type={t.type}
              verdict={view().finalVerdict}
              readOnly={!editable()}
              nameOf={nameOf}
              onRaise={(judgement, reason) =>
                assessorJudgementError(() =>
                  setOverallRaise(doc, ids().reconciled, finalDoc()!, {
                    judgement,
                    reason,
                    by: meId(),
                  }),
                )
              }
              onWithdraw={() =>
                assessorJudgementError(() =>
                  setOverallRaise(doc, ids().reconciled, finalDoc()!, null),
                )
              }
            />
          </Show>
          <Show when={final()}>
            {(f) => <ChecklistHistory events={f().history} nameOf={nameOf} />}
          </Show>
        </Match>
      </Switch>
    </Show>
  );
}

/** Each reviewer's raise of the overall judgement, with the reason, when they raised it. */
/** One cell of the domain comparison: a reviewer's or the reconciled judgement of a domain. */
function DomainJudgementCell(props: { type: ChecklistType; judgement: Judgement | undefined }) {
  return (
    <td>
      <JudgementBadge type={props.type} judgement={props.judgement} fallback="Not judged" />
    </td>
  );
}

function ReviewerRaises(props: {
  type: ChecklistType;
  verdicts: [AssessedVerdict, AssessedVerdict];
  labelOf: (n: 1 | 2) => string;
}) {
  const raised = () =>
    ([1, 2] as const).flatMap((n) => {
      const raise = props.verdicts[n === 1 ? 0 : 1].raise;
      return raise?.applies ? [{ n, raise }] : [];
    });
  return (
    <Show when={raised().length > 0}>
      <ul class="reviewer-raises" data-testid="reviewer-raises">
        <For each={raised()}>
          {(r) => (
            <li>
              {props.labelOf(r.n)} raised the overall judgement to{' '}
              <JudgementBadge type={props.type} judgement={r.raise.judgement} /> (suggested{' '}
              {r.raise.suggestedThen?.label ?? '—'}): “{r.raise.reason}”
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

function ReconcileRowView(props: {
  row: ReconcileRow;
  labelOf: (n: 1 | 2) => string;
  noteOf: (n: 1 | 2) => string;
  /** The reviewer's note is not yet in the reconciled note. */
  noteTakes: (n: 1 | 2) => boolean;
  onTakeNote: (n: 1 | 2) => void;
  finalNote: Y.Text | undefined;
  started: boolean;
  editable: boolean;
  onAnswer: (value: string | undefined) => boolean;
}) {
  const item = props.row.item;
  return (
    <div
      class="reconcile-row"
      data-testid="reconcile-row"
      data-item-id={item.id}
      data-agree={props.row.agree ? 'true' : 'false'}
      data-status={props.row.status ?? ''}
    >
      <p class="agreement-tag">{props.row.tag}</p>
      <dl class="reconcile-answers">
        <For each={[1, 2] as const}>
          {(n) => {
            const answer = () => (n === 1 ? props.row.first : props.row.second);
            return (
              <div>
                <dt>{props.labelOf(n)}</dt>
                <dd data-testid={`answer-${n}`}>
                  {item.kind === 'text'
                    ? ''
                    : (answer()?.label ??
                      ((n === 1 ? props.row.asked.first : props.row.asked.second)
                        ? 'No answer'
                        : 'Not asked'))}
                  <Show when={props.noteOf(n)}>
                    {(note) => <span class="muted"> — “{note()}”</span>}
                  </Show>{' '}
                  <Show when={props.editable && answer() && answer()!.value !== props.row.final}>
                    <button
                      type="button"
                      class="button button-small"
                      data-testid={`use-${n}`}
                      aria-label={`Use reviewer ${n}’s answer to ${item.number}`}
                      onClick={() => props.onAnswer(answer()!.value)}
                    >
                      Use this answer
                    </button>{' '}
                    <Show when={props.noteTakes(n)}>
                      <button
                        type="button"
                        class="button button-small"
                        data-testid={`use-${n}-with-note`}
                        aria-label={`Use reviewer ${n}’s answer to ${item.number} and their note`}
                        onClick={() => {
                          if (props.onAnswer(answer()!.value)) props.onTakeNote(n);
                        }}
                      >
                        Use answer and note
                      </button>
                    </Show>
                  </Show>
                  <Show
                    when={
                      props.editable &&
                      props.noteTakes(n) &&
                      (!answer() || answer()!.value === props.row.final)
                    }
                  >
                    <button
                      type="button"
                      class="button button-small"
                      data-testid={`take-note-${n}`}
                      aria-label={`Add reviewer ${n}’s note on ${item.number} to the reconciled note`}
                      onClick={() => props.onTakeNote(n)}
                    >
                      Take this note
                    </button>
                  </Show>
                </dd>
              </div>
            );
          }}
        </For>
      </dl>
      <Show when={props.started}>
        <ChecklistItemField
          item={item}
          value={props.row.final}
          reached={props.row.askedInFinal}
          readOnly={!props.editable}
          onAnswer={(_, value) => props.onAnswer(value)}
          note={props.finalNote}
        />
      </Show>
    </div>
  );
}
