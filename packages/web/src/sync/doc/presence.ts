import { z } from 'zod';

/** Who a peer is, as they announce it in their awareness state. */
export interface PresenceUser {
  id: string;
  name: string;
  /** `#rrggbb`, the background of their avatar. */
  color: string;
}

/** What each client puts in its awareness state. */
export interface PresenceState {
  user: PresenceUser;
  /** The checklist the client has open, if any. */
  checklistId?: string;
}

/** One other person, however many tabs or devices they have open. */
export interface PresencePeer {
  user: PresenceUser;
  /** The checklists they have open (sorted, no repeats). */
  checklistIds: string[];
}

// Awareness states come from other clients: parse them, never trust their shape.
const peerStateSchema = z.object({
  user: z.object({
    id: z.string().min(1).max(200),
    name: z.string().max(500),
    // The relay stamps id and name from the session and keeps only a `#rrggbb` colour.
    color: z.string().optional(),
  }),
  checklistId: z.string().max(500).optional(),
});

/** Avatar backgrounds; each meets 4.5:1 contrast with white initials. */
export const PRESENCE_COLORS = [
  '#1f5f8b',
  '#8e3b9c',
  '#a4262c',
  '#1c6b4a',
  '#7a4f00',
  '#4a4e9c',
  '#9c2c6b',
  '#33596b',
] as const;

/** A stable colour per user, so a person looks the same to everyone. */
export function presenceColor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]!;
}

/** "Ada Lovelace" → "AL"; "ada" → "A"; "" → "?". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/**
 * The other people present, from the awareness states (client id → state): without this client
 * and without the signed-in user's other tabs, one entry per user, sorted by name. Malformed
 * states are skipped; a colour that is not `#rrggbb` is replaced, since it ends up in a style.
 */
export function otherPeers(
  states: ReadonlyMap<number, unknown>,
  self: { clientId: number; userId: string },
): PresencePeer[] {
  const byUser = new Map<string, { user: PresenceUser; checklistIds: Set<string> }>();
  const clientIds = [...states.keys()].sort((a, b) => a - b);
  for (const clientId of clientIds) {
    if (clientId === self.clientId) continue;
    const parsed = peerStateSchema.safeParse(states.get(clientId));
    if (!parsed.success || parsed.data.user.id === self.userId) continue;
    const { user, checklistId } = parsed.data;
    let peer = byUser.get(user.id);
    if (!peer) {
      peer = {
        user: {
          id: user.id,
          name: user.name.trim() || 'Someone',
          color:
            user.color && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : presenceColor(user.id),
        },
        checklistIds: new Set(),
      };
      byUser.set(user.id, peer);
    }
    if (checklistId) peer.checklistIds.add(checklistId);
  }
  return [...byUser.values()]
    .map((p) => ({ user: p.user, checklistIds: [...p.checklistIds].sort() }))
    .sort((a, b) => a.user.name.localeCompare(b.user.name) || a.user.id.localeCompare(b.user.id));
}
