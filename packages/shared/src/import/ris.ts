import { splitLines } from './lines.ts';
import { type SourceRecord, emptyRecord } from './records.ts';

/**
 * RIS (Research Information Systems' tagged format, exported by EndNote, Zotero, Mendeley and
 * most databases). A record runs from `TY  - ` to `ER  - `; each line is a two-character tag, two
 * spaces, a hyphen and a space, then the value. A line without a tag continues the previous field
 * (the specification's own example wraps its title). Tags repeat for lists: AU (or the older A1)
 * once per author.
 */
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;

/** Where each study field is read from, first present tag wins (older and newer spec names). */
const TITLE_TAGS = ['TI', 'T1', 'CT', 'BT'];
const AUTHOR_TAGS = new Set(['AU', 'A1']);
const YEAR_TAGS = ['PY', 'Y1', 'DA'];
const JOURNAL_TAGS = ['T2', 'JF', 'JO', 'JA', 'J2', 'J1'];
/** Where a DOI is found when DO is missing: links and notes that hold a doi.org URL or a bare DOI. */
const DOI_FALLBACK_TAGS = ['UR', 'L3', 'M3', 'N1'];

type Fields = Map<string, string[]>;

function toRecord(line: number, fields: Fields): SourceRecord {
  const first = (tags: string[]) => {
    for (const tag of tags) {
      const value = fields.get(tag)?.find((v) => v.trim() !== '');
      if (value !== undefined) return value;
    }
    return '';
  };
  const authors: string[] = [];
  for (const [tag, values] of fields) if (AUTHOR_TAGS.has(tag)) authors.push(...values);
  const doiLike = (v: string) => /(?:^|doi\.org\/|doi:\s*)10\.\d{4,9}\//i.test(v.trim());
  const doi =
    first(['DO']) ||
    DOI_FALLBACK_TAGS.flatMap((t) => fields.get(t) ?? [])
      .map((v) => v.trim())
      .find(doiLike) ||
    '';
  return {
    ...emptyRecord(line),
    title: first(TITLE_TAGS),
    authors,
    year: first(YEAR_TAGS),
    journal: first(JOURNAL_TAGS),
    doi,
  };
}

export function parseRis(text: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  let open: { line: number; fields: Fields; last?: { tag: string; index: number } } | undefined;
  const close = () => {
    if (open) records.push(toRecord(open.line, open.fields));
    open = undefined;
  };
  splitLines(text).forEach((raw, i) => {
    const match = TAG_LINE.exec(raw);
    if (match) {
      const tag = match[1]!;
      const value = match[2] ?? '';
      if (tag === 'TY') {
        // A TY before the previous record's ER: that record ended without one; keep it.
        close();
        open = { line: i + 1, fields: new Map() };
        return;
      }
      if (!open) return; // text between records
      if (tag === 'ER') return close();
      const values = open.fields.get(tag) ?? [];
      values.push(value);
      open.fields.set(tag, values);
      open.last = { tag, index: values.length - 1 };
      return;
    }
    // A continuation line: part of the previous field's value.
    if (open?.last && raw.trim() !== '') {
      const values = open.fields.get(open.last.tag)!;
      values[open.last.index] = `${values[open.last.index]} ${raw.trim()}`;
    }
  });
  close();
  return records;
}
