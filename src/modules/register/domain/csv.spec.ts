import { csvField, csvRecord, neutraliseFormula, UTF8_BOM, writeCsv } from './csv.js';
import { parseCsv } from './csv-parse.spec-helper.js';

describe('CSV writer (RFC 4180)', () => {
  it.each([
    ['plain text', 'Netox Oy', 'Netox Oy'],
    ['empty text', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['an integer', 240, '240'],
    ['a negative number (not text: left alone)', -2, '-2'],
    ['a decimal', 26.5, '26.5'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['a comma', 'Helsinki, Finland', '"Helsinki, Finland"'],
    ['a double quote', 'the "wrong" recipient', '"the ""wrong"" recipient"'],
    ['only a quote', '"', '""""'],
    ['a line feed', 'line 1\nline 2', '"line 1\nline 2"'],
    ['CRLF inside', 'line 1\r\nline 2', '"line 1\r\nline 2"'],
    ['a CR inside', 'a\rb', '"a\rb"'],
    ['quotes, commas and newlines together', 'He said "no", then\nleft', '"He said ""no"", then\nleft"'],
    ['a single quote in the middle', "O'Brien", "O'Brien"],
    ['an ISO instant', '2026-11-20T09:30:00.000Z', '2026-11-20T09:30:00.000Z'],
    ['non-ASCII', 'Säkerhet – žala', 'Säkerhet – žala'],
  ])('writes %s', (_label, cell, expected) => {
    expect(csvField(cell)).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ["-", "'-"],
    ['=', "'="],
  ])('neutralises the hostile cell %j', (cell, expected) => {
    expect(csvField(cell)).toBe(expected);
  });

  it.each([
    ['a leading space before =', ' =1+1'],
    ['an = later in the text', 'a=1+1'],
    ['a leading apostrophe already', "'=1"],
    ['a digit', '1+1'],
    ['a line feed first', '\nline'],
  ])('leaves alone %s', (_label, cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('ends every record, the last one too, with CRLF', () => {
    expect(csvRecord(['a', 1, null])).toBe('a,1,\r\n');
    expect(writeCsv(['x', 'y'], [['1', '2'], ['3', '4']], { bom: false })).toBe('x,y\r\n1,2\r\n3,4\r\n');
  });

  it('starts with a UTF-8 BOM unless told not to', () => {
    expect(writeCsv(['x'], [])).toBe(`${UTF8_BOM}x\r\n`);
    expect(writeCsv(['x'], [], { bom: false })).toBe('x\r\n');
  });

  it('refuses a row whose width differs from the header, and a non-finite number', () => {
    expect(() => writeCsv(['x', 'y'], [['1']])).toThrow(/row 1 has 1 fields, the header 2/);
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Infinity)).toThrow(RangeError);
  });

  it.each([
    ['quotes, commas and newlines', ['He said "no", then\nleft', 'a,b', 'x\r\ny', '""', '']],
    ['hostile cells (read back with their quote)', ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)']],
    ['non-ASCII text', ['Tietosuojavaltuutetun toimisto', 'Datainspektionen – Integritetsskyddsmyndigheten']],
  ])('round-trips %s through a strict reader', (_label, cells) => {
    const { bom, records } = parseCsv(writeCsv(['a', 'b', 'c', 'd', 'e'].slice(0, cells.length), [cells]));
    expect(bom).toBe(true);
    expect(records[1]).toEqual(cells.map(neutraliseFormula));
  });
});
