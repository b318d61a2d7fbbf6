import type { BreachFacts } from '../../src/modules/assessment/domain/index.js';

/** Basic contact data of 240 customers e-mailed to one wrong, known recipient, no malice. */
export function breachFacts(overrides: Partial<BreachFacts> = {}): BreachFacts {
  return {
    breachTypes: ['confidentiality'],
    dataCategories: ['basic'],
    subjectsCount: 240,
    vulnerableSubjects: false,
    identifiability: 'maximum',
    exposure: 'known_recipients',
    integrityLoss: 'none',
    availabilityLoss: 'none',
    backupAvailable: true,
    malicious: false,
    exfiltration: 'confirmed',
    protection: 'none',
    recipientDeletionConfirmed: false,
    highRiskMitigated: false,
    disproportionateEffort: false,
    ...overrides,
  };
}

/** Full card data of 50,000 shoppers stolen by an attacker and published. */
export const highRiskFacts = (overrides: Partial<BreachFacts> = {}): BreachFacts =>
  breachFacts({ dataCategories: ['basic', 'financial'], subjectsCount: 50_000, exposure: 'public', malicious: true, ...overrides });

/** An encrypted, switched-off laptop lost on a train: key safe, backups exist. */
export const unlikelyFacts = (overrides: Partial<BreachFacts> = {}): BreachFacts =>
  breachFacts({ exposure: 'possible', exfiltration: 'suspected', protection: 'state_of_the_art', ...overrides });
