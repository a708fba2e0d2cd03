import { describe, expect, it } from 'vitest';
import { addMemberSchema, createProjectSchema, updateProjectSchema } from '../index.ts';
import { roleAtLeast } from './role.ts';
import { DEFAULT_USER_SETTINGS, updateUserSettingsSchema, userSettingsSchema } from './settings.ts';

describe('roles', () => {
  it('rank owner > editor > viewer', () => {
    expect(roleAtLeast('owner', 'editor')).toBe(true);
    expect(roleAtLeast('editor', 'editor')).toBe(true);
    expect(roleAtLeast('viewer', 'editor')).toBe(false);
    expect(roleAtLeast('editor', 'owner')).toBe(false);
  });
});

describe('project DTOs', () => {
  it('trims names and defaults the description', () => {
    expect(createProjectSchema.parse({ name: '  Statins  ' })).toEqual({
      name: 'Statins',
      description: '',
    });
  });
  it('rejects unknown fields rather than dropping them', () => {
    expect(createProjectSchema.safeParse({ name: 'x', role: 'owner' }).success).toBe(false);
  });
  it('an update must change something', () => {
    expect(updateProjectSchema.safeParse({}).success).toBe(false);
    expect(updateProjectSchema.safeParse({ description: '' }).success).toBe(true);
  });
  it('member emails are normalised to lower case', () => {
    expect(addMemberSchema.parse({ email: 'Ada@Example.ORG', role: 'viewer' }).email).toBe(
      'ada@example.org',
    );
  });
});

describe('settings', () => {
  it('the defaults are valid settings', () => {
    expect(userSettingsSchema.parse(DEFAULT_USER_SETTINGS)).toEqual(DEFAULT_USER_SETTINGS);
  });
  it('updates are partial, strict and non-empty', () => {
    expect(updateUserSettingsSchema.safeParse({ theme: 'dark' }).success).toBe(true);
    expect(updateUserSettingsSchema.safeParse({}).success).toBe(false);
    expect(updateUserSettingsSchema.safeParse({ theme: 'dark', extra: 1 }).success).toBe(false);
  });
});
