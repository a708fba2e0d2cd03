import { latexToText } from './latex.ts';
import { type SourceRecord, emptyRecord } from './records.ts';

/**
 * BibTeX (.bib), as described in Patashnik's "BibTeXing" and read by BibTeX itself: entries
 * `@type{key, field = value, …}` (or with parentheses), values in braces, in quotes or bare
 * (numbers and @string abbreviations), joined with `#`. `@string` defines abbreviations,
 * `@preamble` and `@comment` are skipped, and text outside entries is a comment.
 */

/** BibTeX's predefined month abbreviations. */
const MONTHS: Record<string, string> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

class BibSyntaxError extends Error {}

class Reader {
  pos = 0;
  /** Lines are counted from the last position asked about: entries are read in order. */
  private counted = { pos: 0, line: 1 };
  constructor(readonly text: string) {}

  lineAt(pos: number) {
    if (pos < this.counted.pos) this.counted = { pos: 0, line: 1 };
    let { line } = this.counted;
    for (let i = this.counted.pos; i < pos && i < this.text.length; i++)
      if (this.text[i] === '\n') line++;
    this.counted = { pos, line };
    return line;
  }
  skipSpace() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  peek() {
    return this.text[this.pos];
  }
  expect(char: string) {
    this.skipSpace();
    if (this.text[this.pos] !== char)
      throw new BibSyntaxError(`expected “${char}” on line ${this.lineAt(this.pos)}`);
    this.pos++;
  }
  identifier() {
    this.skipSpace();
    const match = /^[^\s"#%'(),={}]+/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!match) throw new BibSyntaxError(`expected a name on line ${this.lineAt(this.pos)}`);
    this.pos += match[0].length;
    return match[0];
  }
  /** A `{…}` group's content (nested braces kept), the reader after its closing brace. */
  braced() {
    const start = this.pos;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        this.pos++;
        return this.text.slice(start + 1, this.pos - 1);
      }
    }
    throw new BibSyntaxError(`a brace opened on line ${this.lineAt(start)} is never closed`);
  }
  /** A `"…"` value: a quote inside braces does not end it. */
  quoted() {
    const start = this.pos;
    let depth = 0;
    for (this.pos++; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        this.pos++;
        return this.text.slice(start + 1, this.pos - 1);
      }
    }
    throw new BibSyntaxError(`a quote opened on line ${this.lineAt(start)} is never closed`);
  }
  /** A field value: pieces joined by `#`. */
  value(strings: Map<string, string>) {
    let out = '';
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '{') out += this.braced();
      else if (c === '"') out += this.quoted();
      else {
        const name = this.identifier();
        if (/^\d+$/.test(name)) out += name;
        else {
          // An undefined abbreviation is empty, as BibTeX reads it (with a warning): an unknown
          // `month = sept` must not cost the entry.
          const key = name.toLowerCase();
          out += strings.get(key) ?? MONTHS[key] ?? '';
        }
      }
      this.skipSpace();
      if (this.peek() !== '#') return out;
      this.pos++;
    }
  }
}

/** `and` at brace depth 0 separates names; `{Barnes and Noble}` is one. */
function splitAuthors(value: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c!)) {
      const match = /^\s+and\s+/i.exec(value.slice(i));
      if (match) {
        names.push(value.slice(start, i));
        i += match[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(value.slice(start));
  return names.map((n) => latexToText(n).trim()).filter((n) => n !== '');
}

function toRecord(line: number, fields: Map<string, string>): SourceRecord {
  const first = (...names: string[]) =>
    latexToText(names.map((n) => fields.get(n)).find((v) => v !== undefined) ?? '');
  const url = fields.get('url') ?? '';
  return {
    ...emptyRecord(line),
    title: first('title'),
    authors: splitAuthors(fields.get('author') ?? ''),
    // biblatex writes `date = {2019-03-01}` where BibTeX has `year`.
    year: first('year', 'date'),
    journal: first('journal', 'journaltitle', 'booktitle'),
    // Not through latexToText: a DOI may hold "--"; only escapes and braces are undone.
    doi: (fields.get('doi') ?? (/doi\.org\//i.test(url) ? url : ''))
      .replace(/\\([&%$#_{}])/g, '$1')
      .replace(/[{}]/g, ''),
  };
}

export function parseBibtex(text: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  const strings = new Map<string, string>();
  const reader = new Reader(text);
  for (;;) {
    const at = text.indexOf('@', reader.pos);
    if (at < 0) return records;
    reader.pos = at + 1;
    const line = reader.lineAt(at);
    let type: string;
    try {
      type = reader.identifier().toLowerCase();
    } catch {
      continue; // an "@" in comment text, such as an email address
    }
    reader.skipSpace();
    const open = reader.peek();
    if (open !== '{' && open !== '(') continue; // also an "@" in comment text
    const closer = open === '{' ? '}' : ')';
    try {
      if (type === 'comment' || type === 'preamble') {
        if (open === '{') reader.braced();
        else reader.pos = text.indexOf(')', reader.pos) + 1 || text.length;
        continue;
      }
      reader.pos++;
      if (type === 'string') {
        const name = reader.identifier().toLowerCase();
        reader.expect('=');
        strings.set(name, reader.value(strings));
        reader.expect(closer);
        continue;
      }
      reader.skipSpace();
      // The citation key; BibTeX allows an entry without one.
      if (reader.peek() !== ',') reader.identifier();
      const fields = new Map<string, string>();
      for (;;) {
        reader.skipSpace();
        if (reader.peek() === closer) {
          reader.pos++;
          break;
        }
        reader.expect(',');
        reader.skipSpace();
        if (reader.peek() === closer) continue; // a trailing comma
        const name = reader.identifier().toLowerCase();
        reader.expect('=');
        fields.set(name, reader.value(strings));
      }
      records.push(toRecord(line, fields));
    } catch (error) {
      if (!(error instanceof BibSyntaxError)) throw error;
      records.push({
        ...emptyRecord(line),
        problem: `Could not read this entry: ${error.message}`,
      });
      // Resume at the next entry.
      reader.pos = at + 1;
    }
  }
}
