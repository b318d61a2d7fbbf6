/**
 * ENISA severity (ENISA 2013, §2.2): SE = DPC x EI + CB.
 *
 * Every ENISA value is a multiple of 0.25, so the arithmetic is done in integer quarters
 * and divided once at the end: no floating-point sum can put 2.0 just under the
 * medium boundary. The score informs the risk level; it never decides a legal duty
 * (ENISA 2013 §4: the method sets no notification threshold).
 */
import { SOURCES } from './sources.js';
import {
  DATA_CATEGORIES,
  type AssessmentReason,
  type AvailabilityLoss,
  type BreachFacts,
  type DataCategory,
  type DpcScore,
  type EnisaBand,
  type EnisaSeverity,
  type Exposure,
  type Identifiability,
  type IntegrityLoss,
} from './types.js';

/**
 * DPC basic scores (Annex 1, Table 1: simple 1, behavioural 2, financial 3, sensitive 4).
 * The three categories ENISA does not name are scored as follows (DESIGN.md asks us to
 * document the choice):
 * - `government_id` 4: ID card, passport, social security or tax numbers enable identity
 *   theft and fraud (Recital 85) and, unlike a card number, cannot be changed; ENISA gives 4
 *   to financial data "that could enable fraud". A bare number is tamed by EI (Annex 2: an
 *   ID number with no other information is "negligible"), not by the DPC.
 * - `credentials` 4: ENISA scores credentials by the data of the systems they open (p. 4).
 *   The facts do not say which systems, so we take the worst case ENISA lists for
 *   credentials (online banking, sensitive community: 4), because passwords are reused
 *   across services (EDPB 01/2021 Case 07, credential stuffing). Lower it with dpcOverride
 *   when the service is known (e.g. a music store: 1).
 * - `communications` 3: message content is behavioural data with a detailed profile at
 *   least (everyday life, relationships, third parties) and cannot be screened for Art. 9
 *   data; ENISA's social-network example puts personal messages at 3 to 4. Raise it to 4
 *   with dpcOverride when the content is known to be sensitive.
 */
export const DPC_BY_CATEGORY: Readonly<Record<DataCategory, DpcScore>> = {
  basic: 1,
  behavioural: 2,
  financial: 3,
  special: 4,
  criminal: 4,
  government_id: 4,
  credentials: 4,
  communications: 3,
};

/** EI in quarters: 0.25 / 0.5 / 0.75 / 1 (§3.1.2). */
export const EI_QUARTERS: Readonly<Record<Identifiability, number>> = {
  negligible: 1,
  limited: 2,
  significant: 3,
  maximum: 4,
};

/** CB elements in quarters (Annex 3), added up (§3.1.3). */
export const CB_EXPOSURE_QUARTERS: Readonly<Record<Exposure, number>> = {
  none: 0,
  possible: 0,
  trusted_recipient: 1,
  known_recipients: 1,
  unknown_recipients: 2,
  public: 2,
};
export const CB_INTEGRITY_QUARTERS: Readonly<Record<IntegrityLoss, number>> = { none: 0, recoverable: 1, irrecoverable: 2 };
export const CB_AVAILABILITY_QUARTERS: Readonly<Record<AvailabilityLoss, number>> = { none: 0, temporary: 1, permanent: 2 };
export const CB_MALICIOUS_QUARTERS = 2;

/** Lower bounds, inclusive, in quarters (§3.2: < 2 low, < 3 medium, < 4 high, else very high). */
export const BAND_LOWER_BOUNDS_QUARTERS: Readonly<Record<Exclude<EnisaBand, 'low'>, number>> = {
  medium: 8,
  high: 12,
  very_high: 16,
};

/** Flag threshold (§3.3): "exceeds 100", so strictly more than 100. */
export const ENISA_MANY_INDIVIDUALS = 100;

/** Categories ENISA does not score itself; a reason says how we scored them. */
const CHOSEN_CATEGORY_TEXT: Readonly<Partial<Record<DataCategory, string>>> = {
  government_id:
    'Government identification numbers are scored 4, like financial data that could enable fraud: they allow identity theft and cannot be changed.',
  credentials:
    'Credentials are scored 4: ENISA scores them by the data of the systems they open, which the facts do not name, so the worst case is assumed (reused passwords, EDPB 01/2021 Case 07, unverified); set a DPC override when the service is known.',
  communications:
    'Message content is scored 3, behavioural data with a detailed profile: it exposes everyday life and relationships and may hold special-category data that cannot be screened.',
};

export function bandFromQuarters(quarters: number): EnisaBand {
  if (quarters < BAND_LOWER_BOUNDS_QUARTERS.medium) return 'low';
  if (quarters < BAND_LOWER_BOUNDS_QUARTERS.high) return 'medium';
  if (quarters < BAND_LOWER_BOUNDS_QUARTERS.very_high) return 'high';
  return 'very_high';
}

/** Band of any score (lower bound inclusive, upper exclusive), e.g. 1.99 low, 2 medium. */
export function enisaBand(score: number): EnisaBand {
  if (score < BAND_LOWER_BOUNDS_QUARTERS.medium / 4) return 'low';
  if (score < BAND_LOWER_BOUNDS_QUARTERS.high / 4) return 'medium';
  if (score < BAND_LOWER_BOUNDS_QUARTERS.very_high / 4) return 'high';
  return 'very_high';
}

/** Highest-scoring category; ties go to the first in DATA_CATEGORIES order. */
function decisiveCategory(categories: readonly DataCategory[]): DataCategory | undefined {
  let best: DataCategory | undefined;
  for (const category of DATA_CATEGORIES) {
    if (!categories.includes(category)) continue;
    if (best === undefined || DPC_BY_CATEGORY[category] > DPC_BY_CATEGORY[best]) best = category;
  }
  return best;
}

/** DPC = highest category score (§3.1.1), unless an explained override replaces it. */
export function dataProcessingContext(facts: Pick<BreachFacts, 'dataCategories' | 'dpcOverride'>): DpcScore {
  if (facts.dpcOverride) return facts.dpcOverride.score;
  const category = decisiveCategory(facts.dataCategories);
  // An empty list is refused at the edge; score it as simple data rather than throw.
  return category === undefined ? 1 : DPC_BY_CATEGORY[category];
}

export function enisaSeverity(facts: BreachFacts): EnisaSeverity {
  const dpc = dataProcessingContext(facts);
  const eiQuarters = EI_QUARTERS[facts.identifiability];
  const cbQuarters =
    CB_EXPOSURE_QUARTERS[facts.exposure] +
    CB_INTEGRITY_QUARTERS[facts.integrityLoss] +
    CB_AVAILABILITY_QUARTERS[facts.availabilityLoss] +
    (facts.malicious ? CB_MALICIOUS_QUARTERS : 0);
  const scoreQuarters = dpc * eiQuarters + cbQuarters;
  return {
    dpc,
    ei: eiQuarters / 4,
    cb: cbQuarters / 4,
    score: scoreQuarters / 4,
    band: bandFromQuarters(scoreQuarters),
    flags: {
      moreThan100Individuals: facts.subjectsCount > ENISA_MANY_INDIVIDUALS,
      dataUnintelligible: facts.protection === 'state_of_the_art',
    },
  };
}

/** Reasons that explain the ENISA figures: the DPC choice, then the score itself. */
export function enisaReasons(facts: BreachFacts, enisa: EnisaSeverity): AssessmentReason[] {
  const reasons: AssessmentReason[] = [];
  if (facts.dpcOverride) {
    reasons.push({
      code: 'ENISA.DPC_OVERRIDE',
      text: `DPC set to ${facts.dpcOverride.score} by contextual adjustment: ${facts.dpcOverride.reason.trim()}`,
      source: SOURCES.enisaDpcOverride,
    });
  } else {
    const category = decisiveCategory(facts.dataCategories);
    const chosen = DATA_CATEGORIES.filter((c) => facts.dataCategories.includes(c) && CHOSEN_CATEGORY_TEXT[c]);
    for (const c of chosen) {
      reasons.push({
        code: 'ENISA.DPC_CATEGORY_CHOICE',
        text: CHOSEN_CATEGORY_TEXT[c] ?? '',
        source: c === 'credentials' ? SOURCES.enisaDpcCredentials : SOURCES.enisaDpc,
      });
    }
    reasons.push({
      code: 'ENISA.DPC',
      text: `DPC ${enisa.dpc}: the highest-scoring data category is "${category ?? 'basic'}".`,
      source: SOURCES.enisaDpc,
    });
  }
  const flags = [
    enisa.flags.moreThan100Individuals ? 'more than 100 individuals' : undefined,
    enisa.flags.dataUnintelligible ? 'data unintelligible' : undefined,
  ].filter((f): f is string => f !== undefined);
  reasons.push({
    code: 'ENISA.SEVERITY',
    text:
      `ENISA severity ${enisa.score} (${enisa.band.replace('_', ' ')}) = DPC ${enisa.dpc} x EI ${enisa.ei} + CB ${enisa.cb}` +
      (flags.length > 0 ? `; flags: ${flags.join(', ')}` : '') +
      '. It informs the risk level but sets no legal threshold.',
    source: SOURCES.enisaSeverity,
  });
  return reasons;
}
