import { isEeaCountry } from '../../../shared/domain/countries.js';
import { DomainError } from '../../../shared/domain/domain-error.js';

export const ORGANISATION_ROLES = ['controller', 'processor'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const CONTACT_KINDS = ['dpo', 'contact_point'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Default processor-to-controller window (DESIGN.md: GDPR Art. 33(2) target, 24 h). */
export const DEFAULT_CONTROLLER_NOTICE_WINDOW_HOURS = 24;

export interface OrganisationFacts {
  readonly roles: readonly OrganisationRole[];
  readonly mainEstablishmentCountry: string | null;
  readonly otherEstablishmentCountries: readonly string[];
  readonly representativeCountry: string | null;
  readonly nis2Entity: boolean;
  readonly trustServiceProvider: boolean;
}

interface Violation {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Cross-field rules an organisation must satisfy; field-level checks (formats, enums)
 * are done at the HTTP edge.
 */
export function organisationViolations(facts: OrganisationFacts): Violation[] {
  const violations: Violation[] = [];
  if (new Set(facts.roles).size !== facts.roles.length) {
    violations.push({ field: 'roles', code: 'DUPLICATE_ROLE', message: 'roles lists a role twice' });
  }
  // GDPR Art. 4(16): the main establishment (one-stop-shop, Art. 56) is in the Union/EEA.
  if (facts.mainEstablishmentCountry !== null && !isEeaCountry(facts.mainEstablishmentCountry)) {
    violations.push({
      field: 'establishment.mainEstablishmentCountry',
      code: 'NOT_EEA',
      message: `${facts.mainEstablishmentCountry} is not an EEA country; leave the main establishment empty for an organisation established outside the EEA`,
    });
  }
  for (const country of facts.otherEstablishmentCountries) {
    if (!isEeaCountry(country)) {
      violations.push({ field: 'establishment.otherEstablishmentCountries', code: 'NOT_EEA', message: `${country} is not an EEA country` });
    }
  }
  if (facts.mainEstablishmentCountry === null && facts.otherEstablishmentCountries.length > 0) {
    violations.push({
      field: 'establishment.mainEstablishmentCountry',
      code: 'MAIN_ESTABLISHMENT_REQUIRED',
      message: 'an organisation with EEA establishments must name its main establishment (GDPR Art. 4(16))',
    });
  }
  // GDPR Art. 27: a representative is designated by controllers/processors NOT established in the Union.
  if (facts.representativeCountry !== null) {
    if (!isEeaCountry(facts.representativeCountry)) {
      violations.push({ field: 'establishment.representativeCountry', code: 'NOT_EEA', message: `${facts.representativeCountry} is not an EEA country` });
    }
    if (facts.mainEstablishmentCountry !== null) {
      violations.push({
        field: 'establishment.representativeCountry',
        code: 'REPRESENTATIVE_WITH_ESTABLISHMENT',
        message: 'an Art. 27 representative is only designated by organisations without an EEA establishment',
      });
    }
  }
  // NIS2 Art. 23(4) second subparagraph: the 24 h trust-service derogation exists within NIS2.
  if (facts.trustServiceProvider && !facts.nis2Entity) {
    violations.push({
      field: 'trustServiceProvider',
      code: 'TSP_REQUIRES_NIS2',
      message: 'trust service providers are NIS2 entities: set nis2Entity as well',
    });
  }
  return violations;
}

export function assertOrganisationRules(facts: OrganisationFacts): void {
  const violations = organisationViolations(facts);
  if (violations.length > 0) {
    throw new DomainError('ORGANISATION.INVALID', violations.map((v) => v.message).join('; '), 'unprocessable', { violations });
  }
}
