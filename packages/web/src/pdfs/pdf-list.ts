import type { Pdf, PdfTag } from '@corates/shared';

export const PDF_TAG_LABEL: Record<PdfTag, string> = {
  primary: 'Primary',
  protocol: 'Protocol',
  secondary: 'Secondary',
};

const TAG_ORDER: Record<PdfTag, number> = { primary: 0, protocol: 1, secondary: 2 };

/** A study's PDFs as the server lists them: primary first, then protocol, then by upload time. */
export function studyPdfs<T extends Pdf>(all: readonly T[], studyId: string): T[] {
  return all
    .filter((p) => p.studyId === studyId)
    .sort(
      (a, b) =>
        TAG_ORDER[a.tag] - TAG_ORDER[b.tag] ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
}

/** The PDF read beside the checklist. */
export function primaryPdf<T extends Pdf>(all: readonly T[], studyId: string): T | undefined {
  return all.find((p) => p.studyId === studyId && p.tag === 'primary');
}

/** "1.2 MB" — sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
