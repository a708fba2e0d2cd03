/**
 * LaTeX in BibTeX field values reduced to the plain text a study list shows: accents to
 * Unicode (`{\"{U}}nderwood` → Ünderwood), escaped specials to themselves, commands to their
 * argument (`\mbox{G-Animal's}` → G-Animal's), grouping braces and ties dropped.
 */
const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  c: '\u0327',
  v: '\u030C',
  u: '\u0306',
  H: '\u030B',
  k: '\u0328',
  r: '\u030A',
};

const LETTERS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'i',
  j: 'j',
};

export function latexToText(value: string): string {
  let text = value
    // xampl.bib's idiom for a sort key that prints nothing: "{\noopsort{1973c}}1981" is 1981.
    .replace(/\\noopsort\s*\{[^{}]*\}/g, '')
    // Escaped specials first, so `\%` is not read as a comment or `\&` as an alignment.
    .replace(/\\([&%$#_{}])/g, (_, c: string) => `\u0000${c.charCodeAt(0)}\u0000`)
    // Letters without an argument: `\ss`, `{\o}`; `\i` as the dotless i under an accent.
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?![a-zA-Z])\s*/g, (_, l: string) => LETTERS[l]!)
    // Symbol accents: `\"u`, `\"{u}`, `\' e`.
    .replace(
      /\\(["'`^~=.])\s*(?:\{\s*([a-zA-Z])\s*\}|([a-zA-Z]))/g,
      (_, a: string, b, c) => `${(b ?? c) as string}${ACCENTS[a]!}`,
    )
    // Letter accents need a brace or a space: `\c{c}`, `\v s`.
    .replace(
      /\\([cvuHkr])(?:\s*\{\s*([a-zA-Z])\s*\}|\s+([a-zA-Z]))/g,
      (_, a: string, b, c) => `${(b ?? c) as string}${ACCENTS[a]!}`,
    )
    .replace(/---/g, '—')
    .replace(/--/g, '–');
  // Commands with a braced argument, innermost first: keep the argument.
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(/\\[a-zA-Z]+\*?\s*\{([^{}]*)\}/g, '$1');
  }
  return (
    text
      .replace(/\\[a-zA-Z]+\*?/g, '')
      .replace(/\\\\/g, ' ')
      .replace(/[{}]/g, '')
      .replace(/(?<!\\)~/g, ' ')
      .replace(/\$([^$]*)\$/g, '$1')
      // eslint-disable-next-line no-control-regex
      .replace(/\u0000(\d+)\u0000/g, (_, code: string) => String.fromCharCode(Number(code)))
      .normalize('NFC')
  );
}
