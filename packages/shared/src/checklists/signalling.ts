import type { ChecklistItemGroup, ChecklistOption, Condition, ItemCondition } from './types.ts';

/**
 * Answer codes of the signalling questions of ROBINS-I V2 and RoB 2, as the tools print them.
 * The graded codes are ROBINS-I's: WN "No, but not substantial", SN "No, and probably substantial",
 * SY "Yes, substantially", WY "Yes, but not substantially".
 */
export type SignallingCode = 'Y' | 'PY' | 'PN' | 'N' | 'NI' | 'NA' | 'WN' | 'SN' | 'SY' | 'WY';

const option = <const V extends SignallingCode>(value: V, label: string) => ({ value, label });

export const Y = option('Y', 'Yes');
export const PY = option('PY', 'Probably yes');
export const PN = option('PN', 'Probably no');
export const N = option('N', 'No');
export const NI = option('NI', 'No information');
export const NA = option('NA', 'Not applicable');
export const WN = option('WN', 'No, but not substantial');
export const SN = option('SN', 'No, and probably substantial');
export const SY = option('SY', 'Yes, substantially');
export const WY = option('WY', 'Yes, but not substantially');

/** Y / PY / PN / N. */
export const YES_NO = [Y, PY, PN, N] as const;
/** Y / PY / PN / N / NI. */
export const YES_NO_NI = [Y, PY, PN, N, NI] as const;
/** Y / PY / WN / SN / NI (ROBINS-I). */
export const GRADED_NO = [Y, PY, WN, SN, NI] as const;
/** SY / WY / PN / N / NI (ROBINS-I). */
export const GRADED_YES = [SY, WY, PN, N, NI] as const;

/** "Item `itemId` is answered with one of `codes`": a condition on one answer. */
export const answered = (itemId: string, ...codes: readonly string[]): ItemCondition => ({
  itemId,
  values: codes,
});
/** Any of several conditions ("If Y/PY/NI to 2.1 or 2.2"). */
export const anyOf = (...conditions: readonly Condition[]): Condition => ({ any: conditions });
/** All of several conditions ("If N/PN/NI to 4.1 and 4.2"). */
export const allOf = (...conditions: readonly Condition[]): Condition => ({ all: conditions });

/**
 * A conditional question's options: "Not applicable" first, as the tools print it. The form does
 * not offer the NA of a conditional question (`offeredOptions`): the tool's NA there means "not
 * asked"; a stored one stays readable.
 */
export const orNA = <const O extends readonly ChecklistOption[]>(options: O) =>
  [NA, ...options] as const;

/**
 * A signalling question. Ids are `<section>_<n>` (`d5_1`) and numbers as printed (`5.1`); the
 * `askedWhen` text is the tool's own condition, e.g. "If Y/PY/NI to 5.2", and `askedIf` the same
 * condition as data.
 */
export function signalling<
  const I extends string,
  const Num extends string,
  const O extends readonly ChecklistOption[],
>(
  id: I,
  number: Num,
  text: string,
  options: O,
  extra: {
    guidance?: string;
    askedWhen?: string;
    askedIf?: Condition;
    naWhenAsked?: boolean;
    group?: ChecklistItemGroup;
  } = {},
) {
  return {
    id,
    number,
    text,
    guidance: extra.guidance ?? '',
    options,
    critical: false,
    ...(extra.askedWhen === undefined ? {} : { askedWhen: extra.askedWhen }),
    ...(extra.askedIf === undefined ? {} : { askedIf: extra.askedIf }),
    ...(extra.naWhenAsked === undefined ? {} : { naWhenAsked: extra.naWhenAsked }),
    ...(extra.group === undefined ? {} : { group: extra.group }),
  } as const;
}

/**
 * The optional "predicted direction of bias" of a domain, numbered `<domain>-dir` unless the domain
 * is printed under another number (`number`: RoB 2's domain S is `S-dir`).
 */
export function direction<const I extends string, const O extends readonly ChecklistOption[]>(
  domain: I,
  options: O,
  number = `${domain.replace(/^d/, '')}-dir`,
) {
  return {
    id: `${domain}_dir`,
    number,
    text: 'What is the predicted direction of bias in this domain? (optional)',
    guidance: '',
    options,
    critical: false,
    kind: 'direction',
  } as const;
}
