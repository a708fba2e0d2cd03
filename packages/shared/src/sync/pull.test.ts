import { describe, expect, it } from 'vitest';
import { membershipChangeId, parseMembershipChangeId } from './pull.ts';

describe('membership change ids', () => {
  it('name the project and the user, and read back', () => {
    const id = membershipChangeId('7d9c0e1a-3b2f-4c5d-8e6f-0a1b2c3d4e5f', 'u-42');
    expect(id).toBe('7d9c0e1a-3b2f-4c5d-8e6f-0a1b2c3d4e5f:u-42');
    expect(parseMembershipChangeId(id)).toEqual({
      projectId: '7d9c0e1a-3b2f-4c5d-8e6f-0a1b2c3d4e5f',
      userId: 'u-42',
    });
  });

  it('read a malformed id as empty parts, never undefined', () => {
    expect(parseMembershipChangeId('no-colon')).toEqual({ projectId: 'no-colon', userId: '' });
    expect(parseMembershipChangeId('')).toEqual({ projectId: '', userId: '' });
  });
});
