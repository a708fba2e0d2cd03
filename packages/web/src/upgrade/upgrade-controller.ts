import { Workbox } from 'workbox-window';
import { createEffect, createRoot, createSignal, on } from 'solid-js';
import { metadataSchema } from '@corates/shared';
import { api, dataOf } from '../api/client.ts';
import { evaluateVersion } from '../boot/version-check.ts';
import { blockForUpgrade, versionGate } from '../boot/version-gate.ts';
import { APP_VERSION } from '../env.ts';
import { type UpgradeEvent, type UpgradePhase, nextPhase } from './upgrade-phase.ts';
import { rememberUpgradeFrom } from './upgrade-notice.ts';
import { openVersionChannel } from './version-channel.ts';

/** How often an open tab asks whether it is still supported (also on focus and reconnect). */
const METADATA_POLL_MS = 60_000;
/** While refused and no newer build is published yet, how often to look again. */
const UNPUBLISHED_RETRY_MS = 15_000;

const [phase, setPhase] = createSignal<UpgradePhase>('current');
/** This tab's place in replacing its build (see upgrade-phase.ts). */
export const upgradePhase = phase;

let registration: ServiceWorkerRegistration | undefined;
let workbox: Workbox | undefined;

function dispatch(event: UpgradeEvent) {
  setPhase((p) => nextPhase(p, event));
  if (phase() === 'activating') activateWaiting();
}

/** Tells the waiting build to take over; every tab reloads on the controller change. */
function activateWaiting() {
  if (!registration?.waiting) return;
  rememberUpgradeFrom(sessionStorage, APP_VERSION);
  workbox?.messageSkipWaiting();
}

/** Asks the server for a newer build (the service worker script changes with every build). */
async function lookForUpdate(): Promise<void> {
  if (!registration) return;
  try {
    await registration.update();
  } catch {
    // Offline or the server is restarting: the next poll, focus or reconnect tries again.
    return;
  }
  if (registration.waiting) dispatch({ type: 'update-waiting' });
  else if (registration.installing) dispatch({ type: 'update-found' });
  else dispatch({ type: 'no-update' });
}

/** "Reload to update" on the banner, or "Try again" on the blocking screen. */
export function applyUpdate(): void {
  if (registration?.waiting) dispatch({ type: 'activate' });
  else void lookForUpdate();
}

async function pollMetadata(): Promise<void> {
  try {
    const metadata = metadataSchema.parse(dataOf(await api.GET('/api/metadata')));
    if (evaluateVersion(APP_VERSION, metadata) === 'blocked') {
      blockForUpgrade(metadata.minSupportedClient);
      return;
    }
  } catch {
    return; // Offline: nothing to learn now.
  }
  await lookForUpdate();
}

function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('installed', (e) => {
    if (e.isUpdate) dispatch({ type: 'update-found' });
  });
  workbox.addEventListener('waiting', () => dispatch({ type: 'update-waiting' }));
  // The first install claims open tabs without a reload; any later change of controller is a
  // new build taking over, and every tab (not only the one that asked) reloads into it.
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) {
      rememberUpgradeFrom(sessionStorage, APP_VERSION);
      window.location.reload();
    }
    controlled = true;
  });
  workbox.register().then(
    (reg) => {
      registration = reg;
      if (reg?.waiting) dispatch({ type: 'update-waiting' });
      // Refused before the registration was ready: look now.
      if (versionGate().status === 'blocked') void lookForUpdate();
    },
    // A browser that refuses service workers (private modes, policies) runs the app online
    // only: no offline precache and no update prompt, but nothing else breaks.
    (err: unknown) => console.warn('[corates] the service worker could not be registered', err),
  );
}

/**
 * Starts the version watch for this tab: the service worker (precache and updates), a poll of
 * /api/metadata, and the channel that tells the other tabs when this build is refused.
 */
export function startUpgradeController(): void {
  registerServiceWorker();
  const channel = openVersionChannel((message) => blockForUpgrade(message.minSupportedClient));

  let told = false;
  createRoot(() =>
    createEffect(
      on(versionGate, (gate) => {
        if (gate.status !== 'blocked' || told) return;
        told = true;
        channel.post({
          type: 'upgrade-required',
          ...(gate.minSupportedClient ? { minSupportedClient: gate.minSupportedClient } : {}),
        });
        dispatch({ type: 'blocked' });
        void lookForUpdate();
        const retry = setInterval(() => {
          if (phase() === 'unpublished' || phase() === 'searching') void lookForUpdate();
        }, UNPUBLISHED_RETRY_MS);
        window.addEventListener('pagehide', () => clearInterval(retry));
      }),
    ),
  );

  const check = () => void pollMetadata();
  setInterval(check, METADATA_POLL_MS);
  window.addEventListener('focus', check);
  window.addEventListener('online', check);
}
