/**
 * A strict RFC 4180 reader for the tests (unit and e2e): records end with CRLF, a quoted
 * field may hold commas, CR, LF and doubled quotes; anything else (a bare quote in an
 * unquoted field, a lone CR or LF between records, text after a closing quote, an
 * unterminated quote) throws, so a test cannot pass on a file a real reader would misread.
 * A leading UTF-8 BOM is removed and reported.
 */
export function parseCsv(input: string): { bom: boolean; records: string[][] } {
  const bom = input.startsWith('\uFEFF');
  const text = bom ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`CSV: ${why} at offset ${i} (record ${records.length + 1})`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote in an unquoted field');
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
      if (i >= text.length) fail('file ends after a comma');
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    if (i >= text.length) fail('last record has no CRLF');
    fail(`unexpected ${JSON.stringify(text[i])} after a field`);
  }
  return { bom, records };
}

/** Records as objects keyed by the header record. */
export function parseCsvObjects(input: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(input).records;
  if (!header) return [];
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`CSV: a record has ${row.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, k) => [name, row[k]]));
  });
}
