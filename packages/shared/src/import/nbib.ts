import { splitLines } from './lines.ts';
import { type SourceRecord, emptyRecord } from './records.ts';

/**
 * PubMed's MEDLINE format (the `.nbib` file of PubMed's "Cite" and "Save → PubMed format"). Each
 * line is a tag of up to four characters padded to four, "- ", then the value; a long value
 * continues on lines indented by six spaces. Records start with `PMID- ` and are separated by a
 * blank line.
 */
const TAG_LINE = /^([A-Z][A-Z0-9]{0,3}) *- ?(.*)$/;
const CONTINUATION = /^ {6}(.*)$/;

type Fields = Map<string, string[]>;

function toRecord(line: number, fields: Fields): SourceRecord {
  const all = (tag: string) => fields.get(tag) ?? [];
  const first = (...tags: string[]) => tags.map((t) => all(t)[0]).find((v) => v) ?? '';
  // FAU holds the full name ("Moher, David"), AU the initials form; CN is a group author.
  const authors = [...(all('FAU').length > 0 ? all('FAU') : all('AU')), ...all('CN')];
  // LID is often the DOI, but may be a publisher id ("e1000097 [pii]"); AID lists all of them.
  const doi = [...all('LID'), ...all('AID')].find((v) => /\[doi\]\s*$/i.test(v)) ?? '';
  return {
    ...emptyRecord(line),
    title: first('TI', 'BTI'),
    authors,
    year: first('DP'),
    journal: first('JT', 'TA'),
    doi,
  };
}

export function parseNbib(text: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  let open: { line: number; fields: Fields; last?: { tag: string; index: number } } | undefined;
  const close = () => {
    if (open) records.push(toRecord(open.line, open.fields));
    open = undefined;
  };
  splitLines(text).forEach((raw, i) => {
    if (raw.trim() === '') return close();
    const continued = CONTINUATION.exec(raw);
    if (continued && open?.last) {
      const values = open.fields.get(open.last.tag)!;
      values[open.last.index] = `${values[open.last.index]} ${continued[1]!.trim()}`;
      return;
    }
    const match = TAG_LINE.exec(raw);
    if (!match) return;
    const tag = match[1]!;
    if (tag === 'PMID') close();
    open ??= { line: i + 1, fields: new Map() };
    const values = open.fields.get(tag) ?? [];
    values.push(match[2] ?? '');
    open.fields.set(tag, values);
    open.last = { tag, index: values.length - 1 };
  });
  close();
  return records;
}
