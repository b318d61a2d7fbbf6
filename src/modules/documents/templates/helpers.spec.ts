import Handlebars from 'handlebars';

import { COMPILE_OPTIONS } from './template-engine.js';
import { registerHelpers } from './helpers.js';

const hb = Handlebars.create();
registerHelpers(hb);
const render = (source: string, context: unknown) => hb.compile(source, COMPILE_OPTIONS)(context);

describe('fact', () => {
  const FACT = '{{#fact f}}[{{this}}]{{else}}later{{/fact}}';

  it('renders the block with the value when provided', () => {
    expect(render(FACT, { f: { value: 'about 1 200', provided: true } })).toBe('[about 1 200]');
    expect(render('{{#fact f as |v|}}{{v.length}}{{/fact}}', { f: { value: ['a', 'b'], provided: true } })).toBe('2');
  });

  it('renders the inverse, in the outer context, when not provided (or provided without a value)', () => {
    expect(render('{{#fact f}}x{{else}}{{outer}}{{/fact}}', { outer: 'to follow', f: { value: null, provided: false } })).toBe('to follow');
    expect(render(FACT, { f: { value: null, provided: true } })).toBe('later');
    expect(render(FACT, { f: { value: 'stale', provided: false } })).toBe('later');
  });

  it('escapes the value', () => {
    expect(render(FACT, { f: { value: '<b>x</b>', provided: true } })).toBe('[&lt;b&gt;x&lt;/b&gt;]');
  });

  it('refuses what is not a Fact, and use outside a block', () => {
    expect(() => render(FACT, { f: 'text' })).toThrow('fact: expected a Fact { value, provided }, got string');
    expect(() => render(FACT, { f: { value: 'x' } })).toThrow('fact: expected a Fact');
    expect(() => render(FACT, { f: null })).toThrow('got null');
    expect(() => render('{{fact f}}', { f: { value: 'x', provided: true } })).toThrow('use it as a block helper');
  });
});

describe('join', () => {
  it('joins strings, or one property of each item, escaped', () => {
    expect(render('{{join list ", "}}', { list: ['Finland', 'Sweden'] })).toBe('Finland, Sweden');
    expect(render('{{join list " / " "label"}}', { list: [{ label: 'Fi<n>' }, { label: 'Lietuva' }] })).toBe('Fi&lt;n&gt; / Lietuva');
    expect(render('{{join list ", "}}', { list: [] })).toBe('');
  });

  it('refuses a non-list or a missing property', () => {
    expect(() => render('{{join list ", "}}', { list: 'x' })).toThrow('join: expected a list, got string');
    expect(() => render('{{join list ", " "label"}}', { list: [{ code: 'FI' }] })).toThrow('join: "label" not defined in a list item');
  });
});

describe('eq and or', () => {
  it('compare strictly', () => {
    expect(render('{{#if (eq a "done")}}y{{else}}n{{/if}}', { a: 'done' })).toBe('y');
    expect(render('{{#if (eq a "1")}}y{{else}}n{{/if}}', { a: 1 })).toBe('n');
  });

  it('or is true when any argument is', () => {
    expect(render('{{#if (or a b)}}y{{else}}n{{/if}}', { a: null, b: 'x' })).toBe('y');
    expect(render('{{#if (or a b)}}y{{else}}n{{/if}}', { a: null, b: '' })).toBe('n');
  });
});
