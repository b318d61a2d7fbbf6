import { currentExemptions, exemptionLines } from './exemptions.js';

describe('currentExemptions', () => {
  it.each([
    ['the engine decides without an override', ['art34_3_a'], null, ['art34_3_a']],
    ['an override naming ground (b) replaces the engine', ['art34_3_a'], { exemption: 'art34_3_b', communicateSubjects: 'not_required' }, ['art34_3_b']],
    ['an override choosing a public communication is ground (c)', [], { exemption: null, communicateSubjects: 'public_communication' }, ['art34_3_c']],
    ['an override requiring communication has none', ['art34_3_c'], { exemption: null, communicateSubjects: 'required' }, []],
  ] as const)('%s', (_label, engine, override, expected) => {
    expect(currentExemptions(engine, override)).toEqual(expected);
  });
});

describe('exemptionLines', () => {
  it('gives code, article and a plain sentence, in the order of Art. 34(3), skipping unknown codes', () => {
    expect(exemptionLines(['art34_3_c', 'x', 'art34_3_a'])).toEqual([
      { code: 'art34_3_a', article: 'GDPR Art. 34(3)(a)', text: expect.stringContaining('unintelligible') },
      { code: 'art34_3_c', article: 'GDPR Art. 34(3)(c)', text: expect.stringContaining('public communication') },
    ]);
  });
});
