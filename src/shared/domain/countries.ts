/**
 * Countries of the European Economic Area (27 EU Member States + Iceland, Liechtenstein,
 * Norway), as in ../shared/reference/supervisory-authorities.json (eea_member = true).
 * ISO 3166-1 alpha-2 codes: Greece is GR (the EU's own "EL" is not ISO).
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT',
  'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

export function isEeaCountry(code: string): boolean {
  return EEA_COUNTRIES.has(code);
}
