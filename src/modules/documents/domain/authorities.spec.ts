import { authorityView, decideAuthorities } from './authorities.js';

const fi = { country: 'FI', mainEstablishmentCountry: 'FI', otherEstablishmentCountries: [], representativeCountry: null };

describe('decideAuthorities', () => {
  it.each([
    ['local case', fi, ['FI'], { lead: 'FI', concerned: [], crossBorder: false, ukIco: false }],
    ['residents of other states affected', fi, ['FI', 'SE', 'DE'], { lead: 'FI', concerned: ['SE', 'DE'], crossBorder: true, ukIco: false }],
    ['establishments in two states', { ...fi, otherEstablishmentCountries: ['EE'] }, ['FI'], { lead: 'FI', concerned: [], crossBorder: true, ukIco: false }],
    ['UK residents too', fi, ['FI', 'GB'], { lead: 'FI', concerned: [], crossBorder: false, ukIco: true }],
    [
      'no EEA establishment, an Art. 27 representative: every affected state (SA-4)',
      { country: 'US', mainEstablishmentCountry: null, otherEstablishmentCountries: [], representativeCountry: 'IE' },
      ['DE', 'FR', 'US'],
      { lead: null, concerned: ['DE', 'FR'], crossBorder: true, ukIco: false },
    ],
    ['EEA company that set no main establishment', { country: 'BE', mainEstablishmentCountry: null, otherEstablishmentCountries: [], representativeCountry: null }, ['BE', 'NL'], { lead: 'BE', concerned: ['NL'], crossBorder: true, ukIco: false }],
  ] as const)('%s', (_label, organisation, affected, expected) => {
    expect(decideAuthorities(organisation, affected)).toMatchObject(expected);
  });
});

describe('authorityView', () => {
  const name = (code: string) => code;
  it.each([
    ['FI', { nameNative: 'Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå', nameUnverified: false }],
    ['BE', { nameNative: 'Gegevensbeschermingsautoriteit / Autorité de protection des données / Datenschutzbehörde', nameUnverified: false }],
    ['MT', { nameVerification: 'ANALYST_KNOWLEDGE_UNVERIFIED', nameUnverified: true }],
    // The reference gives the English name as the native one: not repeated.
    ['GB', { name: "Information Commissioner's Office", nameNative: null, nameUnverified: true }],
  ] as const)('%s: the native name from the reference, its verification kept', (country, expected) => {
    expect(authorityView(country, name)).toMatchObject(expected);
  });

  it('invents no name for a country the reference does not list', () => {
    expect(authorityView('US', name)).toMatchObject({ name: 'Supervisory authority of US', nameNative: null, nameVerification: null, nameUnverified: false });
  });

  it("gives letters to the public the authority's own name first, and only a name the reference vouches for", () => {
    expect(authorityView('FI', name).letterName).toBe('Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå – Office of the Data Protection Ombudsman');
    expect(authorityView('MT', name).letterName).toBe(authorityView('MT', name).name); // graded unverified
    expect(authorityView('GB', name).letterName).toBe("Information Commissioner's Office"); // no other name
    expect(authorityView('US', name).letterName).toBe('Supervisory authority of US');
  });
});
