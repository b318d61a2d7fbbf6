import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { registerHelpers } from '../documents/templates/helpers.js';

/** templates/ above the running code (src/ in tests, dist/src/ in production). */
export function templatesRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'templates', 'pages'))) return path.join(dir, 'templates');
  }
  throw new Error('templates/pages not found above the service');
}

export function publicRoot(): string {
  return path.join(path.dirname(templatesRoot()), 'public');
}

/**
 * The pages' Handlebars: a private instance in strict mode, like the notices' (a field the
 * template names must exist), every value escaped, the notices' helpers plus a few for pages.
 */
export function createPageHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  registerHelpers(hb);
  hb.registerHelper('selected', (a: unknown, b: unknown) => (a === b ? 'selected' : ''));
  hb.registerHelper('checked', (value: unknown, list: unknown) => (Array.isArray(list) ? list.includes(value) : value === list) ? 'checked' : '');
  hb.registerHelper('plural', (count: number, one: string, many: string) => (count === 1 ? one : many));
  return hb;
}

export const PAGE_COMPILE_OPTIONS = { strict: true, noEscape: false, preventIndent: true } as const;

/** Every partial under templates/pages/partials, by file name. */
export function pagePartials(): Record<string, string> {
  const dir = path.join(templatesRoot(), 'pages', 'partials');
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => [path.basename(f, '.hbs'), path.join('partials', f)]),
  );
}
