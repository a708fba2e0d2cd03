/** What a study label is made of. */
export interface LabelledStudy {
  id: string;
  title: string;
  authors: string;
  year: number | null;
}

// Initials after a surname ("Lee J", "Patel RK", "Smith J.-P."): not part of the name.
const INITIALS = /^(?:[A-Z]{1,3}|(?:[A-Z]\.-?)+[A-Z]?\.?)$/;

/**
 * The first author's surname as the authors field gives it: the text before the first comma or
 * semicolon ("Lee J, Patel R" and "Lee, J; Patel, R" both give "Lee"), without trailing initials.
 * A name without initials is kept whole ("Ada Lovelace"): guessing which word is the surname
 * would get "van der Berg A" wrong.
 */
export function firstAuthor(authors: string): string {
  const first = authors.split(/[,;\n]/, 1)[0]!.trim();
  const words = first.split(/\s+/).filter((w) => w !== '');
  while (words.length > 1 && INITIALS.test(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/**
 * Each study's label in figures and the robvis table, by study id, as risk-of-bias figures name
 * studies: first author and year ("Lee 2020"), "a", "b", … after the year when several studies
 * share one ("Lee 2020a", "Lee 2020b", in the order given); the title when the study has no
 * authors. Labels are unique within `studies`.
 */
export function studyLabels(studies: readonly LabelledStudy[]): Map<string, string> {
  const base = studies.map((s) => {
    const author = firstAuthor(s.authors);
    if (author === '') return s.title.trim();
    return s.year === null ? author : `${author} ${s.year}`;
  });
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  const taken = new Set(base.filter((b) => counts.get(b) === 1));
  const labels = new Map<string, string>();
  studies.forEach((s, i) => {
    const b = base[i]!;
    if (counts.get(b) === 1) {
      labels.set(s.id, b);
      return;
    }
    // Suffixes skip a label another study already has ("Lee 2020a" typed in as an author).
    let n = seen.get(b) ?? 0;
    let label: string;
    do label = `${b}${suffix(n++)}`;
    while (taken.has(label));
    seen.set(b, n);
    taken.add(label);
    labels.set(s.id, label);
  });
  return labels;
}

/** 0 → "a", 25 → "z", 26 → "aa": enough letters for any number of studies. */
function suffix(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26))
    out = String.fromCharCode(97 + ((i - 1) % 26)) + out;
  return out;
}
