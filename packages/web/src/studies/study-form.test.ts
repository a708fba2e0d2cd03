import { describe, expect, it } from 'vitest';
import { validate } from '../forms/validate.ts';
import { EMPTY_STUDY_FORM, STUDY_FORM_MESSAGES, doiUrl, studyFormSchema } from './study-form.ts';

describe('studyFormSchema', () => {
  it('accepts a title alone; the year is optional', () => {
    expect(validate(studyFormSchema, { ...EMPTY_STUDY_FORM, title: ' Statins ' })).toEqual({
      ok: true,
      data: { title: 'Statins', authors: '', year: null, journal: '', doi: '' },
    });
  });

  it('converts the year and cleans a pasted DOI link', () => {
    const result = validate(studyFormSchema, {
      ...EMPTY_STUDY_FORM,
      title: 'T',
      year: '2021',
      doi: 'https://doi.org/10.1136/bmj.j4008',
    });
    expect(result.ok && result.data).toMatchObject({ year: 2021, doi: '10.1136/bmj.j4008' });
  });

  it('the design: one of the shared designs, or not set when left empty', () => {
    const withDesign = validate(studyFormSchema, {
      ...EMPTY_STUDY_FORM,
      title: 'T',
      design: 'rct-cluster',
    });
    expect(withDesign.ok && withDesign.data.design).toBe('rct-cluster');
    const without = validate(studyFormSchema, { ...EMPTY_STUDY_FORM, title: 'T' });
    expect(without.ok).toBe(true);
    expect(without.ok && without.data.design).toBeUndefined();
    const bad = validate(
      studyFormSchema,
      { ...EMPTY_STUDY_FORM, title: 'T', design: 'cohort' },
      STUDY_FORM_MESSAGES,
    );
    expect(bad.ok ? {} : bad.errors).toEqual({ design: STUDY_FORM_MESSAGES.design });
  });

  it('names each bad field with the form’s wording', () => {
    const result = validate(
      studyFormSchema,
      { ...EMPTY_STUDY_FORM, year: '21st', doi: 'nope' },
      STUDY_FORM_MESSAGES,
    );
    expect(result.ok ? {} : result.errors).toEqual({
      title: STUDY_FORM_MESSAGES.title,
      year: STUDY_FORM_MESSAGES.year,
      doi: STUDY_FORM_MESSAGES.doi,
    });
  });

  it.each(['1799', '2101', '20.5'])('rejects the year %s', (year) => {
    expect(validate(studyFormSchema, { ...EMPTY_STUDY_FORM, title: 'T', year }).ok).toBe(false);
  });
});

describe('DOIs', () => {
  it.each([
    ['doi:10.1136/x', '10.1136/x'],
    ['http://dx.doi.org/10.1136/x', '10.1136/x'],
    [' 10.1136/x ', '10.1136/x'],
    ['https://doi.org/10.1136/x', '10.1136/x'],
  ])('a DOI typed as %j is kept as %s (the import’s normaliseDoi)', (input, expected) => {
    const result = validate(studyFormSchema, { ...EMPTY_STUDY_FORM, title: 'T', doi: input });
    expect(result.ok && result.data.doi).toBe(expected);
  });

  it('links through doi.org, escaping what is not a path character', () => {
    expect(doiUrl('10.1002/(SICI)1097#x')).toBe('https://doi.org/10.1002/(SICI)1097%23x');
  });
});
