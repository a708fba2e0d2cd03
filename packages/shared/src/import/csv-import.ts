import {
  ImportError,
  ImportErrorCode,
  type SourceRecord,
  checkImportSize,
  checkRecordCount,
  emptyRecord,
  stripBom,
} from './records.ts';

/**
 * CSV and TSV reference lists (spreadsheets, Covidence and Rayyan exports, Scopus and Web of
 * Science's CSV). RFC 4180 quoting (quoted fields may hold the delimiter, doubled quotes and line
 * breaks); the delimiter is a comma, a semicolon (spreadsheets in locales whose decimal mark is a
 * comma write those) or a tab, whichever the header row has most of.
 */
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvTable {
  delimiter: CsvDelimiter;
  headers: string[];
  /** Data rows with the 1-based line each starts on (a quoted line break spans lines). */
  rows: { line: number; cells: string[] }[];
}

/** The study fields a CSV column can fill. */
export const CSV_FIELDS = ['title', 'authors', 'year', 'journal', 'doi'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Which column (by index) fills each study field; null leaves the field empty. */
export type CsvMapping = Record<CsvField, number | null>;

export function detectDelimiter(text: string): CsvDelimiter {
  // The header row, outside quotes.
  let inQuotes = false;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && c in counts) counts[c as CsvDelimiter]++;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

/** RFC 4180 rows. */
function parseRows(text: string, delimiter: CsvDelimiter) {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      cell = '';
      inQuotes = true;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** The file's header and rows; `delimiter` overrides the detected one. */
export function readCsvTable(input: string, delimiter?: CsvDelimiter): CsvTable {
  checkImportSize(input);
  const text = stripBom(input);
  delimiter ??= detectDelimiter(text);
  const rows = parseRows(text, delimiter);
  checkRecordCount(rows.length - 1);
  const [header, ...data] = rows;
  if (!header || data.length === 0)
    throw new ImportError(
      ImportErrorCode.noCsvRows,
      'The CSV file needs a header row naming its columns and at least one row of studies.',
    );
  return { delimiter, headers: header.cells.map((h) => h.trim()), rows: data };
}

/**
 * Header names that usually hold each field: our own export's, reference managers' and the big
 * databases' (Scopus: "Source title"; Web of Science's tags; PubMed's CSV: "Publication Year").
 */
const HEADER_GUESSES: Record<CsvField, string[]> = {
  title: ['title', 'article title', 'document title', 'primary title', 'study title', 'ti', 't1'],
  authors: ['authors', 'author', 'author(s)', 'author names', 'author full names', 'au', 'a1'],
  year: ['year', 'publication year', 'pub year', 'py', 'date', 'publication date', 'dp'],
  journal: [
    'journal',
    'journal title',
    'journal/book',
    'source title',
    'source',
    'publication title',
    'secondary title',
    'jo',
    'jf',
    't2',
    'so',
  ],
  doi: ['doi', 'di', 'do', 'doi link'],
};

const headerKey = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** A mapping guessed from the header names; columns nobody recognises map to nothing. */
export function guessCsvMapping(headers: string[]): CsvMapping {
  const keys = headers.map(headerKey);
  const mapping = {} as CsvMapping;
  for (const field of CSV_FIELDS) {
    const index = HEADER_GUESSES[field].map((guess) => keys.indexOf(guess)).find((i) => i >= 0);
    mapping[field] = index ?? null;
  }
  return mapping;
}

export function csvRecords(table: CsvTable, mapping: CsvMapping): SourceRecord[] {
  const cell = (cells: string[], field: CsvField) => {
    const index = mapping[field];
    return index === null ? '' : (cells[index] ?? '');
  };
  return table.rows.map(({ line, cells }) => {
    const authors = cell(cells, 'authors');
    return {
      ...emptyRecord(line),
      title: cell(cells, 'title'),
      authors: authors.trim() === '' ? [] : [authors],
      year: cell(cells, 'year'),
      journal: cell(cells, 'journal'),
      doi: cell(cells, 'doi'),
    };
  });
}
