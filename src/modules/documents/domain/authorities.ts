import { isEeaCountry } from '../../../shared/domain/countries.js';
import type { AuthorityView } from './document.types.js';
import { authorityFor } from './supervisory-authorities.js';

export interface EstablishmentFacts {
  readonly country: string;
  readonly mainEstablishmentCountry: string | null;
  readonly otherEstablishmentCountries: readonly string[];
  readonly representativeCountry: string | null;
}

export interface AuthoritiesDecision {
  readonly lead: string | null;
  readonly concerned: readonly string[];
  readonly crossBorder: boolean;
  readonly basis: string;
  readonly ukIco: boolean;
}

/**
 * Which supervisory authorities a notification goes to (gdpr-rules.md SA-1..SA-4, UK-4):
 * - established in the EEA: the authority of the main (or single) establishment leads a
 *   cross-border case (GDPR Art. 56(1)); the authorities of the other states whose residents
 *   are affected are concerned (Art. 4(22));
 * - not established in the EEA: no one-stop-shop; every authority of a state whose residents
 *   are affected (EDPB Guidelines 9/2022 para. 73);
 * - UK residents affected: the ICO as well, under UK GDPR (no one-stop-shop with the UK).
 */
export function decideAuthorities(organisation: EstablishmentFacts, affectedCountries: readonly string[]): AuthoritiesDecision {
  const affectedEea = [...new Set(affectedCountries.filter(isEeaCountry))];
  const ukIco = affectedCountries.includes('GB');
  const main = organisation.mainEstablishmentCountry ?? (isEeaCountry(organisation.country) && organisation.representativeCountry === null ? organisation.country : null);
  if (main === null) {
    return {
      lead: null,
      concerned: affectedEea,
      crossBorder: affectedEea.length > 1,
      basis:
        'The organisation has no establishment in the EEA: the one-stop-shop does not apply, so every supervisory authority of a state whose residents are affected is notified (EDPB Guidelines 9/2022 para. 73; GDPR Art. 27).',
      ukIco,
    };
  }
  const establishments = new Set([main, ...organisation.otherEstablishmentCountries]);
  const concerned = affectedEea.filter((c) => c !== main);
  const crossBorder = establishments.size > 1 || concerned.length > 0;
  return {
    lead: main,
    concerned,
    crossBorder,
    basis: crossBorder
      ? `Cross-border processing (GDPR Art. 4(23)): the authority of the main establishment (${main}) is the lead supervisory authority (Art. 56(1)); the authorities of the other states whose residents are affected are concerned (Art. 4(22)).`
      : `Processing in one Member State: the authority of ${main} is competent (GDPR Art. 55(1)).`,
    ukIco,
  };
}

/** Grades of supervisory-authorities.json that mean "not verified" (its verification_legend). */
const UNVERIFIED_GRADES = new Set(['ANALYST_KNOWLEDGE_UNVERIFIED', 'UNVERIFIED']);

export function authorityView(country: string, countryName: (code: string) => string): AuthorityView {
  const authority = authorityFor(country);
  // Only the reference's names are shown: a native name it does not give is never made up.
  const nameNative = authority?.nameNative && authority.nameNative !== authority.nameEn ? authority.nameNative : null;
  const name = authority ? authority.nameEn : `Supervisory authority of ${countryName(country)}`;
  const nameUnverified = authority?.verification ? UNVERIFIED_GRADES.has(authority.verification) : false;
  return {
    country,
    countryName: countryName(country),
    name,
    nameNative,
    nameVerification: authority?.verification ?? null,
    nameUnverified,
    letterName: nameNative && !nameUnverified ? `${nameNative} – ${name}` : name,
    acronym: authority?.acronym ?? null,
    website: authority?.website ?? null,
  };
}
