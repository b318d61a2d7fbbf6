import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import Handlebars from 'handlebars';

import { DOCUMENT_TEMPLATES_DIR, documentViewModelFixture, htmlText } from '../../../../test/fixtures/document-view-model.js';
import { type DocumentKind, type DocumentLanguage, type DocumentViewModel, KIND_LANGUAGES } from '../domain/document.types.js';
import { createTemplateEngine } from './template-engine.js';

const COMBOS = (Object.entries(KIND_LANGUAGES) as Array<[DocumentKind, readonly DocumentLanguage[]]>).flatMap(([kind, languages]) =>
  languages.map((language) => [kind, language] as const),
);
const engine = createTemplateEngine(DOCUMENT_TEMPLATES_DIR);
const vmFor = (kind: DocumentKind, language: DocumentLanguage) => documentViewModelFixture({ document: { kind, language } });

/** A copy of templates/documents to change on disk. */
function templatesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breach-clock-templates-'));
  cpSync(DOCUMENT_TEMPLATES_DIR, dir, { recursive: true });
  return dir;
}
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function copy(): string {
  const dir = templatesCopy();
  tempDirs.push(dir);
  return dir;
}
function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** The view model without one field, given as a dotted path. */
function without(vm: DocumentViewModel, path: string): DocumentViewModel {
  const copyVm = structuredClone(vm) as unknown as Record<string, unknown>;
  const parts = path.split('.');
  const parent = parts.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copyVm);
  if (!(parts.at(-1)! in parent)) throw new Error(`fixture has no ${path}`);
  delete parent[parts.at(-1)!];
  return copyVm as unknown as DocumentViewModel;
}

describe('every kind renders in each of its languages', () => {
  it('covers the 9 combinations of the contract', () => {
    expect(COMBOS).toHaveLength(9);
  });

  it.each(COMBOS)('%s/%s: a full, self-contained HTML document in its language', (kind, language) => {
    const vm = vmFor(kind, language);
    const html = engine.render(kind, language, vm);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<title>[^<]*BR-2026-0007<\/title>/);
    expect(html).toMatch(/<head>[\s\S]*<style>[\s\S]*font-family: "Noto Sans", "DejaVu Sans", sans-serif;[\s\S]*<\/style>[\s\S]*<\/head>/);
    expect(html).toMatch(/size: A4/);
    expect(html).toContain(`<h1>${vm.document.kindLabel}</h1>`);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toMatch(/<h2>/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const text = htmlText(html);
    expect(text).toContain(vm.organisation.legalName);
    expect(text).toContain(vm.incident.reference);
  });

  it.each(COMBOS)('%s/%s: loads nothing from outside (no src, href, url(), @import, <link>, <script>)', (kind, language) => {
    const html = engine.render(kind, language, vmFor(kind, language));
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/\shref\s*=/i);
    expect(html).not.toMatch(/url\s*\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/<(link|script|img|iframe|object|embed)\b/i);
  });

  it('tables have header cells with a scope (tagged PDF)', () => {
    const html = engine.render('authority_notification', 'en', vmFor('authority_notification', 'en'));
    expect(html).toMatch(/<th scope="row">/);
    expect(html).toMatch(/<th scope="col">/);
    expect(html).not.toMatch(/<th(?! scope="(row|col)")[ >]/);
  });
});

describe('unknown kinds and languages', () => {
  it('rejects a language the kind is not written in, naming the ones it is', () => {
    const vm = vmFor('authority_notification', 'en');
    expect(() => engine.render('authority_notification', 'fi', vm)).toThrow('No authority_notification template in language "fi" (available: en)');
    expect(() => engine.templateVersion('controller_notice', 'de')).toThrow('No controller_notice template in language "de"');
  });

  it('rejects an unknown kind or language', () => {
    expect(() => engine.templateVersion('breach_letter' as DocumentKind, 'en')).toThrow('Unknown document kind "breach_letter"');
    expect(() => engine.templateVersion('data_subject_notice', 'es' as DocumentLanguage)).toThrow('No data_subject_notice template in language "es"');
    expect(() => engine.templateVersion('toString' as DocumentKind, 'en')).toThrow('Unknown document kind "toString"');
  });

  it('refuses a view model made for another kind or language', () => {
    const fi = vmFor('data_subject_notice', 'fi');
    expect(() => engine.render('data_subject_notice', 'sv', fi)).toThrow('The view model is for data_subject_notice/fi, not data_subject_notice/sv');
  });
});

describe('strict mode: a field missing from the view model fails the render and is named', () => {
  it.each([
    // printed values: Handlebars' strict mode, the expression found in the template
    ['authority_notification', 'en', 'organisation.legalName'],
    ['authority_notification', 'en', 'authorities.basis'],
    ['data_subject_notice', 'fi', 'incident.description'],
    ['data_subject_notice', 'sv', 'document.title'],
    // arguments of helpers and block helpers: the view-model guard
    ['authority_notification', 'en', 'deadline.late'],
    ['authority_notification', 'en', 'authorities.ukIco'],
    ['authority_notification', 'en', 'phase.earlier'],
    ['controller_notice', 'en', 'controllerClock'],
    ['data_subject_notice', 'lt', 'advice'],
    ['data_subject_notice', 'de', 'consequences'],
    ['data_subject_notice', 'nl', 'consequences.provided'],
    ['data_subject_notice', 'fr', 'organisation.contact.isDpo'],
    ['data_subject_notice', 'en', 'organisation.contact.phone'],
  ] as const)('%s/%s without %s', (kind, language, path) => {
    const render = () => engine.render(kind, language, without(vmFor(kind, language), path));
    expect(render).toThrow(`Cannot render ${kind}/${language}: `);
    expect(render).toThrow(/not defined/);
    expect(render).toThrow(path);
  });

  it('strict mode also covers what the view model does not hold: the dictionary and partial parameters', () => {
    const dir = copy();
    edit(dir, 'data_subject_notice/sv.hbs', (t) => t.replace('<h2>Vad som hände</h2>', '<h2>{{@i18n.common.signature}}</h2>'));
    edit(dir, 'data_subject_notice/de.hbs', (t) => t.replace('labelEmail="E-Mail" ', ''));
    const strict = createTemplateEngine(dir);
    expect(() => strict.render('data_subject_notice', 'sv', vmFor('data_subject_notice', 'sv'))).toThrow(/"signature" not defined .*\(data_subject_notice\/sv\.hbs line \d+: @i18n\.common\.signature\)/);
    expect(() => strict.render('data_subject_notice', 'de', vmFor('data_subject_notice', 'de'))).toThrow(/"labelEmail" not defined .*\(partials\/contact\.hbs line \d+: labelEmail\)/);
  });

  it('names the template file, the line and the whole expression, also inside a partial', () => {
    const vm = without(vmFor('authority_notification', 'en'), 'assessment.rulesVersion');
    expect(() => engine.render('authority_notification', 'en', vm)).toThrow(/"rulesVersion" not defined .*\(partials\/assessment\.hbs line \d+: assessment\.rulesVersion\)/);
  });

  it('names the full path when an intermediate object is missing (Handlebars alone names only the last part)', () => {
    const vm = without(vmFor('authority_notification', 'en'), 'assessment.enisa.band');
    expect(() => engine.render('authority_notification', 'en', vm)).toThrow('assessment.enisa.band');
  });

  it('null is a value, not a missing field: "not known" renders', () => {
    const vm = documentViewModelFixture({ assessment: null, incident: { occurredAt: null, awareAt: null }, deadline: { dueAt: null }, authorities: { lead: null } });
    expect(() => engine.render('authority_notification', 'en', vm)).not.toThrow();
  });

  it('the complete fixture renders (the failures above come from the missing field)', () => {
    for (const [kind, language] of COMBOS) expect(() => engine.render(kind, language, vmFor(kind, language))).not.toThrow();
  });

  it('accepts a frozen view model', () => {
    const deepFreeze = <T>(o: T): T => {
      if (typeof o === 'object' && o !== null) Object.values(o).forEach(deepFreeze);
      return Object.freeze(o);
    };
    const vm = vmFor('data_subject_notice', 'en');
    expect(engine.render('data_subject_notice', 'en', deepFreeze(structuredClone(vm)))).toBe(engine.render('data_subject_notice', 'en', vm));
  });
});

describe('a private Handlebars instance', () => {
  it('registers nothing on the global Handlebars', () => {
    engine.render('authority_notification', 'en', vmFor('authority_notification', 'en'));
    expect(Handlebars.helpers).not.toHaveProperty('fact');
    expect(Handlebars.helpers).not.toHaveProperty('join');
    expect(Handlebars.partials).not.toHaveProperty('styles');
    expect(Handlebars.partials).not.toHaveProperty('nature');
  });
});

describe('templates are read and compiled once, lazily', () => {
  it('does not touch the disk until a template is needed', () => {
    const lazy = createTemplateEngine('/nonexistent/templates/documents');
    expect(() => lazy.templateVersion('authority_notification', 'en')).toThrow('Cannot read template file /nonexistent/templates/documents/');
  });

  it('keeps the compiled template: a change on disk is seen only by a new engine', () => {
    const dir = copy();
    const cached = createTemplateEngine(dir);
    const vm = vmFor('data_subject_notice', 'en');
    const before = cached.render('data_subject_notice', 'en', vm);
    const versionBefore = cached.templateVersion('data_subject_notice', 'en');
    edit(dir, 'data_subject_notice/en.hbs', (t) => t.replace('<h2>What happened</h2>', '<h2>What took place</h2>'));
    edit(dir, 'style.css', (t) => `${t}\n.changed { color: red; }\n`);
    expect(cached.render('data_subject_notice', 'en', vm)).toBe(before);
    expect(cached.templateVersion('data_subject_notice', 'en')).toBe(versionBefore);
    const fresh = createTemplateEngine(dir).render('data_subject_notice', 'en', vm);
    expect(fresh).toContain('<h2>What took place</h2>');
    expect(fresh).toContain('.changed { color: red; }');
  });

  it('accepts the repository templates/ folder as well as templates/documents', () => {
    const root = createTemplateEngine(dirname(DOCUMENT_TEMPLATES_DIR));
    const vm = vmFor('controller_notice', 'en');
    expect(root.render('controller_notice', 'en', vm)).toBe(engine.render('controller_notice', 'en', vm));
    expect(root.templateVersion('controller_notice', 'en')).toBe(engine.templateVersion('controller_notice', 'en'));
    expect(root.dictionary('lt')).toEqual(engine.dictionary('lt'));
  });
});
