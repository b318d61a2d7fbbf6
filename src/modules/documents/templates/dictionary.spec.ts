import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DOCUMENT_TEMPLATES_DIR } from '../../../../test/fixtures/document-view-model.js';
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '../domain/document.types.js';
import { DICTIONARY_SHAPE, type Dictionary, dictionaryProblems, loadDictionary } from './dictionary.js';

const raw = (language: DocumentLanguage): Record<string, Record<string, unknown>> => JSON.parse(readFileSync(join(DOCUMENT_TEMPLATES_DIR, 'i18n', `${language}.json`), 'utf8'));
const keySet = (d: Record<string, Record<string, unknown>>) => Object.entries(d).flatMap(([section, entries]) => Object.keys(entries).map((k) => `${section}.${k}`)).sort();
const OTHERS = DOCUMENT_LANGUAGES.filter((l) => l !== 'en');

describe('the dictionaries', () => {
  it('English has exactly the keys of the contract', () => {
    const expected = Object.entries(DICTIONARY_SHAPE).flatMap(([section, keys]) => keys.map((k) => `${section}.${k}`)).sort();
    expect(keySet(raw('en'))).toEqual(expected);
    expect(expected).toHaveLength(3 + 3 + 3 + 8 + 3 + 4 + 2 + 2 + 4 + 7 + 5 + 9);
  });

  it.each(DOCUMENT_LANGUAGES)('%s has exactly the English key set, every value a non-empty string', (language) => {
    const d = raw(language);
    expect(keySet(d)).toEqual(keySet(raw('en')));
    for (const entries of Object.values(d)) for (const value of Object.values(entries)) expect(typeof value === 'string' && value.trim().length > 0).toBe(true);
    expect(dictionaryProblems(d)).toEqual([]);
    expect(() => loadDictionary(DOCUMENT_TEMPLATES_DIR, language)).not.toThrow();
  });

  it.each(OTHERS)('%s is translated (no sentence left in English)', (language) => {
    const en = raw('en');
    const d = raw(language);
    const same = keySet(d).filter((key) => {
      const [s, k] = key.split('.');
      return d[s][k] === en[s][k] && String(en[s][k]).includes(' ');
    });
    expect(same).toEqual([]);
  });

  it('uses the correct letters of Finnish and Lithuanian (and the others)', () => {
    const all = (l: DocumentLanguage) => JSON.stringify(raw(l));
    for (const letter of ['ä', 'ö']) expect(all('fi')).toContain(letter);
    for (const letter of ['ą', 'č', 'ę', 'ė', 'į', 'š', 'ų', 'ū', 'ž']) expect(all('lt')).toContain(letter);
    for (const letter of ['å', 'ä', 'ö']) expect(all('sv')).toContain(letter);
    for (const letter of ['é', 'è', 'à', 'ç']) expect(all('fr')).toContain(letter);
    for (const letter of ['ä', 'ö', 'ü', 'ß']) expect(all('de')).toContain(letter);
    // No "ASCII-ised" spellings of words the texts use.
    expect(all('fi')).not.toMatch(/henkilotieto|\btaman\b|\bpaasy|syntymaaj|\bkayttaj/i);
    expect(all('fi')).toContain('henkilötietojen');
    expect(all('lt')).not.toMatch(/\b(duomenu|pazeidimas|slaptazodi)\b/);
    expect(all('lt')).toContain('asmens duomenų saugumo pažeidimą');
  });

  it.each<[DocumentLanguage, RegExp, RegExp, RegExp]>([
    ['en', /password[\s\S]*two-factor/i, /bank/i, /phishing/i],
    ['fi', /salasana[\s\S]*kaksivaiheinen/i, /pankki/i, /tietojenkalastelu/i],
    ['sv', /lösenord[\s\S]*tvåfaktors/i, /bank/i, /nätfiske/i],
    ['fr', /mot de passe[\s\S]*deux facteurs/i, /banque/i, /hameçonnage/i],
    ['nl', /wachtwoord[\s\S]*tweestapsverificatie/i, /bank/i, /phishing/i],
    ['de', /Passwort[\s\S]*Zwei-Faktor/i, /Bank/, /Phishing/],
    ['lt', /slaptažod[\s\S]*dviejų veiksnių/i, /bank/i, /sukčiavimo/i],
  ])('%s advice is concrete: passwords and two-factor, the bank, phishing', (language, credentials, financial, basic) => {
    const advice = raw(language).advice as Dictionary['advice'];
    expect(advice.credentials).toMatch(credentials);
    expect(advice.financial).toMatch(financial);
    expect(advice.basic).toMatch(basic);
    for (const text of Object.values(advice)) expect(text.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 3).length).toBeLessThanOrEqual(3);
  });

  it.each(DOCUMENT_LANGUAGES)('%s cites GDPR Art. 33(4) in its "to be provided later" words', (language) => {
    expect(raw(language).common.toFollow).toMatch(/33/);
  });
});

describe('loadDictionary', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'breach-clock-i18n-'));
    cpSync(join(DOCUMENT_TEMPLATES_DIR, 'i18n'), join(dir, 'i18n'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const change = (language: DocumentLanguage, edit: (d: Record<string, Record<string, unknown>>) => void) => {
    const file = join(dir, 'i18n', `${language}.json`);
    const d = JSON.parse(readFileSync(file, 'utf8'));
    edit(d);
    writeFileSync(file, JSON.stringify(d));
  };

  it('returns the typed dictionary', () => {
    const d: Dictionary = loadDictionary(dir, 'de');
    expect(d.common.confidential).toBe('Vertraulich');
    expect(d.kind.data_subject_notice).toBe('Information über eine Verletzung des Schutzes Ihrer personenbezogenen Daten');
  });

  it('names every missing, extra or empty key', () => {
    change('sv', (d) => {
      delete d.advice.credentials;
      d.fact.extra = 'x';
      d.common.page = ' ';
      delete d.enisaBand;
    });
    expect(() => loadDictionary(dir, 'sv')).toThrow('missing key "advice.credentials"');
    expect(() => loadDictionary(dir, 'sv')).toThrow('unexpected key "fact.extra"');
    expect(() => loadDictionary(dir, 'sv')).toThrow('empty key "common.page"');
    expect(() => loadDictionary(dir, 'sv')).toThrow('missing section "enisaBand"');
  });

  it('rejects a non-string value and an unknown language', () => {
    change('fi', (d) => {
      d.phase.final = 3;
    });
    expect(() => loadDictionary(dir, 'fi')).toThrow('missing key "phase.final"');
    expect(() => loadDictionary(dir, 'es' as DocumentLanguage)).toThrow('No dictionary for language "es"');
  });
});
