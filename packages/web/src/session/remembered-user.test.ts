import { describe, expect, it } from 'vitest';
import { memoryStorage, readRememberedUser, rememberUser } from './remembered-user.ts';

describe('remembered user', () => {
  it('keeps the last confirmed user and forgets it on sign-out', () => {
    const storage = memoryStorage();
    const user = { id: 'u1', email: 'a@example.org', name: 'A' };
    rememberUser(storage, user);
    expect(readRememberedUser(storage)).toEqual(user);
    rememberUser(storage, null);
    expect(readRememberedUser(storage)).toBeUndefined();
  });

  it('ignores anything that is not a user', () => {
    const storage = memoryStorage();
    storage.setItem('corates.session.lastUser', '{"id":1}');
    expect(readRememberedUser(storage)).toBeUndefined();
    storage.setItem('corates.session.lastUser', 'not json');
    expect(readRememberedUser(storage)).toBeUndefined();
  });
});
