import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Handlebars from 'handlebars';

import { KIND_LANGUAGES, type DocumentKind, type DocumentLanguage, type DocumentViewModel } from '../domain/document.types.js';
import { type Dictionary, documentTemplatesDir, loadDictionary } from './dictionary.js';
import { registerHelpers, TEMPLATE_HELPERS } from './helpers.js';
import { guardViewModel } from './view-model-guard.js';

/**
 * Renders the notices from `<templatesDir>/<kind>/<lang>.hbs` (templatesDir is
 * `templates/documents`, or the `templates/` folder holding it) with a private Handlebars
 * instance: strict mode (a field the template names must exist in the view model, else the
 * render fails naming it), every value escaped, partials from `partials/*.hbs`, and the
 * stylesheet `style.css` as the partial `styles`. Everything is read and compiled once, on
 * first use. The language's dictionary is available to templates as `@i18n`. The view model is
 * read through a guard, so a missing field fails even where strict mode does not look
 * (helper and block arguments).
 */
export interface TemplateEngine {
  render(kind: DocumentKind, language: DocumentLanguage, vm: DocumentViewModel): string;
  /** First 12 hex characters of SHA-256 over everything the rendered text depends on. */
  templateVersion(kind: DocumentKind, language: DocumentLanguage): string;
  dictionary(language: DocumentLanguage): Dictionary;
}

export const COMPILE_OPTIONS = {
  strict: true,
  noEscape: false,
  preventIndent: true,
  // Our helpers are called as helpers, never looked up in the view model.
  knownHelpers: Object.fromEntries(Object.keys(TEMPLATE_HELPERS).map((name) => [name, true])),
} as const;
const STYLES_PARTIAL = 'styles';

interface Shared {
  readonly hb: typeof Handlebars;
  readonly partials: ReadonlyMap<string, string>;
  readonly stylesheet: string;
}

interface Compiled {
  readonly file: string;
  readonly template: Handlebars.TemplateDelegate;
  readonly version: string;
}

/** Where a render error came from: the innermost template file and its source. */
const ORIGIN = Symbol('templateOrigin');
type Origin = { file: string; source: string };

export function createTemplateEngine(templatesDirOrRoot: string): TemplateEngine {
  let dir: string | undefined;
  const templatesDir = () => (dir ??= documentTemplatesDir(templatesDirOrRoot));
  let shared: Shared | undefined;
  const compiled = new Map<string, Compiled>();
  const dictionaries = new Map<DocumentLanguage, Dictionary>();

  const dictionary = (language: DocumentLanguage): Dictionary => {
    let dict = dictionaries.get(language);
    if (!dict) {
      dict = loadDictionary(templatesDir(), language);
      dictionaries.set(language, dict);
    }
    return dict;
  };

  const load = (kind: DocumentKind, language: DocumentLanguage): Compiled => {
    const languages: readonly string[] | undefined = Object.hasOwn(KIND_LANGUAGES, kind) ? KIND_LANGUAGES[kind] : undefined;
    if (!languages) throw new Error(`Unknown document kind "${String(kind)}" (known: ${Object.keys(KIND_LANGUAGES).join(', ')})`);
    if (!languages.includes(language)) {
      throw new Error(`No ${kind} template in language "${String(language)}" (available: ${languages.join(', ')})`);
    }
    const key = `${kind}/${language}`;
    const cached = compiled.get(key);
    if (cached) return cached;
    shared ??= loadShared(templatesDir());
    const file = `${key}.hbs`;
    const source = readSource(join(templatesDir(), file));
    const template = shared.hb.compile(source, COMPILE_OPTIONS);
    const version = computeVersion(file, source, shared, JSON.stringify(dictionary(language)));
    const entry: Compiled = { file, template: withOrigin(template, file, source), version };
    compiled.set(key, entry);
    return entry;
  };

  return {
    render(kind, language, vm) {
      const entry = load(kind, language);
      const doc = (vm as Partial<DocumentViewModel> | null)?.document;
      if (doc && (doc.kind !== kind || doc.language !== language)) {
        throw new Error(`The view model is for ${doc.kind}/${doc.language}, not ${kind}/${language}`);
      }
      try {
        return entry.template(guardViewModel(vm), { data: { i18n: dictionary(language) } });
      } catch (err) {
        throw renderError(entry.file, err);
      }
    },
    templateVersion: (kind, language) => load(kind, language).version,
    dictionary,
  };
}

function loadShared(templatesDir: string): Shared {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const partialsDir = join(templatesDir, 'partials');
  const partials = new Map<string, string>();
  const files = existsSync(partialsDir) ? readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort() : [];
  for (const f of files) {
    const name = f.slice(0, -'.hbs'.length);
    if (name === STYLES_PARTIAL) throw new Error(`partials/${f}: the name "${STYLES_PARTIAL}" is reserved for style.css`);
    const source = readSource(join(partialsDir, f));
    partials.set(name, source);
    // A partial is a fragment: the file's final newline is not part of it (`yet: {{> later}}.`).
    const fragment = source.replace(/\r?\n$/, '');
    hb.registerPartial(name, withOrigin(hb.compile(fragment, COMPILE_OPTIONS), `partials/${f}`, fragment));
  }
  const stylesheet = readSource(join(templatesDir, 'style.css'));
  if (/<\/style/i.test(stylesheet)) throw new Error('style.css must not contain "</style"');
  const styleElement = `<style>\n${stylesheet}\n</style>`;
  // Registered as a function: the stylesheet is output as is and never parsed as a template.
  hb.registerPartial(STYLES_PARTIAL, () => styleElement);
  return { hb, partials, stylesheet };
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read template file ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** SHA-256 over the template, the partials it can reach, the stylesheet and its dictionary. */
function computeVersion(file: string, source: string, shared: Shared, dictionary: string): string {
  const hash = createHash('sha256');
  const part = (label: string, text: string) => hash.update(`${label}\u0000${Buffer.byteLength(text)}\u0000${text}\u0000`);
  part(`template:${file}`, source);
  for (const name of reachablePartials(file, source, shared.partials)) part(`partial:${name}`, shared.partials.get(name) ?? '');
  part('stylesheet', shared.stylesheet);
  part('dictionary', dictionary);
  return hash.digest('hex').slice(0, 12);
}

/** The partials a template uses, transitively, sorted; every partial when one is chosen at run time. */
function reachablePartials(file: string, source: string, partials: ReadonlyMap<string, string>): string[] {
  const found = new Set<string>();
  const queue: Array<[string, string]> = [[file, source]];
  while (queue.length > 0) {
    const [from, text] = queue.pop()!;
    for (const name of partialNames(text)) {
      if (name === null) return [...partials.keys()].sort();
      if (name === STYLES_PARTIAL || found.has(name)) continue;
      const partial = partials.get(name);
      if (partial === undefined) throw new Error(`${from} uses the partial "${name}", which is not in partials/`);
      found.add(name);
      queue.push([`partials/${name}.hbs`, partial]);
    }
  }
  return [...found].sort();
}

/** Names of the partials a source invokes; null for a dynamic partial (`{{> (expr)}}`). */
function partialNames(source: string): Array<string | null> {
  const names: Array<string | null> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: string; name?: { type?: string; original?: unknown } };
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      names.push(n.name?.type === 'PathExpression' && typeof n.name.original === 'string' ? n.name.original : null);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') walk(value);
  };
  walk(Handlebars.parse(source));
  return names;
}

/** Marks an error with the innermost template it was thrown from (the first mark wins). */
function withOrigin(template: Handlebars.TemplateDelegate, file: string, source: string): Handlebars.TemplateDelegate {
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return template(context, options);
    } catch (err) {
      if (typeof err === 'object' && err !== null && !(ORIGIN in err)) {
        Object.defineProperty(err, ORIGIN, { value: { file, source } satisfies Origin });
      }
      throw err;
    }
  };
}

/** The render error: which template, where, and the whole expression (strict mode names only its last part). */
function renderError(file: string, err: unknown): Error {
  const e = err as Error & { lineNumber?: number; column?: number; endColumn?: number; endLineNumber?: number; [ORIGIN]?: Origin };
  const origin = e?.[ORIGIN];
  let where = '';
  if (origin && typeof e.lineNumber === 'number' && typeof e.column === 'number') {
    const line = origin.source.split('\n')[e.lineNumber - 1] ?? '';
    const expression = e.endLineNumber === e.lineNumber && typeof e.endColumn === 'number' ? line.slice(e.column, e.endColumn) : line.slice(e.column).split(/[\s}]/)[0];
    where = ` (${origin.file} line ${e.lineNumber}: ${expression})`;
  } else if (origin) {
    where = ` (${origin.file})`;
  }
  const message = e instanceof Error ? e.message : String(err);
  return new Error(`Cannot render ${file.replace(/\.hbs$/, '')}: ${message}${where}`, { cause: err });
}
