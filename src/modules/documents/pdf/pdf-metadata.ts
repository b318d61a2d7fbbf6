import { PDFDocument, PDFName, ParseSpeeds } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  subject: string;
  author: string;
  keywords?: string[];
  /** BCP 47 tag written to the catalog's /Lang (screen readers pick the voice from it). */
  language: string;
  creator: string;
  producer: string;
  date: Date;
}

/**
 * Writes the document information dictionary (title, subject, author, keywords, creator,
 * producer, dates) and makes sure the catalog's /Lang is the notice's language.
 *
 * Chromium already writes /Lang (from `<html lang>`) and /DisplayDocTitle into the catalog,
 * so usually only the information dictionary is new: it is appended as an incremental update
 * (PDF 32000-1 §7.5.6: a new object, a one-entry cross-reference section and a trailer whose
 * /Info points at it and /Prev at Chromium's table), leaving every byte Chromium wrote as it
 * was. That takes well under a millisecond; loading and saving the whole document with
 * pdf-lib took about 6 ms and a few megabytes per notice. Anything unexpected (a
 * cross-reference stream, another /Lang, no catalog where the table says) goes the pdf-lib
 * way below.
 */
export async function writePdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Buffer> {
  return appendInformation(pdf, meta) ?? rewriteWithPdfLib(pdf, meta);
}

/** The incremental update; null when this PDF is not laid out as Chromium lays it out. */
export function appendInformation(pdf: Uint8Array, meta: PdfMetadata): Buffer | null {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 2048));
  const end = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailerAt = tail.lastIndexOf('trailer');
  if (!end || trailerAt < 0) return null;
  const xrefOffset = Number(end[1]);
  const trailer = tail.slice(trailerAt, tail.lastIndexOf('startxref'));
  const size = /\/Size (\d+)/.exec(trailer);
  const root = /\/Root (\d+) 0 R/.exec(trailer);
  if (!size || !root || /\/(Encrypt|Prev|XRefStm)\b/.test(trailer)) return null;
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];

  // The catalog, found through Chromium's table (one section from object 0, 20-byte entries).
  const table = /^xref\r?\n0 (\d+)\r?\n/.exec(bytes.toString('latin1', xrefOffset, xrefOffset + 32));
  const rootNumber = Number(root[1]);
  if (!table || rootNumber >= Number(table[1])) return null;
  const entryAt = xrefOffset + table[0].length + 20 * rootNumber;
  const entry = /^(\d{10}) 00000 n/.exec(bytes.toString('latin1', entryAt, entryAt + 20));
  if (!entry) return null;
  const catalogAt = Number(entry[1]);
  const catalogEnd = bytes.indexOf('endobj', catalogAt, 'latin1');
  const catalog = bytes.toString('latin1', catalogAt, catalogEnd);
  if (catalogEnd < 0 || !catalog.startsWith(`${rootNumber} 0 obj`) || !/\/Type \/Catalog\b/.test(catalog)) return null;
  const tagged = /\/StructTreeRoot \d+ 0 R/.test(catalog) && /\/MarkInfo\b/.test(catalog);
  if (!tagged || catalog.match(/\/Lang \(([^)]*)\)/)?.[1] !== meta.language || !/\/DisplayDocTitle true/.test(catalog)) return null;

  const infoNumber = Number(size[1]);
  const date = pdfDate(meta.date);
  const fields: Array<[string, string]> = [
    ['Title', meta.title],
    ['Subject', meta.subject],
    ['Author', meta.author],
    ...(meta.keywords && meta.keywords.length > 0 ? [['Keywords', meta.keywords.join(' ')] as [string, string]] : []),
    ['Creator', meta.creator],
    ['Producer', meta.producer],
  ];
  const info =
    `\n${infoNumber} 0 obj\n<<${fields.map(([key, value]) => `/${key} ${textString(value)}`).join('\n')}\n` +
    `/CreationDate (${date})\n/ModDate (${date})>>\nendobj\n`;
  const infoAt = bytes.length + 1; // after the newline that opens the update
  const xrefAt = bytes.length + Buffer.byteLength(info, 'latin1');
  const update =
    `${info}xref\n${infoNumber} 1\n${String(infoAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${infoNumber + 1}\n/Root ${rootNumber} 0 R\n/Info ${infoNumber} 0 R\n/Prev ${xrefOffset}${id ? `\n/ID ${id}` : ''}>>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([bytes, Buffer.from(update, 'latin1')]);
}

/** A PDF text string: UTF-16BE with a byte order mark, written in hex (any language, no escaping). */
function textString(text: string): string {
  const utf16 = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
  return `<${utf16.toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSSZ (PDF 32000-1 §7.9.4), in UTC. */
function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * The whole document through pdf-lib, keeping everything else (the structure tree,
 * /MarkInfo, the outline, the embedded font subsets) object for object:
 * - `updateMetadata: false`: pdf-lib would otherwise stamp its own Producer/Creator/dates;
 * - `useObjectStreams: false`: Chromium writes PDF 1.4 with a classic xref table; object
 *   streams would need 1.5 and a cross-reference stream under a 1.4 header, which strict
 *   (PDF/UA) validators reject;
 * - fastest parse and no objects-per-tick: pdf-lib otherwise yields to the event loop every
 *   50-100 objects, which took ~15 ms per document instead of ~2 ms.
 */
async function rewriteWithPdfLib(pdf: Uint8Array, meta: PdfMetadata): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const wasTagged = doc.catalog.has(PDFName.of('StructTreeRoot'));
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  if (meta.keywords && meta.keywords.length > 0) doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setLanguage(meta.language);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  // A guard, not an expectation: losing the tags would silently make the notice inaccessible.
  if (wasTagged && !(doc.catalog.has(PDFName.of('StructTreeRoot')) && doc.catalog.has(PDFName.of('MarkInfo')))) {
    throw new Error('PDF metadata update dropped the structure tree');
  }
  const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY, addDefaultPage: false, updateFieldAppearances: false });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
