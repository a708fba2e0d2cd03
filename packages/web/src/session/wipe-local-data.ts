import { deleteLocalData, listable, type LocalDataEnv, usersWithLocalData } from './local-data.ts';

// The one owner of "wipe this user's local data" in the browser (SPEC.md [S1]–[S3] in
// sync/offline): it closes what this tab holds open for the user (documents, kept PDF files),
// then deletes every database and storage entry named after them (local-data.ts).

const browserEnv = (): LocalDataEnv => ({
  indexedDB: globalThis.indexedDB,
  storage: listable(localStorage),
});

type CloseUserData = (userId: string) => Promise<void>;
const closers: CloseUserData[] = [];

/**
 * Registers what closes this tab's open connections to a user's data (documents, the kept PDF
 * files), called before that user's data is deleted. The modules that open them register as they
 * load, so the sign-in page and the project list do not load Yjs or the PDF store just to learn
 * that nothing of them is open; what was never loaded holds nothing open.
 */
export function onWipeUserData(close: CloseUserData): void {
  closers.push(close);
}

/** Closes this tab's open documents and PDF store of a user, then deletes all their data. */
async function wipe(userId: string): Promise<void> {
  // Close the open connections first, so the deletions below are not blocked.
  for (const close of closers) await close(userId).catch(() => undefined);
  await deleteLocalData(browserEnv(), (owner) => owner === userId);
}

/** Deletes everything of `userId` on this device. */
export const wipeUserLocalData = (userId: string) => track(() => wipe(userId));

/**
 * [S2] Someone signed in: whatever other users left on this device (kept unsynced work of an
 * expired session, or data of a tab that closed before its wipe ended) goes, found by listing the
 * databases, so it holds after a reload too.
 */
export const wipeOtherUsersLocalData = (userId: string) =>
  track(async () => {
    const others = [...(await usersWithLocalData(browserEnv()))].filter((u) => u !== userId);
    for (const other of others) await wipe(other);
  });

// Wipes run one after another, and the sign-out flow can wait for the last one.
let chain: Promise<void> = Promise.resolve();
function track(work: () => Promise<void>): Promise<void> {
  chain = chain.then(work).catch(() => undefined);
  return chain;
}

/** [S3] Users who chose to sign out (the header's button), as opposed to a session that ended. */
const deliberate = new Set<string>();
const signedOut = new Map<string, () => void>();

/**
 * Marks the coming end of `userId`'s session as the user's own choice, so everything of theirs is
 * deleted, unsynced work included; resolves once that is done (or after `timeoutMs`, so a stuck
 * deletion never keeps the user on the page). `cancel` undoes the mark (the sign-out failed).
 */
export function expectSignOut(userId: string, timeoutMs = 10_000) {
  deliberate.add(userId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => {
    signedOut.set(userId, resolve);
    timer = setTimeout(resolve, timeoutMs);
  }).finally(() => clearTimeout(timer));
  return {
    done,
    cancel() {
      deliberate.delete(userId);
      signedOut.get(userId)?.();
      signedOut.delete(userId);
    },
  };
}

/** Whether the session of `userId` ended by their choice; consumes the mark. */
export function takeDeliberateSignOut(userId: string): boolean {
  return deliberate.delete(userId);
}

/** The session of `userId` ended and its data was dealt with. */
export function sessionEndSettled(userId: string): void {
  signedOut.get(userId)?.();
  signedOut.delete(userId);
}
