import { buildViewModel, missingFinalFacts, shownInstant, type ViewModelInput } from './build-view-model.js';
import type { LabelDictionary } from './labels.js';

const labels: LabelDictionary = {
  kind: { authority_notification: 'Notification to the supervisory authority', controller_notice: 'Notice to the controller', data_subject_notice: 'Notice to the people affected' },
  phase: { initial: 'Initial', supplementary: 'Supplementary', final: 'Final' },
  breachType: { confidentiality: 'Confidentiality', integrity: 'Integrity', availability: 'Availability' },
  dataCategory: { basic: 'Basic data', financial: 'Financial data', credentials: 'Credentials' },
  riskLevel: { unlikely: 'Unlikely', risk: 'Risk', high: 'High risk' },
  enisaBand: { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' },
  contactRole: { dpo: 'Data protection officer', contact_point: 'Contact point' },
  organisationRole: { controller: 'Controller', processor: 'Processor' },
  subjectCommunication: { done: 'Done', planned: 'Planned', not_required: 'Not required', undecided: 'Not decided yet' },
  fact: { dataCategories: 'Data categories', subjectCategories: 'Categories of people', subjectsApprox: 'Number of people', recordsApprox: 'Number of records', consequences: 'Likely consequences', measuresTaken: 'Measures taken', measuresProposed: 'Measures proposed' },
  common: { confidential: 'Confidential', page: 'Page', of: 'of', toFollow: 'To be provided later', about: 'about' },
  advice: { basic: 'Beware of phishing.', financial: 'Watch your bank statements.', credentials: 'Change your password.', general: 'Contact us with questions.' },
};

const input = (over: Partial<ViewModelInput> = {}): ViewModelInput => ({
  kind: 'authority_notification',
  language: 'en',
  phase: 'initial',
  version: 1,
  generatedAt: new Date('2026-03-29T09:00:00Z'),
  templateVersion: 'abc123',
  labels,
  organisation: {
    legalName: 'Netox Oy',
    registrationNumber: null,
    postalAddress: null,
    country: 'FI',
    timeZone: 'Europe/Helsinki',
    controllerNoticeWindowHours: 24,
    mainEstablishmentCountry: 'FI',
    otherEstablishmentCountries: [],
    representativeCountry: null,
    contact: { kind: 'contact_point', name: null, email: 'tietosuoja@netox.fi', phone: null, address: null },
  },
  incident: {
    reference: 'BR-2026-0007',
    title: 'Remote-support session left open',
    description: 'desc',
    role: 'controller',
    occurredAt: null,
    detectedAt: new Date('2026-03-27T07:00:00Z'),
    awareAt: new Date('2026-03-27T08:00:00Z'),
    containedAt: null,
    affectedCountries: ['FI', 'SE'],
    recordsApprox: null,
    subjectCategories: [],
    likelyConsequences: 'Phishing using the leaked contact details.',
    measuresTaken: null,
    measuresProposed: null,
    controllers: [],
  },
  assessment: {
    breachTypes: ['confidentiality'],
    dataCategories: ['basic', 'credentials'],
    subjectsCount: 1200,
    riskLevel: 'risk',
    enisa: { score: 2.25, band: 'medium', dpc: 4, ei: 0.5, cb: 0.25 },
    reasons: [{ code: 'RISK.LEVEL', text: 'Risk.', source: 'GDPR Art. 33(1)' }],
    overridden: false,
    overrideJustification: null,
    rulesVersion: '2026-11-23.2',
    exemptions: [],
  },
  obligation: { status: 'open', dueAt: new Date('2026-03-30T08:00:00Z'), submittedAt: null, delayReasons: null, reasons: [] },
  subjectsObligation: null,
  earlier: [],
  delayReasons: null,
  ...over,
});

describe('buildViewModel', () => {
  it('shows instants in the organisation time zone beside UTC, across DST', () => {
    const vm = buildViewModel(input());
    expect(vm.deadline.dueAt).toEqual({ iso: '2026-03-30T08:00:00.000Z', local: '30 March 2026 at 11:00 (Europe/Helsinki)', utc: '30 March 2026 at 08:00 UTC' });
    expect(shownInstant(new Date('2026-03-27T08:00:00Z'), 'fi', 'Europe/Helsinki').local).toContain('klo 10.00');
  });

  it('names the lead and concerned authorities and says the processing is cross-border', () => {
    const vm = buildViewModel(input());
    expect(vm.authorities.lead).toMatchObject({ country: 'FI', countryName: 'Finland' });
    expect(vm.authorities.concerned.map((a) => a.country)).toEqual(['SE']);
    expect(vm.authorities.crossBorder).toBe(true);
  });

  it('lists what is to follow in an initial notice and what is missing for a final one', () => {
    const vm = buildViewModel(input());
    expect(vm.phase.toFollow).toEqual(['Categories of people', 'Number of records', 'Measures taken', 'Measures proposed']);
    expect(vm.nature.subjectsApprox).toEqual({ value: 'about 1,200', provided: true });
    expect(missingFinalFacts(buildViewModel(input({ phase: 'final' })), labels)).toEqual(['recordsApprox (Number of records)', 'measuresTaken (Measures taken)']);
  });

  it('is late after the deadline and carries the reasons for the delay', () => {
    const lateVm = buildViewModel(input({ generatedAt: new Date('2026-03-30T09:00:00Z'), delayReasons: 'Forensics took until Monday.' }));
    expect(lateVm.deadline).toMatchObject({ late: true, delayReasons: 'Forensics took until Monday.' });
    expect(buildViewModel(input()).deadline).toMatchObject({ late: false, delayReasons: null });
  });

  it('gives the controller its own 72-hour clock from the processor notice', () => {
    const vm = buildViewModel(input({ kind: 'controller_notice', incident: { ...input().incident, role: 'processor' } }));
    expect(vm.controllerClock).toMatchObject({ startsAt: { iso: '2026-03-29T09:00:00.000Z' }, dueAt: { iso: '2026-04-01T09:00:00.000Z' } });
  });

  it('chooses advice by data category, general advice last', () => {
    expect(buildViewModel(input({ kind: 'data_subject_notice' })).advice.map((a) => a.code)).toEqual(['basic', 'credentials', 'general']);
  });

  it('says when the communication to data subjects was made, is planned, or why not', () => {
    const done = buildViewModel(input({ subjectsObligation: { status: 'fulfilled', dueAt: null, submittedAt: new Date('2026-03-28T10:00:00Z'), delayReasons: null, reasons: [] } }));
    expect(done.subjectCommunication).toMatchObject({ status: 'done' });
    const not = buildViewModel(input({ subjectsObligation: { status: 'not_required', dueAt: null, submittedAt: null, delayReasons: null, reasons: [{ code: 'X', text: 'The risk is not high.', source: 'GDPR Art. 34(1)' }] } }));
    expect(not.subjectCommunication).toEqual({ status: 'not_required', statusLabel: 'Not required', detail: 'The risk is not high.', exemptions: [] });
  });

  it("gives the organisation's registration number and postal address, blanks as not recorded", () => {
    const vm = buildViewModel(input({ organisation: { ...input().organisation, registrationNumber: ' 0123.456.789 ', postalAddress: 'Rue de la Loi 1\n1000 Bruxelles' } }));
    expect(vm.organisation).toMatchObject({ registrationNumber: '0123.456.789', postalAddress: 'Rue de la Loi 1\n1000 Bruxelles' });
    expect(buildViewModel(input({ organisation: { ...input().organisation, registrationNumber: '  ' } })).organisation).toMatchObject({ registrationNumber: null, postalAddress: null });
  });

  it('says when the breach was contained, or null while it is ongoing', () => {
    const contained = buildViewModel(input({ incident: { ...input().incident, containedAt: new Date('2026-03-27T09:15:00Z') } }));
    expect(contained.incident.containedAt).toEqual({ iso: '2026-03-27T09:15:00.000Z', local: '27 March 2026 at 11:15 (Europe/Helsinki)', utc: '27 March 2026 at 09:15 UTC' });
    expect(buildViewModel(input()).incident.containedAt).toBeNull();
  });

  it('names the controllers and states the processor window beside the controller clock', () => {
    const controllers = [{ name: 'Kauppa Oy', contactEmail: 'dpo@kauppa.example', reference: 'DPA-17' }];
    const vm = buildViewModel(input({ kind: 'controller_notice', incident: { ...input().incident, role: 'processor', controllers }, organisation: { ...input().organisation, controllerNoticeWindowHours: 36 } }));
    expect(vm.controllers).toEqual(controllers);
    expect(vm.controllerClock).toMatchObject({ processorWindowHours: 36 });
    expect(buildViewModel(input()).controllerClock).toBeNull();
  });

  it.each([
    [[], []],
    [['art34_3_a'], ['GDPR Art. 34(3)(a)']],
    [['art34_3_c', 'art34_3_b'], ['GDPR Art. 34(3)(b)', 'GDPR Art. 34(3)(c)']],
  ])('states the Art. 34(3) exemptions %j of the assessment', (codes, articles) => {
    const vm = buildViewModel(input({ assessment: { ...input().assessment!, exemptions: codes } }));
    expect(vm.subjectCommunication.exemptions.map((e) => e.article)).toEqual(articles);
    for (const e of vm.subjectCommunication.exemptions) expect(e.text.length).toBeGreaterThan(40);
  });

  it('has no exemptions without an assessment', () => {
    expect(buildViewModel(input({ assessment: null })).subjectCommunication.exemptions).toEqual([]);
  });

  it('refuses a final controller notice that names no controller (Art. 33(2))', () => {
    const processor = (controllers: ViewModelInput['incident']['controllers']) =>
      buildViewModel(input({ kind: 'controller_notice', phase: 'final', incident: { ...input().incident, role: 'processor', recordsApprox: 10, measuresTaken: 'Closed.', controllers } }));
    expect(missingFinalFacts(processor([]), labels)).toEqual([expect.stringMatching(/^controllers \(.*Art\. 33\(2\)/)]);
    expect(missingFinalFacts(processor([{ name: 'Kauppa Oy', contactEmail: null, reference: null }]), labels)).toEqual([]);
  });

  it('gives native authority names from the reference, flagged when the reference does not verify them', () => {
    const vm = buildViewModel(input({ incident: { ...input().incident, affectedCountries: ['FI', 'MT', 'IE'] } }));
    expect(vm.authorities.lead).toMatchObject({ name: 'Office of the Data Protection Ombudsman', nameNative: 'Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå', nameUnverified: false });
    expect(vm.authorities.concerned).toEqual([
      expect.objectContaining({ country: 'MT', nameVerification: 'ANALYST_KNOWLEDGE_UNVERIFIED', nameUnverified: true }),
      expect.objectContaining({ country: 'IE', nameNative: 'An Coimisiún um Chosaint Sonraí', nameVerification: 'CORROBORATED_SECONDARY', nameUnverified: false }),
    ]);
  });
});
