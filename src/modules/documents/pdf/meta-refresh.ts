const SPACE = new Set(['\t', '\n', '\f', '\r', ' ']);
const NEUTRALISED = 'data-blocked-http-equiv';

/**
 * Renames every `http-equiv` attribute of every `<meta>` start tag, so that no
 * `<meta http-equiv="refresh">` reaches Chromium. A refresh to about:blank (or a bare reload)
 * needs no request, so interception cannot stop it, and it would replace the document before
 * it is printed. (`Content-Security-Policy` and `Content-Type` metas are of no use to a page
 * with no network and content given as a string, so renaming them all loses nothing.)
 *
 * It tokenises start tags the way the HTML spec does (attribute names end at space, `/`, `>`
 * or `=`; a value is quoted only when a quote opens it; `>` inside a quoted value does not end
 * the tag), because a regex over `<meta ...>` can be made to disagree with the browser about
 * where a tag ends. Attribute names cannot be written with character references, so the
 * literal name is the only spelling. Escaped text (`&lt;meta`) is never touched.
 */
export function neutraliseHttpEquiv(html: string): string {
  const lower = html.toLowerCase();
  if (!lower.includes('http-equiv')) return html;
  let out = '';
  let copied = 0;
  for (let at = lower.indexOf('<meta'); at !== -1; at = lower.indexOf('<meta', at + 1)) {
    let i = at + 5;
    const after = html[i];
    if (after === undefined || !(SPACE.has(after) || after === '/' || after === '>')) continue; // <metadata>, <meta-x>
    while (i < html.length && html[i] !== '>') {
      if (SPACE.has(html[i]) || html[i] === '/') {
        i += 1;
        continue;
      }
      const nameStart = i;
      i += 1; // the first character of a name may be '='
      while (i < html.length && !SPACE.has(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i += 1;
      if (lower.slice(nameStart, i) === 'http-equiv') {
        out += html.slice(copied, nameStart) + NEUTRALISED;
        copied = i;
      }
      let j = i;
      while (j < html.length && SPACE.has(html[j])) j += 1;
      if (html[j] !== '=') continue;
      j += 1;
      while (j < html.length && SPACE.has(html[j])) j += 1;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        j = close === -1 ? html.length : close + 1;
      } else {
        while (j < html.length && !SPACE.has(html[j]) && html[j] !== '>') j += 1;
      }
      i = j;
    }
  }
  return out + html.slice(copied);
}
