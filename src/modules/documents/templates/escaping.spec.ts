import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DOCUMENT_TEMPLATES_DIR, documentViewModelFixture, htmlText } from '../../../../test/fixtures/document-view-model.js';
import { type DocumentKind, type DocumentLanguage, type DocumentViewModel, KIND_LANGUAGES } from '../domain/document.types.js';
import { createTemplateEngine } from './template-engine.js';

const engine = createTemplateEngine(DOCUMENT_TEMPLATES_DIR);
const COMBOS = (Object.entries(KIND_LANGUAGES) as Array<[DocumentKind, readonly DocumentLanguage[]]>).flatMap(([kind, languages]) =>
  languages.map((language) => [kind, language] as const),
);

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)><x-evil>{{organisation.legalName}}{{{document.title}}}"\'`=&';
/** Codes the templates compare or that select the template; every other string is text from people. */
const CODE_KEYS = new Set(['kind', 'language', 'phase', 'status', 'code', 'role', 'country', 'iso']);

/** Every free-text string of the view model prefixed with hostile markup. */
function hostile<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (CODE_KEYS.has(key) ? value : `${HOSTILE}${value}`) as T;
  if (Array.isArray(value)) return value.map((v) => hostile(v, key)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, k)])) as T;
  return value;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : []));
}

describe('text from the view model comes out escaped', () => {
  it.each(COMBOS)('%s/%s: no markup, no handlebars from the data', (kind, language) => {
    const vm: DocumentViewModel = hostile(documentViewModelFixture({ document: { kind, language } }));
    const html = engine.render(kind, language, vm);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<x-evil/i);
    expect(html).not.toMatch(/onerror=/i);
    const escaped = html.split('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;&lt;x-evil&gt;').length - 1;
    expect(escaped).toBeGreaterThanOrEqual(kind === 'authority_notification' ? 40 : 20);
    // Handlebars syntax in the data is text: shown as typed, never evaluated.
    expect(htmlText(html)).toContain(`{{organisation.legalName}}{{{document.title}}}"'\`=&`);
    expect(html).toContain('&quot;&#x27;&#x60;&#x3D;&amp;');
  });

  it('the title, the description and the contact are among the escaped fields', () => {
    const vm = documentViewModelFixture({
      document: { title: '</title><script>t()</script>' },
      incident: { description: '<img src="http://127.0.0.1:9/x"><link rel="stylesheet" href="http://127.0.0.1:9/s.css">' },
      organisation: { contact: { email: '"><svg onload=alert(1)>@example.test' } },
    });
    const html = engine.render('authority_notification', 'en', vm);
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;t()&lt;/script&gt;</title>');
    expect(html).toContain('&lt;img src&#x3D;&quot;http://127.0.0.1:9/x&quot;&gt;&lt;link rel&#x3D;&quot;stylesheet&quot;');
    expect(html).toContain('&quot;&gt;&lt;svg onload&#x3D;alert(1)&gt;@example.test');
    expect(html).not.toMatch(/<(svg|link|img)\b/);
    expect(html).not.toMatch(/\s(src|href)=/);
  });
});

describe('the templates themselves', () => {
  const files = sources(DOCUMENT_TEMPLATES_DIR);

  it('are all found (9 documents and the partials)', () => {
    expect(files.filter((f) => !f.includes('/partials/'))).toHaveLength(9);
    expect(files.filter((f) => f.includes('/partials/')).length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [f.slice(DOCUMENT_TEMPLATES_DIR.length + 1), f]))('%s has no unescaped output ({{{ }}} or {{& }})', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/\{\{\{|\{\{~?\s*&/);
  });

  it.each(files.map((f) => [f.slice(DOCUMENT_TEMPLATES_DIR.length + 1), f]))('%s loads no resource (no src, href, url(), <link>, <script>, <img>)', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/\s(src|href)\s*=|url\s*\(|<(link|script|img|iframe|object|embed)\b|@import/i);
  });

  it('the stylesheet loads nothing and names the system fonts for all seven languages', () => {
    const css = readFileSync(join(DOCUMENT_TEMPLATES_DIR, 'style.css'), 'utf8');
    expect(css).not.toMatch(/url\s*\(|@import|@font-face|https?:/i);
    expect(css).toContain('font-family: "Noto Sans", "DejaVu Sans", sans-serif;');
    expect(css).toMatch(/@page\s*\{[^}]*size: A4/);
  });
});
