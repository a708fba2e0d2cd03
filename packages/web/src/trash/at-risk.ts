import { checklistLoss, readChecklistContent } from '@corates/shared/doc';
import { loadChecklistDocs } from '../sync/doc/checklist-doc-provider.ts';
import type { ListedChecklist } from '../studies/study-row.ts';
import { type AtRisk, isStarted } from './trash-text.ts';

/**
 * The started checklists among `checklists`, each with what its document holds (answered, notes),
 * for the warning before they go to the trash. A document the server withholds from this user
 * (an owner blinded as a reviewer of the study) is listed without numbers.
 */
export async function loadAtRisk(
  projectId: string,
  userId: string,
  checklists: readonly ListedChecklist[],
): Promise<AtRisk[]> {
  const started = checklists.filter((c) => isStarted(c.status));
  if (started.length === 0) return [];
  const docs = await loadChecklistDocs(
    projectId,
    started.map((c) => c.id),
    userId,
  );
  return started.map((c) => {
    const doc = docs.get(c.id);
    const loss = doc ? checklistLoss(c.type, readChecklistContent(doc)) : undefined;
    doc?.destroy();
    return { type: c.type, reviewerId: c.reviewerId, loss };
  });
}
