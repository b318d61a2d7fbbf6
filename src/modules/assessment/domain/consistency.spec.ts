import { CONTRADICTION_CODES, findContradictions } from './consistency.js';
import type { BreachFacts } from './types.js';

type Facts = Parameters<typeof findContradictions>[0];
const consistent: Facts = {
  breachTypes: ['confidentiality', 'integrity', 'availability'],
  exposure: 'none',
  integrityLoss: 'none',
  availabilityLoss: 'none',
};
const facts = (over: Partial<Facts>): Facts => ({ ...consistent, ...over });

describe('contradictory facts are refused with a stable code and the field', () => {
  it.each<[string, Partial<Facts>, string, keyof BreachFacts]>([
    ['known recipients without confidentiality', { breachTypes: ['availability'], exposure: 'known_recipients' }, CONTRADICTION_CODES.exposureWithoutConfidentiality, 'exposure'],
    ['trusted recipient without confidentiality', { breachTypes: ['integrity'], exposure: 'trusted_recipient' }, CONTRADICTION_CODES.exposureWithoutConfidentiality, 'exposure'],
    ['unknown recipients without confidentiality', { breachTypes: ['availability'], exposure: 'unknown_recipients' }, CONTRADICTION_CODES.exposureWithoutConfidentiality, 'exposure'],
    ['public without confidentiality', { breachTypes: ['availability'], exposure: 'public' }, CONTRADICTION_CODES.exposureWithoutConfidentiality, 'exposure'],
    ['recoverable integrity loss without integrity', { breachTypes: ['confidentiality'], integrityLoss: 'recoverable' }, CONTRADICTION_CODES.integrityLossWithoutIntegrity, 'integrityLoss'],
    ['irrecoverable integrity loss without integrity', { breachTypes: ['availability'], integrityLoss: 'irrecoverable' }, CONTRADICTION_CODES.integrityLossWithoutIntegrity, 'integrityLoss'],
    ['temporary availability loss without availability', { breachTypes: ['confidentiality'], availabilityLoss: 'temporary' }, CONTRADICTION_CODES.availabilityLossWithoutAvailability, 'availabilityLoss'],
    ['permanent availability loss without availability', { breachTypes: ['integrity'], availabilityLoss: 'permanent' }, CONTRADICTION_CODES.availabilityLossWithoutAvailability, 'availabilityLoss'],
    ['unavailable hours without availability loss', { unavailableHours: 5 }, CONTRADICTION_CODES.unavailableHoursWithoutAvailabilityLoss, 'unavailableHours'],
    ['a fraction of an hour without availability loss', { unavailableHours: 0.5 }, CONTRADICTION_CODES.unavailableHoursWithoutAvailabilityLoss, 'unavailableHours'],
  ])('%s', (_label, over, code, field) => {
    const found = findContradictions(facts(over));
    expect(found.map((c) => [c.code, c.field])).toEqual([[code, field]]);
    expect(found[0]?.message).toContain(field);
  });

  it('lists every contradiction at once, in field order', () => {
    const found = findContradictions({
      breachTypes: ['confidentiality'],
      exposure: 'public',
      integrityLoss: 'recoverable',
      availabilityLoss: 'none',
      unavailableHours: 3,
    });
    expect(found.map((c) => c.code)).toEqual([
      CONTRADICTION_CODES.integrityLossWithoutIntegrity,
      CONTRADICTION_CODES.unavailableHoursWithoutAvailabilityLoss,
    ]);
    const all = findContradictions({ breachTypes: ['integrity'], exposure: 'public', integrityLoss: 'none', availabilityLoss: 'permanent' });
    expect(all.map((c) => c.field)).toEqual(['exposure', 'availabilityLoss']);
  });

  it('uses stable, namespaced codes', () => {
    expect(Object.values(CONTRADICTION_CODES)).toEqual([
      'ASSESSMENT.EXPOSURE_WITHOUT_CONFIDENTIALITY',
      'ASSESSMENT.INTEGRITY_LOSS_WITHOUT_INTEGRITY',
      'ASSESSMENT.AVAILABILITY_LOSS_WITHOUT_AVAILABILITY',
      'ASSESSMENT.UNAVAILABLE_HOURS_WITHOUT_AVAILABILITY_LOSS',
    ]);
  });
});

describe('accepted combinations (only true contradictions are refused)', () => {
  it.each<[string, Partial<Facts>]>([
    ['all consistent', {}],
    ['lost medium in a pure availability breach', { breachTypes: ['availability'], exposure: 'possible', availabilityLoss: 'temporary' }],
    ['confidentiality with nothing disclosed onwards', { breachTypes: ['confidentiality'], exposure: 'none' }],
    ['integrity with no misuse identified', { breachTypes: ['integrity'], integrityLoss: 'none' }],
    ['availability with other copies at hand', { breachTypes: ['availability'], availabilityLoss: 'none' }],
    ['zero unavailable hours with no availability loss', { unavailableHours: 0 }],
    ['unavailable hours with a temporary loss', { availabilityLoss: 'temporary', unavailableHours: 30 }],
    ['unavailable hours so far with a permanent loss', { availabilityLoss: 'permanent', unavailableHours: 30 }],
  ])('%s', (_label, over) => {
    expect(findContradictions(facts(over))).toEqual([]);
  });
});
