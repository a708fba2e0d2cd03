import { Show, createSignal } from 'solid-js';
import { APP_VERSION } from '../env.ts';
import { takeUpgradeFrom } from './upgrade-notice.ts';
import { applyUpdate, upgradePhase } from './upgrade-controller.ts';

/**
 * Non-blocking news about builds: a newer one is ready ("Reload to update"), or this tab was just
 * upgraded. The blocking case is UpdateRequired.
 */
export function UpdateBanner() {
  const [upgradedFrom, setUpgradedFrom] = createSignal(
    takeUpgradeFrom(sessionStorage, APP_VERSION),
  );
  return (
    <>
      <Show when={upgradePhase() === 'available'}>
        <div class="banner banner-info" role="status" data-testid="update-available">
          <span>A new version of CoRATES is available.</span>
          <button type="button" class="button button-small" onClick={() => applyUpdate()}>
            Reload to update
          </button>
        </div>
      </Show>
      <Show when={upgradedFrom()}>
        {(from) => (
          <div class="banner banner-success" role="status" data-testid="upgraded-notice">
            <span>
              CoRATES was updated from {from()} to {APP_VERSION}. Changes you made offline are kept
              and sent from here.
            </span>
            <button
              type="button"
              class="button button-small"
              onClick={() => setUpgradedFrom(undefined)}
            >
              Dismiss
            </button>
          </div>
        )}
      </Show>
    </>
  );
}
