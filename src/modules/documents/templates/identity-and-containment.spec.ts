import { DOCUMENT_TEMPLATES_DIR, documentViewModelFixture, htmlText } from '../../../../test/fixtures/document-view-model.js';
import { authorityView } from '../domain/authorities.js';
import { type DocumentLanguage, KIND_LANGUAGES } from '../domain/document.types.js';
import { exemptionLines } from '../domain/exemptions.js';
import { createTemplateEngine } from './template-engine.js';

/**
 * The facts added to the notices for issue 5: the organisation's identity, the controllers a
 * processor notifies, containment, the Art. 34(3) exemption, the processor's window and the
 * authorities' native names. String in, string out.
 */
const engine = createTemplateEngine(DOCUMENT_TEMPLATES_DIR);
type Overrides = Parameters<typeof documentViewModelFixture>[0];
const authority = (overrides: Overrides = {}) => htmlText(engine.render('authority_notification', 'en', documentViewModelFixture(overrides)));
const controller = (overrides: Overrides = {}) =>
  htmlText(engine.render('controller_notice', 'en', documentViewModelFixture({ ...overrides, document: { kind: 'controller_notice', ...overrides?.document } })));

describe('authority notification', () => {
  const vm = documentViewModelFixture();
  const text = authority();

  it("identifies the controller by registration number and postal address, beside the DPO's own address", () => {
    expect(text).toContain('Legal name Netox Oy Registration number 1234567-8 Postal address Netox Oy Tekniikantie 14 02150 Espoo Finland Country of establishment Finland (FI)');
    expect(text).toContain('Tekniikantie 14, 02150 Espoo, Finland'); // the DPO's address (contact.address), unchanged
  });

  it('leaves out identity rows that are not recorded', () => {
    const t = authority({ organisation: { registrationNumber: null, postalAddress: null } });
    expect(t).toContain('Legal name Netox Oy Country of establishment Finland (FI)');
    expect(t).not.toContain('Registration number');
  });

  it('says when the breach was contained, or that it is ongoing', () => {
    const contained = vm.incident.containedAt!;
    expect(text).toContain(`The breach was contained ${contained.local} ${contained.utc}`);
    expect(authority({ incident: { containedAt: null } })).toContain('The breach was contained Ongoing: not contained yet');
  });

  it('states the Art. 34(3) exemption the assessment relies on, with the article', () => {
    const t = authority({
      subjectCommunication: { status: 'not_required', statusLabel: 'Communication to the data subjects is not required', detail: 'High risk, but measures taken since ensure it is no longer likely to materialise.', exemptions: exemptionLines(['art34_3_b']) },
    });
    expect(t).toContain(
      'Exemption relied on (GDPR Art. 34(3)) GDPR Art. 34(3)(b) (art34_3_b): Measures taken after the breach ensure that the high risk to the rights and freedoms of the data subjects is no longer likely to materialise.',
    );
    expect(text).not.toContain('Exemption relied on');
  });

  it('gives each authority its native name from the reference, and flags names the reference does not verify', () => {
    expect(text).toContain('Office of the Data Protection Ombudsman, Finland https://tietosuoja.fi/ Native name: Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå');
    expect(text).toContain('Swedish Authority for Privacy Protection (IMY), Sweden https://www.imy.se/ Native name: Integritetsskyddsmyndigheten');
    expect(text).not.toContain('not verified');
    const malta = authorityView('MT', () => 'Malta');
    const t = authority({ authorities: { concerned: [malta] } });
    expect(t).toContain(`${malta.name} (IDPC), Malta`);
    expect(t).toContain(`Native name: ${malta.nameNative} Name not verified against the authority’s own sources`);
  });
});

describe('controller notice', () => {
  const vm = documentViewModelFixture({ document: { kind: 'controller_notice' } });
  const text = controller();

  it('is addressed to the controllers the incident names', () => {
    expect(text).toContain('To: the controller Controller E-mail Contract or customer number Kauppa Oy tietosuoja@kauppa.example DPA-2024-117');
    const two = controller({ controllers: [{ name: 'Kauppa Oy', contactEmail: null, reference: null }, { name: 'Koulu ry', contactEmail: 'dpo@koulu.example', reference: 'C-9' }] });
    expect(two).toContain('Kauppa Oy Not recorded Not recorded Koulu ry dpo@koulu.example C-9');
    expect(text).not.toContain('[Controller not named]');
  });

  it('still renders without a controller, with a clear placeholder', () => {
    const t = controller({ controllers: [] });
    expect(t).toContain('To: the controller [Controller not named] The controller or controllers whose data this breach affects are not recorded yet');
  });

  it('identifies the processor', () => {
    expect(text).toContain('From: the processor Legal name Netox Oy Registration number 1234567-8 Postal address Netox Oy Tekniikantie 14 02150 Espoo Finland Country of establishment Finland (FI) Role in this breach Processor');
  });

  it("states the processor's contractual window beside the controller's own 72 hours", () => {
    const clock = vm.controllerClock!;
    const due = vm.deadline.dueAt!;
    expect(text).toContain(
      `Notification to your supervisory authority due by ${clock.dueAt.local} ${clock.dueAt.utc} Our contractual window for notifying you 48 hours from when we became aware of the breach (GDPR Art. 33(2), Art. 28(3)(f)): by ${due.local} ${due.utc}`,
    );
    expect(controller({ controllerClock: { processorWindowHours: 1 } })).toContain('Our contractual window for notifying you 1 hour from when we became aware');
  });

  it('says when the breach was contained, or that it is ongoing', () => {
    expect(text).toContain(`The breach was contained ${vm.incident.containedAt!.local} ${vm.incident.containedAt!.utc}`);
    expect(controller({ incident: { containedAt: null } })).toContain('The breach was contained Ongoing: not contained yet');
  });

  it('states an Art. 34(3) exemption of its preliminary assessment', () => {
    const t = controller({ subjectCommunication: { exemptions: exemptionLines(['art34_3_a']) } });
    expect(t).toContain('Exemption relied on (GDPR Art. 34(3)) GDPR Art. 34(3)(a) (art34_3_a): Appropriate technical and organisational protection measures');
  });
});

/** The containment sentence of the data-subject notice, written in each language. */
const CONTAINMENT: Record<DocumentLanguage, { contained: string; ongoing: string }> = {
  en: { contained: 'The incident was contained on', ongoing: 'The incident is still ongoing: it has not been contained yet.' },
  fi: { contained: 'Loukkaus saatiin pysäytettyä', ongoing: 'Loukkaus on yhä käynnissä: sitä ei ole vielä saatu pysäytettyä.' },
  sv: { contained: 'Incidenten stoppades den', ongoing: 'Incidenten pågår fortfarande: vi har ännu inte lyckats stoppa den.' },
  fr: { contained: 'L’incident a été maîtrisé le', ongoing: 'L’incident est toujours en cours. Il n’a pas encore été maîtrisé.' },
  nl: { contained: 'Het incident is op', ongoing: 'Het incident is nog gaande: het is nog niet ingedamd.' },
  de: { contained: 'Der Vorfall wurde am', ongoing: 'Der Vorfall dauert noch an: Er ist noch nicht eingedämmt.' },
  lt: { contained: 'Incidentą suvaldėme', ongoing: 'Incidentas vis dar tęsiasi: jo dar nepavyko suvaldyti.' },
};

describe.each(KIND_LANGUAGES.data_subject_notice)('data-subject notice in %s', (language) => {
  const letter = (overrides: Overrides = {}) =>
    htmlText(engine.render('data_subject_notice', language, documentViewModelFixture({ ...overrides, document: { kind: 'data_subject_notice', language } })));

  it('says when the incident was contained, in its language', () => {
    const vm = documentViewModelFixture({ document: { kind: 'data_subject_notice', language } });
    const t = letter();
    expect(t).toContain(CONTAINMENT[language].contained);
    expect(t).toContain(vm.incident.containedAt!.local);
    expect(t).not.toContain(CONTAINMENT[language].ongoing);
  });

  it('says that it is still ongoing when it is not contained', () => {
    const t = letter({ incident: { containedAt: null } });
    expect(t).toContain(CONTAINMENT[language].ongoing);
    expect(t).not.toContain(CONTAINMENT[language].contained);
  });
});
