import { type User, userSchema } from '@corates/shared';

const KEY = 'corates.session.lastUser';

/** Storage the remembered user lives in; `localStorage` in the app, a Map-backed twin in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A `KeyValueStorage` in memory, the twin tests use for `localStorage`. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/**
 * The last user the server confirmed, so the app can open offline on that user's cached data
 * (the session cookie cannot be checked without the server). Forgotten when the server says
 * nobody is signed in.
 */
export function readRememberedUser(storage: KeyValueStorage): User | undefined {
  try {
    const parsed = userSchema.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function rememberUser(storage: KeyValueStorage, user: User | null): void {
  if (user) storage.setItem(KEY, JSON.stringify(user));
  else storage.removeItem(KEY);
}
