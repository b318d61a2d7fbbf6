import { neutraliseHttpEquiv } from './meta-refresh.js';

describe('neutraliseHttpEquiv', () => {
  it.each([
    ['<meta http-equiv="refresh" content="0">'],
    ['<META HTTP-EQUIV=REFRESH CONTENT=0>'],
    ["<meta content='0;url=about:blank' http-equiv='refresh'>"],
    ['<meta/http-equiv=refresh/content=0>'],
    ['<meta content="x>" http-equiv=refresh>'],
    ['<meta a=b"c d="x>" http-equiv=refresh content=0>'],
    ['<meta\nhttp-equiv\n=\n"refresh"\ncontent="0">'],
    ['<svg><meta http-equiv="refresh" content="0"></svg>'],
  ])('renames the attribute in %j', (tag) => {
    const out = neutraliseHttpEquiv(`<p>before</p>${tag}<p>after</p>`);
    expect(out.toLowerCase()).not.toMatch(/[\s/]http-equiv/);
    expect(out).toContain('data-blocked-http-equiv');
    expect(out.startsWith('<p>before</p>') && out.endsWith('<p>after</p>')).toBe(true);
  });

  it('leaves everything else alone: escaped text, other tags, other metas', () => {
    const html = '<meta charset="utf-8"><metadata http-equiv="x"></metadata><p>&lt;meta http-equiv="refresh"&gt; http-equiv</p><div http-equiv="refresh"></div>';
    expect(neutraliseHttpEquiv(html)).toBe(html);
  });

  it('returns the same string when there is nothing to do', () => {
    const html = '<html><body><p>plain</p></body></html>';
    expect(neutraliseHttpEquiv(html)).toBe(html);
  });
});
