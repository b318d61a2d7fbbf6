import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '../domain/document.types.js';

/**
 * The words of the notices that do not come from the incident: labels for codes, the
 * headings of the Art. 33(3) facts, the PDF header and footer, and the advice given to
 * data subjects. One JSON file per language in `<templatesDir>/i18n/<lang>.json`, with
 * exactly these keys (checked on load).
 */
export const DICTIONARY_SHAPE = {
  kind: ['authority_notification', 'controller_notice', 'data_subject_notice'],
  phase: ['initial', 'supplementary', 'final'],
  breachType: ['confidentiality', 'integrity', 'availability'],
  dataCategory: ['basic', 'behavioural', 'financial', 'special', 'criminal', 'government_id', 'credentials', 'communications'],
  riskLevel: ['unlikely', 'risk', 'high'],
  enisaBand: ['low', 'medium', 'high', 'very_high'],
  contactRole: ['dpo', 'contact_point'],
  organisationRole: ['controller', 'processor'],
  subjectCommunication: ['done', 'planned', 'not_required', 'undecided'],
  fact: ['dataCategories', 'subjectCategories', 'subjectsApprox', 'recordsApprox', 'consequences', 'measuresTaken', 'measuresProposed'],
  common: ['confidential', 'page', 'of', 'toFollow', 'about'],
  advice: ['basic', 'behavioural', 'financial', 'special', 'criminal', 'government_id', 'credentials', 'communications', 'general'],
} as const;

type Shape = typeof DICTIONARY_SHAPE;
export type DictionarySection = keyof Shape;
export type Dictionary = { readonly [S in DictionarySection]: { readonly [K in Shape[S][number]]: string } };

/**
 * The folder of the notice templates. Accepts `templates/documents` itself or the repository's
 * `templates/` folder that holds it.
 */
export function documentTemplatesDir(templatesDir: string): string {
  const nested = join(templatesDir, 'documents');
  return !existsSync(join(templatesDir, 'style.css')) && existsSync(join(nested, 'style.css')) ? nested : templatesDir;
}

/** The file a language's dictionary is read from. */
export function dictionaryPath(templatesDir: string, language: DocumentLanguage): string {
  return join(documentTemplatesDir(templatesDir), 'i18n', `${language}.json`);
}

/** Every problem with a parsed dictionary: missing, extra, empty or non-string keys. */
export function dictionaryProblems(raw: unknown): string[] {
  if (!isRecord(raw)) return ['the dictionary is not a JSON object'];
  const problems: string[] = [];
  const sections = Object.keys(DICTIONARY_SHAPE) as DictionarySection[];
  for (const extra of Object.keys(raw).filter((k) => !(sections as string[]).includes(k))) problems.push(`unexpected section "${extra}"`);
  for (const section of sections) {
    const entries = raw[section];
    if (!isRecord(entries)) {
      problems.push(`missing section "${section}"`);
      continue;
    }
    const keys: readonly string[] = DICTIONARY_SHAPE[section];
    for (const extra of Object.keys(entries).filter((k) => !keys.includes(k))) problems.push(`unexpected key "${section}.${extra}"`);
    for (const key of keys) {
      const value = entries[key];
      if (typeof value !== 'string') problems.push(`missing key "${section}.${key}"`);
      else if (value.trim() === '') problems.push(`empty key "${section}.${key}"`);
    }
  }
  return problems;
}

/** Reads and checks `<templatesDir>/i18n/<language>.json` (see documentTemplatesDir); throws naming every bad key. */
export function loadDictionary(templatesDir: string, language: DocumentLanguage): Dictionary {
  if (!(DOCUMENT_LANGUAGES as readonly string[]).includes(language)) {
    throw new Error(`No dictionary for language "${String(language)}" (available: ${DOCUMENT_LANGUAGES.join(', ')})`);
  }
  const file = dictionaryPath(templatesDir, language);
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problems = dictionaryProblems(raw);
  if (problems.length > 0) throw new Error(`Invalid dictionary ${file}: ${problems.join('; ')}`);
  return raw as Dictionary;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
