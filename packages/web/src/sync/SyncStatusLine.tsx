import { type Accessor, Show, createSignal } from 'solid-js';
import type { SyncState } from './use-sync-summary.ts';

/** Whether the sync panel (the strip under the header) shows its details; one for the app. */
const [panelOpen, setPanelOpen] = createSignal(false);
export { panelOpen, setPanelOpen };

/** The id of the sync panel's details, for the status line's `aria-controls`. */
export const SYNC_PANEL_ID = 'sync-panel';

/**
 * The app's one sync status line (`summarizeSync`): the same words wherever it shows. `withDetails`
 * adds a button that opens the sync panel, where each change is listed (on a page's own strip).
 * The line itself is text, not the button: its words ("…saved…") must not name a control.
 */
export function SyncStatusLine(props: { state: Accessor<SyncState>; withDetails?: boolean }) {
  return (
    <span class="sync-status-line">
      <span
        class="sync-status-text"
        data-testid="sync-status"
        data-all-saved={String(props.state().summary.allSaved)}
      >
        {props.state().summary.headline}
      </span>
      <Show when={props.withDetails}>
        {' '}
        <button
          type="button"
          class="button button-small sync-details-button"
          data-testid="sync-details"
          aria-controls={SYNC_PANEL_ID}
          aria-expanded={panelOpen()}
          onClick={() => {
            setPanelOpen(true);
            document.getElementById(SYNC_PANEL_ID)?.scrollIntoView({ block: 'nearest' });
          }}
        >
          Details
        </button>
      </Show>
    </span>
  );
}
