/** The words of the running header and footer, in the document's language. */
export interface HeaderFooterTexts {
  reference: string;
  confidential: string;
  /** "Page" in "Page 2 of 5". */
  page: string;
  /** "of" in "Page 2 of 5". */
  of: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

// Chromium renders the templates in their own document: the page's stylesheet does not reach
// them and their default font size is tiny, so everything is inline (single quotes only: this
// goes inside style="..."). The side padding matches the page's 18 mm margins. Ligatures are
// off so text extraction gets "Confidential", not "Con", "fi", "dential".
const BOX =
  'box-sizing:border-box;width:100%;padding:0 18mm;margin:0;' +
  "font-family:'Noto Sans','DejaVu Sans',sans-serif;font-size:8pt;line-height:1.2;color:#555;font-variant-ligatures:none;";

/**
 * Header (reference left, "Confidential" right) and footer ("Page x of y", centred) for
 * page.pdf(). Chromium fills the `pageNumber` and `totalPages` spans itself, without page JavaScript.
 */
export function headerFooter(texts: HeaderFooterTexts): { headerTemplate: string; footerTemplate: string } {
  return {
    headerTemplate:
      `<div style="${BOX}display:flex;justify-content:space-between;">` +
      `<span>${escapeHtml(texts.reference)}</span>` +
      `<span style="font-weight:bold;color:#8a1c1c;">${escapeHtml(texts.confidential)}</span></div>`,
    footerTemplate:
      `<div style="${BOX}text-align:center;">` +
      `${escapeHtml(texts.page)} <span class="pageNumber"></span> ${escapeHtml(texts.of)} <span class="totalPages"></span></div>`,
  };
}
