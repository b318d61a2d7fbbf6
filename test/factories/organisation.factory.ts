import type { CreateOrganisationDto } from '../../src/modules/organisations/dto/organisation.dto.js';

let counter = 0;

/** A valid organisation body; override any field. */
export function organisationBody(overrides: Partial<CreateOrganisationDto> = {}): CreateOrganisationDto {
  counter += 1;
  return {
    legalName: `Test Organisation ${counter} Oy`,
    country: 'FI',
    timeZone: 'Europe/Helsinki',
    roles: ['controller', 'processor'],
    contact: { kind: 'dpo', name: 'Data Protection Officer', email: 'dpo@example.test', phone: '+358 50 1234567', address: 'Esimerkkikatu 1, 00100 Helsinki' },
    establishment: { mainEstablishmentCountry: 'FI' },
    ...overrides,
  };
}
