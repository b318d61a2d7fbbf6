/** The text of a PDF, page by page, extracted in-process with pdfjs-dist (no poppler needed). */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<{ pages: string[]; text: string; info: Record<string, unknown> }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
    }
    const metadata = await doc.getMetadata();
    return { pages, text: pages.join('\n'), info: metadata.info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
