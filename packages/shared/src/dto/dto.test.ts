import { describe, expect, it } from 'vitest';
import {
  addMemberSchema,
  createProjectSchema,
  metadataSchema,
  updateProjectSchema,
} from '../index.ts';
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

describe('metadata DTO', () => {
  const metadata = {
    apiVersion: '1.0.0',
    minSupportedClient: '0.1.0',
    cacheVersion: 'c1',
    features: ['projects'],
    protocolVersion: 1,
    docSchemaVersion: 1,
  };

  it('a client keeps parsing the metadata when a newer server adds fields (it drops them)', () => {
    expect(metadataSchema.parse({ ...metadata, somethingNew: { x: 1 } })).toEqual(metadata);
  });

  it('requires the protocol and document schema versions as positive integers', () => {
    expect(metadataSchema.safeParse({ ...metadata, protocolVersion: undefined }).success).toBe(
      false,
    );
    expect(metadataSchema.safeParse({ ...metadata, docSchemaVersion: 1.5 }).success).toBe(false);
  });
});
