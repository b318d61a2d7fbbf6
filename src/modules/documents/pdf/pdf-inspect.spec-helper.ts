import fs from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';

/**
 * Is the process still running? A zombie is not: Chromium killed together with its wrapper
 * script is re-parented to init, which may take a while to reap it.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** What the PDF tests look at, read back the way a reader would (pdfjs-dist, in-process). */
export interface InspectedPdf {
  numPages: number;
  /** Page texts; items are joined without separators so a ligature ("fi") does not split a word, whitespace collapsed. */
  pages: string[];
  text: string;
  /** Items joined with spaces, as test/setup/pdf-text.ts does: a split ligature shows here as "Con fi dential". */
  spacedText: string;
  info: Record<string, unknown>;
  marked: boolean;
  /** From pdf-lib: the catalog still holds /StructTreeRoot and /MarkInfo. */
  catalogTagged: boolean;
  /** pdfjs found a structure tree on page 1. */
  hasStructTree: boolean;
  pageSizes: Array<{ width: number; height: number }>;
}

export async function inspectPdf(pdf: Uint8Array): Promise<InspectedPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    const spaced: string[] = [];
    const pageSizes: Array<{ width: number; height: number }> = [];
    let hasStructTree = false;
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      pages.push(text.replace(/\s+/g, ' ').trim());
      spaced.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
      const [x0, y0, x1, y1] = page.view;
      pageSizes.push({ width: x1 - x0, height: y1 - y0 });
      if (n === 1) hasStructTree = (await page.getStructTree()) !== null;
    }
    const metadata = await doc.getMetadata();
    const markInfo = await doc.getMarkInfo();
    const lib = await PDFDocument.load(pdf, { updateMetadata: false });
    const catalogTagged = lib.catalog.has(PDFName.of('StructTreeRoot')) && lib.catalog.has(PDFName.of('MarkInfo'));
    return { numPages: doc.numPages, pages, text: pages.join('\n'), spacedText: spaced.join('\n'), info: metadata.info as Record<string, unknown>, marked: markInfo?.Marked === true, catalogTagged, hasStructTree, pageSizes };
  } finally {
    await doc.destroy();
  }
}
