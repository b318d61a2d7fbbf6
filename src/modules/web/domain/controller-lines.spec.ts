import { controllerLineProblem, controllerLinesText, parseControllerLines } from './controller-lines.js';

describe('controllers typed one a line ("Name; e-mail; reference")', () => {
  it.each([
    ['a name alone', 'Koulu ry', [{ line: 1, name: 'Koulu ry', contactEmail: null, reference: null }]],
    ['all three parts, trimmed', '  Kauppa Oy ;tietosuoja@kauppa.example;  DPA-2024-117 ', [{ line: 1, name: 'Kauppa Oy', contactEmail: 'tietosuoja@kauppa.example', reference: 'DPA-2024-117' }]],
    ['a reference without an e-mail', 'Apteekki Oy; ; C-881', [{ line: 1, name: 'Apteekki Oy', contactEmail: null, reference: 'C-881' }]],
    ['a trailing separator', 'Kauppa Oy;', [{ line: 1, name: 'Kauppa Oy', contactEmail: null, reference: null }]],
    ['commas inside a name', 'Kauppa, Koulu & Co', [{ line: 1, name: 'Kauppa, Koulu & Co', contactEmail: null, reference: null }]],
    [
      'blank lines skipped, CRLF read, lines numbered as the textarea shows them',
      '\r\nKauppa Oy\r\n   \r\nKoulu ry; dpo@koulu.example\r\n',
      [
        { line: 2, name: 'Kauppa Oy', contactEmail: null, reference: null },
        { line: 4, name: 'Koulu ry', contactEmail: 'dpo@koulu.example', reference: null },
      ],
    ],
    ['nothing', '', []],
    ['only blank lines', '\n  \n', []],
  ])('reads %s', (_label, text, controllers) => {
    expect(parseControllerLines(text)).toEqual({ ok: true, controllers });
  });

  it.each([
    ['four parts', 'Kauppa Oy\nKoulu ry; dpo@koulu.example; R-1; extra', 'Line 2 (“Koulu ry; dpo@koulu.example; R-1; extra”) has 4 parts separated by “;”; a line holds at most three: Name; e-mail; reference.'],
    ['no name', 'Kauppa Oy\n\n ; dpo@koulu.example', 'Line 3 (“; dpo@koulu.example”) has no name: a line starts with the controller’s name.'],
    ['a long line, shortened in the message', `; ${'x'.repeat(60)}`, `Line 1 (“; ${'x'.repeat(38)}…”) has no name: a line starts with the controller’s name.`],
    ['more than 50', Array.from({ length: 51 }, (_, i) => `Controller ${i}`).join('\n'), '51 controllers: one incident names at most 50. Record one incident per group of controllers.'],
  ])('refuses %s, naming the line', (_label, text, error) => {
    expect(parseControllerLines(text)).toEqual({ ok: false, error });
  });

  it('takes exactly 50', () => {
    const parsed = parseControllerLines(Array.from({ length: 50 }, (_, i) => `Controller ${i}`).join('\n'));
    expect(parsed.ok && parsed.controllers).toHaveLength(50);
  });

  it('writes the stored list back as lines that read the same', () => {
    const controllers = [
      { name: 'Kauppa Oy', contactEmail: 'tietosuoja@kauppa.example', reference: 'DPA-2024-117' },
      { name: 'Koulu ry', contactEmail: null, reference: null },
      { name: 'Apteekki Oy', contactEmail: null, reference: 'C-881' },
      { name: 'Posti Oy', contactEmail: 'dpo@posti.example', reference: null },
    ];
    const text = controllerLinesText(controllers);
    expect(text).toBe('Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117\nKoulu ry\nApteekki Oy; ; C-881\nPosti Oy; dpo@posti.example');
    const parsed = parseControllerLines(text);
    expect(parsed.ok && parsed.controllers.map(({ line: _line, ...c }) => c)).toEqual(controllers);
    expect(controllerLinesText([])).toBe('');
  });

  it('words a part the API refuses with the line and the part instead of the DTO’s field name', () => {
    const line = { line: 3, name: 'Kauppa Oy', contactEmail: 'not-an-address', reference: null };
    expect(controllerLineProblem(line, 'contactEmail', 'ContactEmail must be an e-mail address.')).toBe('Line 3 (“Kauppa Oy; not-an-address”): the e-mail (second part) must be an e-mail address.');
    expect(controllerLineProblem({ ...line, contactEmail: null, reference: 'a\tb' }, 'reference', 'Reference must be a single line of text.')).toBe(
      'Line 3 (“Kauppa Oy; ; a\tb”): the reference (third part) must be a single line of text.',
    );
  });
});
