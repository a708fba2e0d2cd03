import type { ChecklistContent } from '@corates/shared/doc';

/**
 * What the relay knows of a project's checklist documents (document model v2) when it summarizes
 * the project: each checklist's answers and judgements (its rating is derived from them), and how
 * many entries of version-1 content the split could not carry (wrongly typed, so skipped and
 * counted as problems, as the v1 reader counted them).
 */
export interface ChecklistContents {
  byId: ReadonlyMap<string, Pick<ChecklistContent, 'answers' | 'judgements'>>;
  skipped: number;
}
