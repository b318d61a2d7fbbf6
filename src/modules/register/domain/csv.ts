/**
 * RFC 4180 CSV, made safe to open in a spreadsheet.
 *
 * - Records end with CRLF (the last one too); a field is quoted when it holds a comma, a
 *   double quote, CR or LF, and its double quotes are doubled.
 * - Formula injection (CWE-1236, OWASP "CSV Injection"): a text cell that begins with `=`,
 *   `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and Google Sheets
 *   as a formula (`=HYPERLINK(...)` exfiltrates, `=cmd|...` used to run commands). Such a cell
 *   gets a leading single quote, so it is taken as text (OWASP's advice); the quote stays
 *   visible, which tells a reader the cell was changed. Only text is touched: numbers,
 *   booleans and empty cells are written as they are (a number cannot carry a formula).
 * - The file starts with a UTF-8 byte order mark unless told otherwise: without it Excel reads
 *   the file in the local ANSI code page and mangles every non-ASCII letter (ä, ö, š, ł...);
 *   most other tools skip it (LibreOffice, Python's `utf-8-sig`); `bom: false` leaves it out.
 */
export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell a spreadsheet would evaluate gets a leading `'`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: neutralised when text, then quoted when RFC 4180 requires it. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`A CSV cell must be a finite number, got ${cell}`);
    return String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** A whole file: the header record, then one record per row, each with as many fields as the header. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const width = header.length;
  const records = rows.map((row, i) => {
    if (row.length !== width) throw new RangeError(`CSV row ${i + 1} has ${row.length} fields, the header ${width}`);
    return csvRecord(row);
  });
  return `${options.bom === false ? '' : UTF8_BOM}${csvRecord(header)}${records.join('')}`;
}
