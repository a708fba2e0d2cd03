import type { StudyFields } from '../doc/layout.ts';

/**
 * Duplicate detection, in the order reviewers trust: the DOI when both records have one, else the
 * normalised title and the year. Two records with different DOIs are different studies even
 * under one title (a preprint and its journal version are appraised apart); a record without a
 * DOI matches on title and year alone.
 */

/** A title compared without case, accents, punctuation or spacing ("Café-based: trial." = "cafe based trial"). */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface DuplicateKey {
  /** The DOI in lower case (DOIs are case-insensitive), or null without one. */
  doi: string | null;
  /** Normalised title and year; a missing year only matches a missing year. */
  titleYear: string;
}

export type DuplicateFields = Pick<StudyFields, 'title' | 'year' | 'doi'>;

export function duplicateKey(fields: DuplicateFields): DuplicateKey {
  const doi = fields.doi.trim().toLowerCase();
  return {
    doi: doi === '' ? null : doi,
    titleYear: `${normaliseTitle(fields.title)}|${fields.year ?? ''}`,
  };
}

/** What an incoming record duplicates, if anything. */
export type DuplicateOf =
  | { kind: 'new' }
  /** A study already in the project. */
  | { kind: 'existing'; studyId: string }
  /** An earlier record of the same file (by its index in `incoming`). */
  | { kind: 'in-file'; index: number };

/** An index of records answering "which earlier one is this a duplicate of?". */
class DuplicateIndex<T> {
  private byDoi = new Map<string, T>();
  private byTitleYear = new Map<string, { doi: string | null; ref: T }[]>();

  add(key: DuplicateKey, ref: T) {
    if (key.doi !== null && !this.byDoi.has(key.doi)) this.byDoi.set(key.doi, ref);
    const list = this.byTitleYear.get(key.titleYear) ?? [];
    list.push({ doi: key.doi, ref });
    this.byTitleYear.set(key.titleYear, list);
  }

  find(key: DuplicateKey): T | undefined {
    if (key.doi !== null) {
      const same = this.byDoi.get(key.doi);
      if (same !== undefined) return same;
    }
    // By title and year only where at most one side has a DOI.
    return this.byTitleYear
      .get(key.titleYear)
      ?.find((candidate) => key.doi === null || candidate.doi === null)?.ref;
  }
}

/**
 * For each incoming record, the existing study or the earlier record of the file it duplicates.
 * Linear in the sizes of both lists, so a 10,000-record file against a 1,000-study project is fast.
 */
export function findDuplicates(
  existing: readonly (DuplicateFields & { id: string })[],
  incoming: readonly DuplicateFields[],
): DuplicateOf[] {
  const projectIndex = new DuplicateIndex<string>();
  for (const study of existing) projectIndex.add(duplicateKey(study), study.id);
  const fileIndex = new DuplicateIndex<number>();
  return incoming.map((fields, index) => {
    const key = duplicateKey(fields);
    const studyId = projectIndex.find(key);
    if (studyId !== undefined) return { kind: 'existing', studyId };
    const earlier = fileIndex.find(key);
    if (earlier !== undefined) return { kind: 'in-file', index: earlier };
    fileIndex.add(key, index);
    return { kind: 'new' };
  });
}
