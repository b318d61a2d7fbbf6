import { DOCUMENT_TEMPLATES_DIR, documentViewModelFixture, earlierSubmissionFixture, htmlText, notProvided, shownInstantFixture } from '../../../../test/fixtures/document-view-model.js';
import type { DocumentViewModel } from '../domain/document.types.js';
import { createTemplateEngine } from './template-engine.js';

const engine = createTemplateEngine(DOCUMENT_TEMPLATES_DIR);
const LATER = 'to be provided in a later phase (GDPR Art. 33(4))';
const authority = (vm: DocumentViewModel) => htmlText(engine.render('authority_notification', 'en', vm));
const controller = (vm: DocumentViewModel) => htmlText(engine.render('controller_notice', 'en', vm));
const count = (text: string, needle: string) => text.split(needle).length - 1;
const lateDeadline = shownInstantFixture(new Date('2026-03-26T09:30:00Z'), 'en');

describe('authority notification (GDPR Art. 33(3)(a)-(d))', () => {
  const vm = documentViewModelFixture();
  const text = authority(vm);

  it('identifies the controller and the DPO or contact point (Art. 33(3)(b))', () => {
    expect(text).toContain('Legal name Netox Oy');
    expect(text).toContain('Country of establishment Finland (FI)');
    expect(text).toContain('Data protection officer: where more information can be obtained (GDPR Art. 33(3)(b))');
    for (const part of ['Laura Nieminen', 'tietosuoja@netox.example', '+358 50 123 4567', 'Tekniikantie 14, 02150 Espoo, Finland']) expect(text).toContain(part);
  });

  it('names the lead and the other authorities concerned, cross-border, with the basis', () => {
    expect(text).toContain('Lead or competent supervisory authority Office of the Data Protection Ombudsman, Finland https://tietosuoja.fi/');
    expect(text).toContain('Swedish Authority for Privacy Protection (IMY), Sweden');
    expect(text).toContain('State Data Protection Inspectorate (VDAI), Lithuania');
    expect(text).toContain('Cross-border processing (GDPR Art. 4(23)) Yes');
    expect(text).toContain(vm.authorities.basis);
    expect(text).toContain('No data subjects in the United Kingdom are known to be affected.');
  });

  it('gives the timeline, local and UTC', () => {
    for (const at of [vm.incident.occurredAt!, vm.incident.detectedAt, vm.incident.awareAt!, vm.deadline.dueAt!, vm.incident.notifiedAt!]) {
      expect(text).toContain(`${at.local} ${at.utc}`);
    }
    expect(text).toContain('The controller became aware (start of the 72 hours, GDPR Art. 33(1)) 25 March 2026 at 11:30 (Europe/Helsinki) 25 March 2026 at 09:30 UTC');
    expect(text).toContain('Notification made within the 72 hours');
  });

  it('describes the nature: types, categories and approximate numbers of data subjects and records (Art. 33(3)(a))', () => {
    expect(text).toContain(vm.incident.title);
    expect(text).toContain('an attacker used a stolen administrator session token');
    expect(text).toContain('Confidentiality breach (unauthorised or accidental disclosure of, or access to, personal data)');
    expect(text).toContain('Categories of personal data concerned Identity and contact details');
    expect(text).toContain('Login credentials (such as usernames and passwords)');
    expect(text).toContain("Categories of data subjects concerned Customer portal users Customers' contact persons");
    expect(text).toContain('Approximate number of data subjects concerned about 1,200');
    expect(text).toContain('Approximate number of personal data records concerned about 3,400');
    expect(text).toContain('Countries where affected data subjects live Finland, Sweden, Lithuania');
  });

  it('states the likely consequences (c) and the measures taken and proposed (d)', () => {
    expect(text).toContain(`Likely consequences of the breach (GDPR Art. 33(3)(c)) ${vm.consequences.value}`);
    expect(text).toContain(`Measures taken ${vm.measuresTaken.value}`);
    expect(text).toContain(`Measures proposed ${vm.measuresProposed.value}`);
  });

  it('reports the communication to the data subjects', () => {
    expect(text).toContain(`Status The data subjects will be informed Details ${vm.subjectCommunication.detail}`);
  });

  it('gives the risk level and the ENISA severity with reasons and sources', () => {
    expect(text).toContain('Likely to result in a high risk to the rights and freedoms of natural persons');
    expect(text).toContain('ENISA severity score (SE = DPC × EI + CB) 3 (High) DPC 2 · EI 1 · CB 1');
    for (const r of vm.assessment!.reasons) expect(text).toContain(`${r.text} ${r.source}`);
    expect(text).toContain('Rules version gdpr-2026.1');
  });

  it('gives the phase; a complete notice has nothing to follow and no delay section', () => {
    expect(text).toContain('Phase of this notification Initial notification');
    expect(text).toContain('None: this is the first submission for this breach.');
    expect(text).toContain('None: all the information is provided in this document.');
    expect(text).not.toContain(LATER.slice(0, 30) + ' ');
    expect(text).not.toContain('Reasons for the delay');
  });

  it('marks every unknown fact of an initial notice "to be provided in a later phase" and lists them', () => {
    const gaps = documentViewModelFixture({
      nature: { subjectsApprox: notProvided(), recordsApprox: notProvided(), subjectCategories: notProvided() },
      consequences: notProvided(),
      measuresProposed: notProvided(),
      incident: { occurredAt: null },
    });
    const t = authority(gaps);
    expect(t).toContain(`Approximate number of data subjects concerned ${LATER}`);
    expect(t).toContain(`Approximate number of personal data records concerned ${LATER}`);
    expect(t).toContain(`Categories of data subjects concerned ${LATER}`);
    expect(t).toContain(`Likely consequences of the breach (GDPR Art. 33(3)(c)) ${LATER}`);
    expect(t).toContain(`Measures proposed ${LATER}`);
    expect(t).toContain(`The breach occurred ${LATER}`);
    expect(t).toContain(`Information to be provided in a later phase Categories of data subjects concerned: ${LATER} Approximate number of data subjects concerned: ${LATER}`);
    expect(gaps.phase.toFollow).toHaveLength(5);
    expect(count(t, LATER)).toBe(1 + 6 + 5); // the introduction, each gap, each line of the list
    expect(t).toContain(`Measures taken ${vm.measuresTaken.value}`);
  });

  it('without an assessment yet, says so with the later-phase wording', () => {
    const t = authority(documentViewModelFixture({ assessment: null }));
    expect(t).toContain(`Risk assessment No risk assessment has been recorded yet: ${LATER}.`);
    expect(t).not.toContain('ENISA severity score');
  });

  it('gives the reasons for delay and the deadline when late', () => {
    const late = documentViewModelFixture({ deadline: { dueAt: lateDeadline, late: true, delayReasons: 'The hosting provider only confirmed the exfiltration after 80 hours.' } });
    const t = authority(late);
    expect(t).toContain(
      `Reasons for the delay This notice is made after the 72-hour deadline of GDPR Art. 33(1), which fell on ${lateDeadline.local} (${lateDeadline.utc}). The hosting provider only confirmed the exfiltration after 80 hours.`,
    );
    expect(t).toContain('Notification made after the 72 hours');
    const unexplained = authority(documentViewModelFixture({ deadline: { dueAt: lateDeadline, late: true, delayReasons: null } }));
    expect(unexplained).toContain('No reasons for the delay have been recorded.');
  });

  it('a supplementary notice refers to the earlier submissions (version, date, SHA-256)', () => {
    const first = earlierSubmissionFixture(1, 'initial');
    const t = authority(documentViewModelFixture({ document: { phase: 'supplementary', version: 2 }, phase: { earlier: [first] } }));
    expect(t).toContain('Phase of this notification Supplementary notification');
    expect(t).toContain('Version of this document 2');
    expect(t).toContain(`1 Initial notification ${first.generatedAt.local} ${first.generatedAt.utc} ${first.sha256}`);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a final notice does not promise later phases', () => {
    const t = authority(documentViewModelFixture({ document: { phase: 'final', version: 3 }, measuresProposed: notProvided(), phase: { earlier: [earlierSubmissionFixture(1, 'initial'), earlierSubmissionFixture(2, 'supplementary')] } }));
    expect(t).toContain('Phase of this notification Final notification');
    expect(t).not.toContain('to be provided in a later phase');
    expect(t).not.toContain('This is a notification in phases');
    expect(t).toContain('Measures proposed not provided in this final notification');
    expect(t).toContain('2 Supplementary notification');
  });

  it('says when no lead authority can be named, and when UK residents are affected', () => {
    const t = authority(documentViewModelFixture({ authorities: { lead: null, concerned: [], crossBorder: false, ukIco: true } }));
    expect(t).toContain('Lead or competent supervisory authority None can be named; see the basis below.');
    expect(t).toContain('Other supervisory authorities concerned None');
    expect(t).toContain('Cross-border processing (GDPR Art. 4(23)) No');
    expect(t).toContain("the Information Commissioner’s Office (ICO) is notified under the UK GDPR as well");
    expect(t).toContain('under Article 33 of the UK GDPR');
  });

  it('shows a human override with its justification, and why data subjects are not told', () => {
    const t = authority(
      documentViewModelFixture({
        assessment: { overridden: true, overrideJustification: 'The exported table held test accounts only.' },
        subjectCommunication: { status: 'not_required', statusLabel: 'Communication to the data subjects is not required', detail: 'Art. 34(3)(a): the data were encrypted with a key that was not compromised.' },
      }),
    );
    expect(t).toContain('Outcome set by a person; justification The exported table held test accounts only.');
    expect(t).toContain('Why it is not required Art. 34(3)(a): the data were encrypted with a key that was not compromised.');
  });
});

describe('controller notice (GDPR Art. 33(2), Art. 28(3)(f))', () => {
  const vm = documentViewModelFixture({ document: { kind: 'controller_notice' } });
  const text = controller(vm);

  it('is from the processor, about the controller’s data', () => {
    expect(vm.organisation.role).toBe('processor');
    expect(text).toContain('Notice of a personal data breach from the processor to the controller');
    expect(text).toContain('To the controller: Netox Oy, acting as your processor, informs you of a personal data breach');
    expect(text).toContain('(GDPR Art. 33(2) and Art. 28(3)(f))');
  });

  it('tells the controller what to decide, with its own 72-hour clock', () => {
    const clock = vm.controllerClock!;
    expect(text).toContain(`Your 72 hours start ${clock.startsAt.local} ${clock.startsAt.utc}`);
    expect(text).toContain(`Notification to your supervisory authority due by ${clock.dueAt.local} ${clock.dueAt.utc}`);
    expect(text).toContain('If it is, notify your competent supervisory authority within your 72 hours (Art. 33(1))');
    expect(text).toContain('communicate the breach to the data subjects without undue delay (Art. 34)');
    expect(text).toContain('(Art. 33(5))');
  });

  it('says what the processor knows: data, data subjects, numbers, consequences, measures, contact', () => {
    expect(text).toContain(vm.incident.reference);
    expect(text).toContain(vm.incident.title);
    expect(text).toContain('Identity and contact details');
    expect(text).toContain('Customer portal users');
    expect(text).toContain('about 1,200');
    expect(text).toContain('about 3,400');
    expect(text).toContain(vm.consequences.value!);
    expect(text).toContain(vm.measuresTaken.value!);
    expect(text).toContain(vm.measuresProposed.value!);
    expect(text).toContain('Contact: Data protection officer');
    expect(text).toContain('tietosuoja@netox.example');
    expect(text).toContain(`Our deadline for notifying you ${vm.deadline.dueAt!.local}`);
    expect(text).toContain('3 (High)');
  });

  it('marks unknown facts for a later phase, and explains a late notice', () => {
    const t = controller(documentViewModelFixture({ document: { kind: 'controller_notice' }, nature: { recordsApprox: notProvided() }, deadline: { dueAt: lateDeadline, late: true, delayReasons: 'The alert was misrouted for a day.' } }));
    expect(t).toContain(`Approximate number of personal data records concerned ${LATER}`);
    expect(t).toContain(`Information to be provided in a later phase Approximate number of personal data records concerned: ${LATER}`);
    expect(t).toContain('This notice is made after the time agreed for notifying you');
    expect(t).toContain('The alert was misrouted for a day.');
  });

  it('still explains the clock when the view model has none', () => {
    const t = controller(documentViewModelFixture({ document: { kind: 'controller_notice' }, controllerClock: null }));
    expect(t).toContain('It runs from when you become aware of the breach, in principle when you receive this notice');
    expect(t).not.toContain('Your 72 hours start');
  });
});
