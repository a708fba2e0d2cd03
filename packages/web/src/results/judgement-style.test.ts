import { describe, expect, it } from 'vitest';
import type { RobvisTable } from '@corates/shared';
import {
  cellStyle,
  contrastRatio,
  inkFor,
  judgementStyles,
  stylesUsed,
} from './judgement-style.ts';

const styleOf = (type: 'ROB2' | 'ROBINS_I') =>
  judgementStyles(type).map((s) => [s.label, s.fill, s.symbol, s.ink]);

describe('judgement styles (robvis "cochrane" colours and symbols)', () => {
  it('RoB 2: Low, Some concerns, High, then the cells without a judgement', () => {
    expect(styleOf('ROB2')).toEqual([
      ['Low', '#02C100', '+', '#000000'],
      ['Some concerns', '#E2DF07', '−', '#000000'],
      ['High', '#BF0000', '×', '#FFFFFF'],
      ['No information', '#4EA1F7', '?', '#000000'],
      ['Not assessed', '#FFFFFF', '/', '#000000'],
      ['Not applicable', '#CCCCCC', '', '#000000'],
    ]);
  });

  it('ROBINS-I V2: Low, Low except confounding, Moderate, Serious, Critical, No information, …', () => {
    expect(styleOf('ROBINS_I')).toEqual([
      ['Low', '#02C100', '+', '#000000'],
      ['Low except for concerns about uncontrolled confounding', '#8FE08E', '(+)', '#000000'],
      ['Moderate', '#E2DF07', '−', '#000000'],
      ['Serious', '#BF0000', '×', '#FFFFFF'],
      ['Critical', '#820000', '!', '#FFFFFF'],
      ['No information', '#4EA1F7', '?', '#000000'],
      ['Not assessed', '#FFFFFF', '/', '#000000'],
      ['Not applicable', '#CCCCCC', '', '#000000'],
    ]);
  });

  it('colour is never the only cue: within a tool no two judgements share a symbol', () => {
    for (const type of ['ROB2', 'ROBINS_I'] as const) {
      const symbols = judgementStyles(type).map((s) => s.symbol);
      expect(new Set(symbols).size).toBe(symbols.length);
    }
  });

  it('each symbol contrasts with its fill at least 3:1 (WCAG, graphics)', () => {
    for (const type of ['ROB2', 'ROBINS_I'] as const)
      for (const s of judgementStyles(type))
        expect(contrastRatio(s.fill, s.ink), `${type} ${s.label}`).toBeGreaterThanOrEqual(3);
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(inkFor('#FFFF00')).toBe('#000000');
    expect(inkFor('#000080')).toBe('#FFFFFF');
  });

  it('a cell reads its judgement or state; a value the tool does not have reads as no information', () => {
    expect(
      cellStyle('ROB2', { state: 'judged', judgement: { value: 'high', label: 'High' } }).fill,
    ).toBe('#BF0000');
    expect(cellStyle('ROBINS_I', { state: 'not-assessed' }).label).toBe('Not assessed');
    expect(
      cellStyle('ROB2', { state: 'judged', judgement: { value: 'critical', label: 'Critical' } })
        .label,
    ).toBe('No information');
  });

  it('a legend lists the styles a table uses, in scale order', () => {
    const table: RobvisTable = {
      type: 'ROB2',
      outcomeId: 'o1',
      outcome: 'Pain',
      columns: [{ key: 'D1', title: '1. Bias', domainIds: ['d1'] }],
      rows: [
        {
          checklistId: 'c',
          studyId: 's',
          study: 'Lee 2020',
          studyTitle: 'T',
          domains: { D1: { state: 'judged', judgement: { value: 'high', label: 'High' } } },
          overall: { state: 'judged', judgement: { value: 'low', label: 'Low' } },
          weight: 1,
        },
      ],
      robvisTool: 'Generic',
      releases: [],
    };
    expect(stylesUsed(table).map((s) => s.label)).toEqual(['Low', 'High']);
  });
});
