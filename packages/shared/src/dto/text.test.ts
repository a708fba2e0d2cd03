import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createProjectSchema, updateProjectSchema } from './project.ts';
import { displayNameSchema, passwordSchema, signUpSchema } from './user.ts';
import { forbiddenCharacter, plainTextSchema } from './text.ts';
import { opPayloadSchemas } from '../sync/ops.ts';

const HOSTILE = [
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009F',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\uFEFF',
];

describe('names and descriptions refuse invisible and control characters', () => {
  it.each(HOSTILE)('U+%s inside a name, a project name and a description', (ch) => {
    const text = `Trial ${ch}B`;
    expect(displayNameSchema.safeParse(text).success).toBe(false);
    expect(createProjectSchema.safeParse({ name: text }).success).toBe(false);
    expect(createProjectSchema.safeParse({ name: 'ok', description: text }).success).toBe(false);
    expect(updateProjectSchema.safeParse({ name: text }).success).toBe(false);
    expect(
      opPayloadSchemas['project.update'].safeParse({ id: 'p1', description: text }).success,
    ).toBe(false);
  });

  it('line breaks are allowed in descriptions only', () => {
    expect(createProjectSchema.safeParse({ name: 'ok', description: 'a\nb\tc\r\n' }).success).toBe(
      true,
    );
    expect(createProjectSchema.safeParse({ name: 'a\nb' }).success).toBe(false);
    expect(displayNameSchema.safeParse('Ada\tLovelace').success).toBe(false);
  });

  it('ordinary names in any script, with direction marks and emoji, pass', () => {
    for (const name of [
      'Ada Lovelace',
      'José Núñez',
      'محمد\u200F',
      '李小龙',
      'O’Brien-Smith',
      '🧪 Lab',
    ])
      expect(displayNameSchema.safeParse(name).success, name).toBe(true);
  });

  it('lengths are capped after trimming; empty names are refused', () => {
    expect(displayNameSchema.safeParse('x'.repeat(200_000)).success).toBe(false);
    expect(displayNameSchema.safeParse('   ').success).toBe(false);
    expect(displayNameSchema.parse('  Ada  ')).toBe('Ada');
    expect(createProjectSchema.safeParse({ name: 'x'.repeat(121) }).success).toBe(false);
  });

  it('display names refuse markup', () => {
    expect(displayNameSchema.safeParse('<img src=x onerror=alert(1)>').success).toBe(false);
  });

  it('the schema refuses exactly the texts with a forbidden character (property)', () => {
    const schema = plainTextSchema({ min: 0, max: 1000 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const ok = schema.safeParse(s).success;
        expect(ok).toBe(forbiddenCharacter(s.trim()) === undefined);
      }),
    );
  });
});

describe('passwords', () => {
  it.each(['password', '12345678', '        ', '          ', 'aaaaaaaaaaaa', '1212121212'])(
    'refuses %j',
    (p) => expect(passwordSchema.safeParse(p).success).toBe(false),
  );
  it('accepts a long passphrase', () => {
    expect(
      signUpSchema.safeParse({ name: 'A', email: 'a@b.org', password: 'correct horse battery' })
        .success,
    ).toBe(true);
  });
});
