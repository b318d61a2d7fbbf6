import { organisationViolations, type OrganisationFacts } from './organisation-rules.js';

const base: OrganisationFacts = {
  roles: ['controller'],
  mainEstablishmentCountry: 'FI',
  otherEstablishmentCountries: [],
  representativeCountry: null,
  nis2Entity: false,
  trustServiceProvider: false,
};

describe('organisation rules', () => {
  it('accepts an EEA-established controller', () => {
    expect(organisationViolations(base)).toEqual([]);
  });

  it('accepts a non-EEA organisation with an Art. 27 representative', () => {
    expect(organisationViolations({ ...base, mainEstablishmentCountry: null, representativeCountry: 'IE' })).toEqual([]);
  });

  it.each([
    ['duplicate role', { roles: ['controller', 'controller'] as const }, 'DUPLICATE_ROLE'],
    ['main establishment outside the EEA', { mainEstablishmentCountry: 'US' }, 'NOT_EEA'],
    ['UK main establishment (not EEA since Brexit)', { mainEstablishmentCountry: 'GB' }, 'NOT_EEA'],
    ['other establishment outside the EEA', { otherEstablishmentCountries: ['CH'] }, 'NOT_EEA'],
    ['establishments without a main one', { mainEstablishmentCountry: null, otherEstablishmentCountries: ['SE'] }, 'MAIN_ESTABLISHMENT_REQUIRED'],
    ['representative despite an establishment', { representativeCountry: 'IE' }, 'REPRESENTATIVE_WITH_ESTABLISHMENT'],
    ['representative outside the EEA', { mainEstablishmentCountry: null, representativeCountry: 'US' }, 'NOT_EEA'],
    ['trust service provider outside NIS2', { trustServiceProvider: true }, 'TSP_REQUIRES_NIS2'],
  ])('refuses %s', (_label, patch, code) => {
    const codes = organisationViolations({ ...base, ...patch } as OrganisationFacts).map((v) => v.code);
    expect(codes).toContain(code);
  });
});
