import { findUnsafeInput, MAX_INPUT_DEPTH } from './validation.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};

describe('findUnsafeInput', () => {
  it.each([
    ['plain text and numbers', { title: 'Lost laptop', n: 3, list: ['a', { b: 'c' }] }, null],
    ['emoji (a valid surrogate pair)', { title: 'Leak 🔓' }, null],
    ['deep but allowed nesting', { status: nested(MAX_INPUT_DEPTH - 2) }, null],
  ])('lets %s through', (_label, value, expected) => {
    expect(findUnsafeInput(value)).toEqual(expected);
  });

  it.each([
    ['NUL in a nested field', { contact: { name: 'a\u0000b' } }, 'contact.name'],
    ['a lone high surrogate', { email: '\ud800' }, 'email'],
    ['a lone low surrogate in a list', { to: ['ok', 'x\udc00'] }, 'to.1'],
    ['10,000 levels of arrays', { status: nested(10_000) }, 'status' + '.0'.repeat(MAX_INPUT_DEPTH - 1)],
    ['a field name with NUL', { 'a\u0000': 1 }, 'body'],
  ])('refuses %s, naming %s', (_label, value, field) => {
    expect(findUnsafeInput(value)?.field).toBe(field);
  });
});
