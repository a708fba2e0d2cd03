import { type Awareness, removeAwarenessStates } from 'y-protocols/awareness';

/**
 * How often this client re-announces its presence. y-protocols renews every 15 s and drops a peer
 * after 30 s without a renewal, so a peer whose network vanished stayed "present" for 30–40 s.
 *
 * A network loss is not announced: at the browser's `offline` event the network is already gone,
 * and a socket that dies silently stays open on the relay until TCP gives up, minutes later. The
 * relay cannot find such sockets itself without staying awake: its keep-alive pings are answered
 * by the runtime without waking the Durable Object, and pinging clients would keep it from
 * hibernating. So each client times out its peers, on renewals 3× as frequent as the stock ones.
 */
export const PRESENCE_RENEW_MS = 5_000;
/**
 * A peer not renewed for this long is gone: two renewals missed plus slack for a relay waking
 * from hibernation. With the 1 s check, a vanished peer is dropped 12–13 s after its last renewal.
 */
export const PRESENCE_TIMEOUT_MS = 12_000;
const CHECK_MS = 1_000;

export interface PresenceUpkeep {
  /** Re-announce this client's state now. */
  renew: boolean;
  /** Peers whose states are outdated. */
  outdated: number[];
}

/**
 * Pure: what the periodic check does, from the awareness' states and their last renewals
 * (`meta`, client id → `lastUpdated` in ms).
 */
export function presenceUpkeep(
  states: ReadonlyMap<number, unknown>,
  meta: ReadonlyMap<number, { lastUpdated: number }>,
  self: number,
  now: number,
): PresenceUpkeep {
  const own = meta.get(self);
  const renew =
    states.get(self) != null && own !== undefined && now - own.lastUpdated >= PRESENCE_RENEW_MS;
  const outdated: number[] = [];
  for (const [clientId, { lastUpdated }] of meta) {
    if (clientId !== self && states.has(clientId) && now - lastUpdated >= PRESENCE_TIMEOUT_MS)
      outdated.push(clientId);
  }
  return { renew, outdated };
}

/**
 * Keeps presence honest for others: renews this client's state every `PRESENCE_RENEW_MS`, drops
 * peers silent for `PRESENCE_TIMEOUT_MS`, and announces our departure when the page goes away
 * (the tab closes or navigates off the app) instead of leaving it to the socket's close. Returns
 * the function that stops it.
 */
export function keepPresenceFresh(awareness: Awareness): () => void {
  const timer = setInterval(() => {
    const { renew, outdated } = presenceUpkeep(
      awareness.getStates(),
      awareness.meta,
      awareness.clientID,
      Date.now(),
    );
    if (renew) awareness.setLocalState(awareness.getLocalState());
    if (outdated.length > 0) removeAwarenessStates(awareness, outdated, 'timeout');
  }, CHECK_MS);

  let hidden: Record<string, unknown> | null = null;
  const onPageHide = () => {
    hidden = awareness.getLocalState();
    if (hidden !== null) removeAwarenessStates(awareness, [awareness.clientID], 'page hidden');
  };
  // Restored from the back/forward cache: present again.
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && hidden !== null && awareness.getLocalState() === null)
      awareness.setLocalState(hidden);
    hidden = null;
  };
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);
  return () => {
    clearInterval(timer);
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('pageshow', onPageShow);
  };
}
