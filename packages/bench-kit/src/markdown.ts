/**
 * docs/benchmarks.md is shared by several benchmark groups; each owns the text between its own
 * pair of markers and rewrites only that, so one group's run never disturbs another's figures.
 */
export function sectionMarkers(id: string) {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`section id must be kebab-case: ${id}`);
  return { start: `<!-- bench:${id}:start -->`, end: `<!-- bench:${id}:end -->` };
}

/**
 * `doc` with the section `id` replaced by `body` (markers kept), or with the section appended when
 * the markers are not there yet. Markers that are unpaired or out of order are an error: guessing
 * would overwrite someone else's text.
 */
export function replaceSection(doc: string, id: string, body: string): string {
  const { start, end } = sectionMarkers(id);
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 && to === -1) {
    const head = doc.trimEnd();
    return `${head}${head ? '\n\n' : ''}${block}\n`;
  }
  if (from === -1 || to === -1 || to < from || doc.indexOf(start, from + 1) !== -1) {
    throw new Error(`section markers for "${id}" are unpaired, repeated or out of order`);
  }
  return doc.slice(0, from) + block + doc.slice(to + end.length);
}

/** A GitHub-flavoured table; `|` in a cell is escaped so it cannot split the row. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
