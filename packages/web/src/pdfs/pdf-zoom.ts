/**
 * The zoom levels the pane's buttons and Ctrl/Cmd + and − step through, as pdf.js scales (1 is
 * the page at its printed size). "Fit width" gives any scale in between; a step goes on from
 * there to the next level in that direction, as a reader's zoom does.
 */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;

/** Scales closer than this are the same level (fit-width gives 1.2500000001). */
const SAME = 0.005;

/** The next zoom level from `current`: the first step above (in) or below (out), else the end. */
export function zoomStep(current: number, direction: 'in' | 'out'): number {
  if (direction === 'in') return ZOOM_STEPS.find((s) => s > current + SAME) ?? ZOOM_STEPS.at(-1)!;
  return ZOOM_STEPS.findLast((s) => s < current - SAME) ?? ZOOM_STEPS[0];
}

/** Whether zooming further in that direction changes anything. */
export function canZoom(current: number, direction: 'in' | 'out'): boolean {
  return direction === 'in' ? current < ZOOM_STEPS.at(-1)! - SAME : current > ZOOM_STEPS[0] + SAME;
}

/** The scale as the toolbar shows it: 1.25 → "125%". */
export function zoomLabel(scale: number): string {
  return `${Math.round(scale * 100)}%`;
}

/** A zoom shortcut: Ctrl (Cmd on a Mac) with + (or =, its unshifted key), − or 0 (fit width). */
export function zoomKey(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): 'in' | 'out' | 'fit' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (event.key === '+' || event.key === '=') return 'in';
  if (event.key === '-' || event.key === '_') return 'out';
  if (event.key === '0') return 'fit';
  return null;
}
