/**
 * The split between the checklist and its PDF on wide screens: the PDF column's width in CSS
 * pixels, chosen by dragging or the keyboard and remembered on this device. Each side keeps
 * enough room to be usable whatever was remembered on a wider window.
 */
export const MIN_PDF_WIDTH = 280;
export const MIN_CHECKLIST_WIDTH = 360;
/** The PDF's share of the split before anyone has moved the handle. */
const DEFAULT_SHARE = 0.45;
/** Arrow keys move the handle this far; with Shift, four times as far. */
export const KEY_STEP = 24;

/** `width` kept within what both sides need of `total` (the split's width less its handle). */
export function clampPdfWidth(width: number, total: number): number {
  const max = Math.max(MIN_PDF_WIDTH, total - MIN_CHECKLIST_WIDTH);
  return Math.round(Math.min(Math.max(width, MIN_PDF_WIDTH), max));
}

/** The PDF column's width: the remembered one, else its default share, fitted to `total`. */
export function pdfWidth(remembered: number | undefined, total: number): number {
  return clampPdfWidth(remembered ?? total * DEFAULT_SHARE, total);
}

/**
 * The width after a key on the handle (a window splitter whose primary pane is the checklist):
 * ← widens the PDF, → narrows it, Home gives the checklist its least room, End its most. Null
 * for other keys.
 */
export function widthAfterKey(
  key: string,
  shiftKey: boolean,
  width: number,
  total: number,
): number | null {
  const step = shiftKey ? KEY_STEP * 4 : KEY_STEP;
  switch (key) {
    case 'ArrowLeft':
      return clampPdfWidth(width + step, total);
    case 'ArrowRight':
      return clampPdfWidth(width - step, total);
    case 'Home':
      return clampPdfWidth(Number.POSITIVE_INFINITY, total);
    case 'End':
      return clampPdfWidth(0, total);
    default:
      return null;
  }
}

/** A remembered width read back from storage: a positive number of pixels, else nothing. */
export function parseStoredWidth(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
