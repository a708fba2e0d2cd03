import { unknownWrite, type Write } from './writes.ts';

/** The row a write touches, for the writes that may be folded together. */
function rowKey(write: Write): string | undefined {
  switch (write.kind) {
    case 'project.insert':
      return `project:${write.row.id}`;
    case 'project.update':
    case 'project.delete':
      return `project:${write.id}`;
    case 'member.insert':
      return `member:${write.row.projectId}:${write.row.userId}`;
    case 'member.update':
    case 'member.delete':
      return `member:${write.projectId}:${write.userId}`;
    case 'settings.patch':
      return `settings:${write.userId}`;
    // Invitations are written once or twice a batch at most; not worth folding.
    case 'invitation.insert':
    case 'invitation.update':
      return undefined;
    // PDF writes stay as they are: folding a later rename into an earlier position could break
    // the unique file name per project that the rules checked in the original order.
    case 'pdf.update':
    case 'pdf.delete':
      return undefined;
    default:
      throw unknownWrite(write);
  }
}

/** `later` folded into `earlier` (same row), or undefined when the pair does not fold. */
function fold(earlier: Write, later: Write): Write | undefined {
  switch (later.kind) {
    case 'project.update':
      if (earlier.kind === 'project.insert')
        return { ...earlier, row: { ...earlier.row, ...later.set } };
      if (earlier.kind === 'project.update')
        return { ...earlier, set: { ...earlier.set, ...later.set } };
      return undefined;
    case 'member.update': {
      const change = { role: later.role, updatedAt: later.updatedAt };
      if (earlier.kind === 'member.insert')
        return { ...earlier, row: { ...earlier.row, ...change } };
      if (earlier.kind === 'member.update') return { ...earlier, ...change };
      return undefined;
    }
    case 'settings.patch':
      // Settings are flat, so two shallow patches make one.
      if (earlier.kind === 'settings.patch')
        return { ...earlier, patch: { ...earlier.patch, ...later.patch }, at: later.at };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * A batch's writes as fewer statements with the same end state: each later update of a row is
 * folded into the earlier insert or update of that row, so a project created, renamed three
 * times and touched by its member changes is written once. Nothing folds across a delete of the
 * row (a project's delete also ends its memberships' runs). Sound because every value in a
 * write is final (writes.ts) and the pull feed sends rows as they are now, not each step.
 */
export function coalesceWrites(writes: readonly Write[]): Write[] {
  const out: Write[] = [];
  /** Row key → index in `out` of the write a later one of that row may fold into. */
  const open = new Map<string, number>();
  for (const write of writes) {
    const key = rowKey(write);
    const at = key === undefined ? undefined : open.get(key);
    const folded = at === undefined ? undefined : fold(out[at]!, write);
    if (folded) {
      out[at!] = folded;
      continue;
    }
    out.push(write);
    if (key === undefined) continue;
    if (write.kind === 'project.delete' || write.kind === 'member.delete') {
      open.delete(key);
      // The project's memberships went with it (ON DELETE CASCADE).
      if (write.kind === 'project.delete')
        for (const k of open.keys()) if (k.startsWith(`member:${write.id}:`)) open.delete(k);
    } else {
      open.set(key, out.length - 1);
    }
  }
  return out;
}
