/** What `primaryDemotions` reads of a PDF. */
export interface PdfPlacement {
  id: string;
  projectId: string;
  studyId: string;
  tag: string;
}

/**
 * The PDFs that lose the `primary` tag when `promoted` becomes its study's primary: any other
 * primary of the same study (at most one while the rows are consistent; a study keeps one
 * primary). They become `secondary`. The server writes that change in the same batch
 * (`pdf.update`'s rule); the client shows it before the server answers (the cache reducer).
 */
export function primaryDemotions<P extends PdfPlacement>(
  pdfs: Iterable<P>,
  promoted: Omit<PdfPlacement, 'tag'>,
): P[] {
  const demoted: P[] = [];
  for (const other of pdfs) {
    if (
      other.id !== promoted.id &&
      other.tag === 'primary' &&
      other.projectId === promoted.projectId &&
      other.studyId === promoted.studyId
    )
      demoted.push(other);
  }
  return demoted;
}
