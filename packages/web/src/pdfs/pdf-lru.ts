/** One PDF kept on this device for offline reading. */
export interface KeptPdf {
  id: string;
  size: number;
  /** When it was last opened (ms since epoch); the least recent goes first. */
  openedAt: number;
}

export interface KeepLimits {
  /** Most PDFs kept. */
  maxFiles: number;
  /** Most bytes kept in all; a single PDF larger than this is not kept at all. */
  maxBytes: number;
}

/** The last five PDFs opened, up to 200 MB in all: enough to appraise on a train. */
export const DEFAULT_KEEP_LIMITS: KeepLimits = { maxFiles: 5, maxBytes: 200 * 1024 * 1024 };

/**
 * Which kept PDFs to drop so the rest fit the limits: least recently opened first, never the
 * one just opened (`keepId`) unless it alone breaks the byte limit. Ties go by id, so the plan
 * does not depend on storage order.
 */
export function planEviction(
  kept: readonly KeptPdf[],
  limits: KeepLimits,
  keepId?: string,
): string[] {
  const newestFirst = [...kept].sort(
    (a, b) =>
      Number(b.id === keepId) - Number(a.id === keepId) ||
      b.openedAt - a.openedAt ||
      a.id.localeCompare(b.id),
  );
  const evict: string[] = [];
  let files = 0;
  let bytes = 0;
  for (const pdf of newestFirst) {
    if (files < limits.maxFiles && bytes + pdf.size <= limits.maxBytes) {
      files += 1;
      bytes += pdf.size;
    } else {
      evict.push(pdf.id);
    }
  }
  return evict;
}
