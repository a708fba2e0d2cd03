import { describe, expect, it } from 'vitest';
import { csvField, csvFile, neutralizeFormula, toCsv, UTF8_BOM } from './csv.ts';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks; doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('');
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    for (const v of ['=1+1', '+1', '-2', '@SUM(A1)', '\t=x', '\r=x'])
      expect(neutralizeFormula(v)).toBe(`'${v}`);
    expect(neutralizeFormula('1-2')).toBe('1-2');
    expect(neutralizeFormula("'=ok")).toBe("'=ok");
  });

  it('joins rows with CRLF, neutralizing before quoting', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['=HYPERLINK("x")', 'c,d'],
      ]),
    ).toBe('a,b\r\n"\'=HYPERLINK(""x"")","c,d"\r\n');
  });

  it('a file for download is the CSV behind the byte-order mark U+FEFF (UTF-8: EF BB BF)', () => {
    const rows = [
      ['study', 'author'],
      ['s1', 'Savović'],
    ];
    const file = csvFile(rows);
    expect(UTF8_BOM).toBe('\uFEFF');
    expect(file.charCodeAt(0)).toBe(0xfeff);
    expect(file.slice(1)).toBe(toCsv(rows));
  });
});
