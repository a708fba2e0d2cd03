import { describe, expect, it } from 'vitest';
import type { Role } from '@corates/shared';
import { MemberRoles } from './member-roles.ts';

/** A stand-in for D1's membership rows: answers when told to, counting reads. */
function rows(initial: Record<string, Role>) {
  const table = new Map(Object.entries(initial));
  const waiting: (() => void)[] = [];
  let reads = 0;
  return {
    table,
    get reads() {
      return reads;
    },
    /** A read as of when it is answered (`answer`), like a query that has not run yet. */
    reader: (userId: string) => () => {
      reads++;
      return new Promise<Role | undefined>((resolve) =>
        waiting.push(() => resolve(table.get(userId))),
      );
    },
    answer() {
      for (const done of waiting.splice(0)) done();
    },
  };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('MemberRoles', () => {
  it('reads a member once, then answers from memory until the time limit', async () => {
    let now = 0;
    const roles = new MemberRoles(60_000, () => now);
    const db = rows({ u1: 'editor' });
    const first = roles.roleOf('u1', db.reader('u1'));
    db.answer();
    expect(await first).toBe('editor');
    expect(await roles.roleOf('u1', db.reader('u1'))).toBe('editor');
    expect(db.reads).toBe(1);
    now = 60_000;
    const later = roles.roleOf('u1', db.reader('u1'));
    await settle();
    db.answer();
    expect(await later).toBe('editor');
    expect(db.reads).toBe(2);
  });

  it('shares one read among upgrades of the same member at once', async () => {
    const roles = new MemberRoles();
    const db = rows({ u1: 'viewer' });
    const all = Array.from({ length: 5 }, () => roles.roleOf('u1', db.reader('u1')));
    await settle();
    db.answer();
    expect(await Promise.all(all)).toEqual(Array(5).fill('viewer'));
    expect(db.reads).toBe(1);
  });

  it('keeps no one who is not a member: a member added later gets in at once', async () => {
    const roles = new MemberRoles();
    const db = rows({});
    const stranger = roles.roleOf('u2', db.reader('u2'));
    db.answer();
    expect(await stranger).toBeUndefined();
    db.table.set('u2', 'viewer');
    const member = roles.roleOf('u2', db.reader('u2'));
    await settle();
    db.answer();
    expect(await member).toBe('viewer');
  });

  it('a removal or a role change is used at once', async () => {
    const roles = new MemberRoles();
    const db = rows({ u1: 'editor', u2: 'editor' });
    const reads = [roles.roleOf('u1', db.reader('u1')), roles.roleOf('u2', db.reader('u2'))];
    await settle();
    db.answer();
    await Promise.all(reads);
    db.table.delete('u1');
    roles.removed('u1');
    roles.changed('u2', 'viewer');
    const removed = roles.roleOf('u1', db.reader('u1'));
    await settle();
    db.answer();
    expect(await removed).toBeUndefined();
    expect(await roles.roleOf('u2', db.reader('u2'))).toBe('viewer');
  });

  it('a read under way when the member is removed is not trusted: read again, refused', async () => {
    const roles = new MemberRoles();
    const db = rows({ u1: 'editor' });
    const upgrade = roles.roleOf('u1', db.reader('u1'));
    await settle();
    db.answer(); // the row as it was before the removal
    db.table.delete('u1'); // the removal commits …
    roles.removed('u1'); // … and the object is told, before the upgrade saw its answer
    await settle();
    db.answer(); // the read again sees the removal
    expect(await upgrade).toBeUndefined();
    expect(db.reads).toBe(2);
  });

  it('forgets everyone when the project is deleted', async () => {
    const roles = new MemberRoles();
    const db = rows({ u1: 'owner' });
    const first = roles.roleOf('u1', db.reader('u1'));
    db.answer();
    await first;
    db.table.clear();
    roles.clear();
    const after = roles.roleOf('u1', db.reader('u1'));
    await settle();
    db.answer();
    expect(await after).toBeUndefined();
  });
});
