import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DOCUMENT_TEMPLATES_DIR } from '../../../../test/fixtures/document-view-model.js';
import { type DocumentKind, type DocumentLanguage, KIND_LANGUAGES } from '../domain/document.types.js';
import { createTemplateEngine } from './template-engine.js';

const COMBOS = (Object.entries(KIND_LANGUAGES) as Array<[DocumentKind, readonly DocumentLanguage[]]>).flatMap(([kind, languages]) =>
  languages.map((language) => [kind, language] as const),
);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh copy of the templates, changed by `edits` (file → change), and the versions of every combination. */
function versionsAfter(edits: Record<string, (text: string) => string> = {}): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'breach-clock-version-'));
  dirs.push(dir);
  cpSync(DOCUMENT_TEMPLATES_DIR, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  const engine = createTemplateEngine(dir);
  return new Map(COMBOS.map(([kind, language]) => [`${kind}/${language}`, engine.templateVersion(kind, language)]));
}
const baseline = versionsAfter();
/** Which combinations a change gives a new version. */
const changed = (after: Map<string, string>) => [...after].filter(([key, v]) => baseline.get(key) !== v).map(([key]) => key);
const ALL = COMBOS.map(([k, l]) => `${k}/${l}`);

describe('templateVersion', () => {
  it('is 12 hex characters of SHA-256, stable across engines, distinct per template', () => {
    const engine = createTemplateEngine(DOCUMENT_TEMPLATES_DIR);
    for (const [kind, language] of COMBOS) {
      expect(engine.templateVersion(kind, language)).toMatch(/^[0-9a-f]{12}$/);
      expect(engine.templateVersion(kind, language)).toBe(baseline.get(`${kind}/${language}`));
    }
    expect(new Set(baseline.values()).size).toBe(COMBOS.length);
  });

  it('a copy of the same files has the same versions', () => {
    expect(changed(versionsAfter())).toEqual([]);
  });

  it('changes when the template changes, and only for that template', () => {
    expect(changed(versionsAfter({ 'data_subject_notice/fi.hbs': (t) => t.replace('Mitä tapahtui', 'Mitä on tapahtunut') }))).toEqual(['data_subject_notice/fi']);
    expect(changed(versionsAfter({ 'authority_notification/en.hbs': (t) => `${t} ` }))).toEqual(['authority_notification/en']);
  });

  it('changes when a partial the template uses changes, not for templates that do not use it', () => {
    expect(changed(versionsAfter({ 'partials/nature.hbs': (t) => t.replace('Type of breach', 'Kind of breach') }))).toEqual(['authority_notification/en', 'controller_notice/en']);
    expect(changed(versionsAfter({ 'partials/contact.hbs': (t) => t.replace('<dl class="contact">', '<dl class="contact-details">') }))).toEqual(ALL);
  });

  it('changes when a partial used only through another partial changes', () => {
    // later.hbs is used by nature.hbs, outcome.hbs, assessment.hbs and the en templates.
    expect(changed(versionsAfter({ 'partials/later.hbs': (t) => t.replace('not provided in this final notification', 'not provided') }))).toEqual([
      'authority_notification/en',
      'controller_notice/en',
    ]);
  });

  it('changes for every template when the stylesheet changes', () => {
    expect(changed(versionsAfter({ 'style.css': (t) => t.replace('font-size: 10pt;', 'font-size: 10.5pt;') }))).toEqual(ALL);
  });

  it('changes when the dictionary of its language changes', () => {
    expect(changed(versionsAfter({ 'i18n/fi.json': (t) => t.replace('"Luottamuksellinen"', '"Salassa pidettävä"') }))).toEqual(['data_subject_notice/fi']);
    expect(changed(versionsAfter({ 'i18n/en.json': (t) => t.replace('"Confidential"', '"Restricted"') }))).toEqual(['authority_notification/en', 'controller_notice/en', 'data_subject_notice/en']);
  });

  it('refuses a template that uses a partial that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'breach-clock-version-'));
    dirs.push(dir);
    cpSync(DOCUMENT_TEMPLATES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'data_subject_notice/nl.hbs'), '{{> styles}}{{> no-such-partial}}');
    expect(() => createTemplateEngine(dir).templateVersion('data_subject_notice', 'nl')).toThrow('data_subject_notice/nl.hbs uses the partial "no-such-partial", which is not in partials/');
  });
});
