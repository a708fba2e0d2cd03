import { z } from 'zod';
import { normaliseDoi, studyFieldsSchema } from '@corates/shared';

/** The add-study form's fields, as typed (strings). */
export const EMPTY_STUDY_FORM = {
  title: '',
  authors: '',
  year: '',
  journal: '',
  doi: '',
  /** A `StudyDesign`, or '' for not set. */
  design: '',
};
export type StudyFormValues = typeof EMPTY_STUDY_FORM;

export const STUDY_FORM_MESSAGES = {
  title: 'Enter the title of the study.',
  authors: 'Keep the authors under 2,000 characters.',
  year: 'Enter a year between 1800 and 2100, like 2021, or leave it empty.',
  journal: 'Keep the journal under 300 characters.',
  doi: 'Enter a DOI like 10.1136/bmj.j4008, or leave it empty.',
  design: 'Choose one of the listed designs, or leave it not set.',
};

/** '' → null; digits → the number; anything else → NaN, which the schema rejects. */
export function yearFromInput(input: string): number | null {
  const s = input.trim();
  if (s === '') return null;
  return /^\d{1,4}$/.test(s) ? Number(s) : Number.NaN;
}

/** The form's strings converted, then validated by the shared `studyFieldsSchema`. */
export const studyFormSchema = z.preprocess((input) => {
  if (typeof input !== 'object' || input === null) return input;
  const values = input as Partial<StudyFormValues>;
  return {
    ...values,
    year: yearFromInput(values.year ?? ''),
    doi: normaliseDoi(values.doi ?? ''),
    design: values.design || undefined,
  };
}, studyFieldsSchema);

/** The link a DOI resolves through. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}
