import { type StudyFields, studyFieldsSchema } from '../doc/layout.ts';
import { UTF8_BOM } from '../csv.ts';

/** The reference formats a study list can be imported from. */
export const IMPORT_FORMATS = ['ris', 'bibtex', 'nbib', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Bounds on one import. The whole file is parsed in the page and every study lands in the project
 * document, which every member downloads: 10,000 studies is far beyond a systematic review's
 * included list, and 10 MB of references is about 10,000 records with abstracts.
 */
export const MAX_IMPORT_CHARS = 10 * 1024 * 1024;
export const MAX_IMPORT_RECORDS = 10_000;

/** Why a whole file cannot be imported (a single bad record is an invalid entry instead). */
export const ImportErrorCode = {
  /** More than MAX_IMPORT_CHARS characters. */
  tooLarge: 'import-too-large',
  /** More than MAX_IMPORT_RECORDS records. */
  tooManyRecords: 'import-too-many-records',
  /** No record of the chosen format was found. */
  noRecords: 'import-no-records',
  /** A CSV file without a header row and at least one data row. */
  noCsvRows: 'import-no-csv-rows',
} as const;
export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** One record as a parser read it: strings only, before cleaning and validation. */
export interface SourceRecord {
  /** 1-based line of the file where the record starts, to point people at it. */
  line: number;
  title: string;
  authors: string[];
  year: string;
  journal: string;
  doi: string;
  /** Set when the record could not be read at all (a BibTeX entry without its closing brace). */
  problem?: string;
}

export const emptyRecord = (line: number): SourceRecord => ({
  line,
  title: '',
  authors: [],
  year: '',
  journal: '',
  doi: '',
});

/** A record ready to import, or the reason it cannot be. */
export type ImportEntry =
  | { line: number; ok: true; fields: StudyFields }
  | { line: number; ok: false; title: string; reason: string };

/** Separates authors in the study's one authors field; a comma is inside "Lee, J." already. */
export const AUTHOR_SEPARATOR = '; ';
const MAX_AUTHORS_CHARS = 2000;

/** The characters the study form would never let through; tabs and line breaks become spaces. */
// Matching control characters is the point of this one.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200D\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Whitespace runs (line breaks of multi-line fields included) to one space, controls dropped. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').replace(CONTROL, '').trim();
}

/**
 * A DOI as reference managers write it ("https://doi.org/10.…", "doi:10.…", "10.… [doi]") reduced
 * to the bare DOI the study schema expects.
 */
export function normaliseDoi(input: string): string {
  let doi = cleanText(input)
    .replace(/\s*\[doi\]$/i, '')
    .replace(/^doi:\s*/i, '');
  const url = /^https?:\/\/(?:dx\.)?doi\.org\/(.+)$/i.exec(doi);
  if (url) {
    try {
      doi = decodeURIComponent(url[1]!);
    } catch {
      doi = url[1]!;
    }
  }
  return doi;
}

/** The first plausible four-digit year in a date as formats write it ("1948/07//", "2009 Jul"). */
function yearOf(value: string): number | null | 'unreadable' {
  const text = cleanText(value);
  if (text === '') return null;
  const match = /(?<!\d)(\d{4})(?!\d)/.exec(text);
  return match ? Number(match[1]) : 'unreadable';
}

/** Authors joined into one field; a list past the field's limit ends in "et al." rather than failing. */
function joinAuthors(authors: string[]): string {
  const names = authors.map(cleanText).filter((a) => a !== '');
  let joined = names.join(AUTHOR_SEPARATOR);
  if (joined.length <= MAX_AUTHORS_CHARS) return joined;
  const suffix = `${AUTHOR_SEPARATOR}et al.`;
  joined = '';
  for (const name of names) {
    const next = joined === '' ? name : joined + AUTHOR_SEPARATOR + name;
    if (next.length + suffix.length > MAX_AUTHORS_CHARS) break;
    joined = next;
  }
  return joined + suffix;
}

/** Names of the fields an import fills, for reasons ("Year: …"). */
const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  authors: 'Authors',
  year: 'Year',
  journal: 'Journal',
  doi: 'DOI',
};

/**
 * A record cleaned and validated by the same `studyFieldsSchema` as the add-study form; a record
 * that fails is an entry with the reason, so the preview can list it and the import skip it.
 */
export function toEntry(record: SourceRecord): ImportEntry {
  const title = cleanText(record.title);
  if (record.problem) return { line: record.line, ok: false, title, reason: record.problem };
  const year = yearOf(record.year);
  if (year === 'unreadable')
    return {
      line: record.line,
      ok: false,
      title,
      reason: `Year: “${cleanText(record.year)}” has no year in it`,
    };
  const parsed = studyFieldsSchema.safeParse({
    title,
    authors: joinAuthors(record.authors),
    year,
    journal: cleanText(record.journal),
    doi: normaliseDoi(record.doi),
  });
  if (parsed.success) return { line: record.line, ok: true, fields: parsed.data };
  const reason = parsed.error.issues
    .map((issue) => {
      const label = FIELD_LABELS[String(issue.path[0])];
      return label ? `${label}: ${issue.message}` : issue.message;
    })
    .join('; ');
  return { line: record.line, ok: false, title, reason };
}

/** Throws when a file has more records than one import takes. */
export function checkRecordCount(count: number) {
  if (count > MAX_IMPORT_RECORDS)
    throw new ImportError(
      ImportErrorCode.tooManyRecords,
      `The file has ${count.toLocaleString('en')} records; one import takes at most ${MAX_IMPORT_RECORDS.toLocaleString('en')}. Split it into smaller files.`,
    );
}

/** Throws when the text is more than one import takes. */
export function checkImportSize(text: string) {
  if (text.length > MAX_IMPORT_CHARS)
    throw new ImportError(
      ImportErrorCode.tooLarge,
      `The file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB; split it into smaller files.`,
    );
}

/** Text without the byte-order mark spreadsheets and Windows tools put before UTF-8. */
export const stripBom = (text: string) => (text.startsWith(UTF8_BOM) ? text.slice(1) : text);
