import { controllerLineErrors } from './controller-field.js';

/** The controllers textarea refused by the API's own ControllerDto, worded by line. */
describe('controllers field errors', () => {
  const refused = { controllers: 'Controllers must be an array.', title: 'Title should not be empty.' };

  it.each([
    ['a line that does not read', 'Kauppa Oy\nKoulu ry; a@b.example; R; more', /^Line 2 \(“Koulu ry; a@b\.example; R; more”\) has 4 parts/],
    ['an e-mail that is not one', 'Kauppa Oy; tietosuoja@kauppa.example\n\nKoulu ry; not-an-address', /^Line 3 \(“Koulu ry; not-an-address”\): the e-mail \(second part\) must be an e-mail address\.$/],
    ['a name over 300 characters', `${'N'.repeat(301)}; dpo@n.example`, /^Line 1 \(“N{40}…”\): the name \(first part\) must be shorter than or equal to 300 characters\.$/],
    ['a reference over 100 characters', `Kauppa Oy; ; ${'R'.repeat(101)}`, /^Line 1 .*: the reference \(third part\) must be shorter than or equal to 100 characters\.$/],
    ['a reference with a tab', 'Kauppa Oy; ; DPA\t117', /^Line 1 .*: the reference \(third part\) must be a single line of text\.$/],
  ])('names the line for %s, and keeps the other fields’ errors', async (_label, posted, message) => {
    const errors = await controllerLineErrors(refused, posted);
    expect(errors.controllers).toMatch(message);
    expect(errors.title).toBe(refused.title);
  });

  it('leaves the errors alone when the controllers were not refused, or not posted', async () => {
    expect(await controllerLineErrors({ title: 'Title should not be empty.' }, 'Kauppa Oy; bad')).toEqual({ title: 'Title should not be empty.' });
    expect(await controllerLineErrors(refused, undefined)).toBe(refused);
  });

  it('keeps the DTO’s word when every line is fine (a refusal about the list itself)', async () => {
    expect(await controllerLineErrors(refused, 'Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117')).toEqual(refused);
  });
});
