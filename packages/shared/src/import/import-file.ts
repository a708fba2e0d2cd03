import { parseBibtex } from './bibtex.ts';
import { type CsvMapping, type CsvTable, csvRecords } from './csv-import.ts';
import { type DuplicateFields, type DuplicateOf, findDuplicates } from './duplicates.ts';
import { parseNbib } from './nbib.ts';
import {
  type ImportEntry,
  type ImportFormat,
  ImportError,
  ImportErrorCode,
  type SourceRecord,
  checkImportSize,
  checkRecordCount,
  stripBom,
  toEntry,
} from './records.ts';
import { parseRis } from './ris.ts';

const EXTENSIONS: Record<string, ImportFormat> = {
  ris: 'ris',
  bib: 'bibtex',
  bibtex: 'bibtex',
  nbib: 'nbib',
  medline: 'nbib',
  csv: 'csv',
  tsv: 'csv',
};

/**
 * The format of a file: by its extension when that is one of ours, else by its content (PubMed
 * and databases often save `.txt`). Undefined when neither tells; the person then chooses.
 */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const byExtension = extension === undefined ? undefined : EXTENSIONS[extension];
  if (byExtension) return byExtension;
  const head = stripBom(text).slice(0, 20_000);
  if (/^TY {1,2}- /m.test(head)) return 'ris';
  if (/^PMID- /m.test(head)) return 'nbib';
  if (/^\s*@[a-zA-Z]+\s*[{(]/m.test(head)) return 'bibtex';
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (/[,;\t]/.test(firstLine)) return 'csv';
  return undefined;
}

/**
 * A reference file's records as entries (valid study fields or the reason they are not). CSV
 * needs its table (`readCsvTable`) and a column mapping; the tagged formats need only the text.
 */
export function parseImport(
  input:
    | { format: Exclude<ImportFormat, 'csv'>; text: string }
    | {
        format: 'csv';
        table: CsvTable;
        mapping: CsvMapping;
      },
): ImportEntry[] {
  let records: SourceRecord[];
  if (input.format === 'csv') records = csvRecords(input.table, input.mapping);
  else {
    checkImportSize(input.text);
    const text = stripBom(input.text);
    records = { ris: parseRis, bibtex: parseBibtex, nbib: parseNbib }[input.format](text);
  }
  checkRecordCount(records.length);
  if (records.length === 0)
    throw new ImportError(
      ImportErrorCode.noRecords,
      'No references were found in the file. Check that it is the format chosen.',
    );
  return records.map(toEntry);
}

/** One row of the import preview. */
export type PreviewRow = ImportEntry & { duplicate: DuplicateOf };

/** The preview: each entry with what it duplicates (invalid entries are never compared). */
export function previewImport(
  entries: readonly ImportEntry[],
  existing: readonly (DuplicateFields & { id: string })[],
): PreviewRow[] {
  const valid = entries.flatMap((e, i) => (e.ok ? [{ fields: e.fields, i }] : []));
  const found = findDuplicates(
    existing,
    valid.map((v) => v.fields),
  );
  const byEntry = new Map<number, DuplicateOf>();
  valid.forEach((v, n) => {
    const d = found[n]!;
    // In-file duplicates point at the entry's position in the whole list.
    byEntry.set(v.i, d.kind === 'in-file' ? { kind: 'in-file', index: valid[d.index]!.i } : d);
  });
  return entries.map((entry, i) => ({ ...entry, duplicate: byEntry.get(i) ?? { kind: 'new' } }));
}

/** The studies an import writes: the valid entries that duplicate nothing. */
export const studiesToImport = (rows: readonly PreviewRow[]) =>
  rows.flatMap((r) => (r.ok && r.duplicate.kind === 'new' ? [r.fields] : []));
