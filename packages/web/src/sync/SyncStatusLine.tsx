import { type Accessor, createSignal } from 'solid-js';
import type { SyncState } from './use-sync-summary.ts';

/** Whether the sync panel (the strip under the header) shows its details; one for the app. */
const [panelOpen, setPanelOpen] = createSignal(false);
export { panelOpen, setPanelOpen };

/** The id of the sync panel's details, for the status line's `aria-controls`. */
export const SYNC_PANEL_ID = 'sync-panel';

/**
 * The app's one sync status line (`summarizeSync`): the same words wherever it shows. `asButton`
 * makes it open the sync panel, where each change is listed (on a page's own strip).
 */
export function SyncStatusLine(props: { state: Accessor<SyncState>; asButton?: boolean }) {
  const text = () => (
    <span
      class="sync-status-text"
      data-testid="sync-status"
      data-all-saved={String(props.state().summary.allSaved)}
    >
      {props.state().summary.headline}
    </span>
  );
  if (!props.asButton) return text();
  return (
    <button
      type="button"
      class="sync-status-line"
      aria-controls={SYNC_PANEL_ID}
      aria-expanded={panelOpen()}
      title="Show what is not yet on the server"
      onClick={() => {
        setPanelOpen(true);
        document.getElementById(SYNC_PANEL_ID)?.scrollIntoView({ block: 'nearest' });
      }}
    >
      {text()}
    </button>
  );
}
