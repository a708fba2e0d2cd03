import type { Role } from '@corates/shared';

/**
 * How long the project's object uses a member's role without reading D1 again. Role changes and
 * removals made through the app reach the object at once (`changed`, `removed`: the batch's
 * effects call setAccess / revoke after the commit); this only bounds a change written to D1 some
 * other way (a repair by hand), or one whose call to the object failed.
 */
export const MEMBER_ROLE_TTL_MS = 60_000;

/**
 * The members' roles as the project's Durable Object knows them, so a socket upgrade needs no D1
 * read in the Worker and, for a member seen in the last minute, none at all (issue 18: the
 * per-upgrade membership query was a lead cost of opening many sockets). Only members are kept:
 * someone not a member is read again every time, so a new member gets in at once, unannounced.
 *
 * A removal or role change arriving while a read is under way makes that read's answer stale (the
 * read may have started before the D1 write): it is read again, so a removed member is never
 * admitted on a read from before the removal. Reads of the same member at once are shared.
 */
export class MemberRoles {
  private readonly known = new Map<string, { role: Role; until: number }>();
  private readonly reading = new Map<string, Promise<Role | undefined>>();
  /** Bumped by every change told to the object: a read that saw it begin is not trusted. */
  private changes = 0;

  constructor(
    private readonly ttlMs = MEMBER_ROLE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The member's role, from memory or `read` (D1); undefined for someone not a member. */
  async roleOf(userId: string, read: () => Promise<Role | undefined>): Promise<Role | undefined> {
    const entry = this.known.get(userId);
    if (entry && this.now() < entry.until) return entry.role;
    for (;;) {
      const seen = this.changes;
      let pending = this.reading.get(userId);
      if (!pending) {
        pending = read().finally(() => {
          if (this.reading.get(userId) === pending) this.reading.delete(userId);
        });
        this.reading.set(userId, pending);
      }
      const role = await pending;
      if (this.changes !== seen) continue;
      if (role) this.known.set(userId, { role, until: this.now() + this.ttlMs });
      else this.known.delete(userId);
      return role;
    }
  }

  /** The member's role changed (setAccess): used from now on. */
  changed(userId: string, role: Role) {
    this.invalidateReads();
    this.known.set(userId, { role, until: this.now() + this.ttlMs });
  }

  /** The member was removed (revoke): read again, and refused, from now on. */
  removed(userId: string) {
    this.invalidateReads();
    this.known.delete(userId);
  }

  /** The project was deleted. */
  clear() {
    this.invalidateReads();
    this.known.clear();
  }

  private invalidateReads() {
    this.changes++;
    this.reading.clear();
  }
}
