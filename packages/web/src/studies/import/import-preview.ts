import type { ImportFormat, PreviewRow } from '@corates/shared';
import { countLabel } from '../../ui/format.ts';

/** The formats as people know them, in the order the format menu lists them. */
export const FORMAT_LABELS: Record<ImportFormat, string> = {
  ris: 'RIS (.ris)',
  bibtex: 'BibTeX (.bib)',
  nbib: 'PubMed (.nbib)',
  csv: 'CSV (.csv)',
};

/** What the file picker offers; `.txt` because PubMed and databases often save that. */
export const ACCEPTED_FILES = '.ris,.bib,.bibtex,.nbib,.medline,.csv,.tsv,.txt';

/** The preview table shows this many rows at most; the summary counts them all. */
export const PREVIEW_ROW_LIMIT = 500;

export type RowStatus = 'new' | 'existing' | 'in-file' | 'invalid';

export const rowStatus = (row: PreviewRow): RowStatus => (row.ok ? row.duplicate.kind : 'invalid');

/** A row's status in words; `titleOf` names the study or the earlier row it duplicates. */
export function rowStatusText(
  row: PreviewRow,
  titleOf: { study: (id: string) => string; row: (index: number) => string },
): string {
  if (!row.ok) return `Not imported: ${row.reason}`;
  switch (row.duplicate.kind) {
    case 'new':
      return 'New';
    case 'existing':
      return `Already in the project as “${titleOf.study(row.duplicate.studyId)}”`;
    case 'in-file':
      return `Repeats row ${row.duplicate.index + 1} (“${titleOf.row(row.duplicate.index)}”)`;
  }
}

export interface PreviewSummary {
  new: number;
  existing: number;
  inFile: number;
  invalid: number;
}

export function summarise(rows: readonly PreviewRow[]): PreviewSummary {
  const out: PreviewSummary = { new: 0, existing: 0, inFile: 0, invalid: 0 };
  for (const row of rows) {
    const status = rowStatus(row);
    if (status === 'new') out.new++;
    else if (status === 'existing') out.existing++;
    else if (status === 'in-file') out.inFile++;
    else out.invalid++;
  }
  return out;
}

/** The summary as one sentence for the preview's heading and screen readers. */
export function summaryText(s: PreviewSummary): string {
  const parts = [`${countLabel(s.new, 'new study', 'new studies')}`];
  if (s.existing > 0) parts.push(`${s.existing} already in the project`);
  if (s.inFile > 0) parts.push(`${s.inFile} repeated in the file`);
  if (s.invalid > 0) parts.push(`${s.invalid} that cannot be imported`);
  return `${parts.join(', ')}.`;
}

export const importButtonLabel = (count: number) =>
  count === 0 ? 'Nothing to import' : `Import ${countLabel(count, 'study', 'studies')}`;
