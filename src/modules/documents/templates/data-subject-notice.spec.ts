import { DOCUMENT_TEMPLATES_DIR, documentViewModelFixture, htmlText, notProvided } from '../../../../test/fixtures/document-view-model.js';
import { type DocumentLanguage, KIND_LANGUAGES } from '../domain/document.types.js';
import { createTemplateEngine } from './template-engine.js';

const engine = createTemplateEngine(DOCUMENT_TEMPLATES_DIR);
const LANGUAGES = KIND_LANGUAGES.data_subject_notice;
const vmIn = (language: DocumentLanguage, overrides: Parameters<typeof documentViewModelFixture>[0] = {}) =>
  documentViewModelFixture({ ...overrides, document: { kind: 'data_subject_notice', language, ...overrides.document } });
const letter = (language: DocumentLanguage, overrides: Parameters<typeof documentViewModelFixture>[0] = {}) =>
  htmlText(engine.render('data_subject_notice', language, vmIn(language, overrides)));

/** Written in each language: the headings, the "still investigating" sentences, the DPO and the complaint. */
const NATIVE: Record<DocumentLanguage, { headings: string[]; unknownData: string; unknownConsequences: string; dpo: string; complaint: string; closing: string }> = {
  en: {
    headings: ['What happened', 'Which of your data are involved', 'What this may mean for you', 'What we have done', 'What you can do', 'Who to contact'],
    unknownData: 'We are still establishing exactly which of your data are involved.',
    unknownConsequences: 'We are still assessing what the incident could mean for you.',
    dpo: 'contact our data protection officer',
    complaint: 'lodge a complaint with a data protection supervisory authority',
    closing: 'Yours sincerely,',
  },
  fi: {
    headings: ['Mitä tapahtui', 'Mitä tietojasi loukkaus koskee', 'Mitä tämä voi merkitä sinulle', 'Mitä olemme tehneet', 'Mitä voit itse tehdä', 'Yhteystiedot'],
    unknownData: 'Selvitämme vielä, mitä tietojasi loukkaus tarkalleen koskee.',
    unknownConsequences: 'Arvioimme vielä, mitä loukkaus voi merkitä sinulle.',
    dpo: 'ota yhteyttä tietosuojavastaavaamme',
    complaint: 'oikeus tehdä valitus valvontaviranomaiselle',
    closing: 'Ystävällisin terveisin',
  },
  sv: {
    headings: ['Vad som hände', 'Vilka uppgifter om dig som berörs', 'Vad det kan innebära för dig', 'Vad vi har gjort', 'Vad du kan göra', 'Kontakta oss'],
    unknownData: 'Vi utreder fortfarande exakt vilka uppgifter om dig som berörs.',
    unknownConsequences: 'Vi bedömer fortfarande vad incidenten kan innebära för dig.',
    dpo: 'kontakta vårt dataskyddsombud',
    complaint: 'rätt att lämna in ett klagomål till en tillsynsmyndighet',
    closing: 'Med vänliga hälsningar',
  },
  fr: {
    headings: ['Ce qui s’est passé', 'Les données vous concernant qui sont touchées', 'Ce que cela peut signifier pour vous', 'Ce que nous avons fait', 'Ce que vous pouvez faire', 'Qui contacter'],
    unknownData: 'Nous cherchons encore à déterminer précisément quelles données vous concernant sont touchées.',
    unknownConsequences: 'Nous évaluons encore les conséquences possibles de l’incident pour vous.',
    dpo: 'contactez notre délégué à la protection des données',
    complaint: 'droit d’introduire une réclamation auprès d’une autorité de contrôle',
    closing: 'Nous vous prions d’agréer l’expression de nos salutations distinguées.',
  },
  nl: {
    headings: ['Wat is er gebeurd?', 'Om welke gegevens van u gaat het?', 'Wat kan dit voor u betekenen?', 'Wat hebben wij gedaan?', 'Wat kunt u zelf doen?', 'Contact'],
    unknownData: 'Wij zoeken nog uit om welke gegevens van u het precies gaat.',
    unknownConsequences: 'Wij onderzoeken nog wat het incident voor u kan betekenen.',
    dpo: 'contact op met onze functionaris voor gegevensbescherming',
    complaint: 'recht een klacht in te dienen bij een toezichthoudende autoriteit',
    closing: 'Met vriendelijke groet,',
  },
  de: {
    headings: ['Was ist geschehen?', 'Welche Ihrer Daten sind betroffen?', 'Was das für Sie bedeuten kann', 'Was wir unternommen haben', 'Was Sie selbst tun können', 'Kontakt'],
    unknownData: 'Wir klären noch, welche Ihrer Daten genau betroffen sind.',
    unknownConsequences: 'Wir prüfen noch, welche Folgen der Vorfall für Sie haben kann.',
    dpo: 'an unseren Datenschutzbeauftragten',
    complaint: 'das Recht, sich bei einer Aufsichtsbehörde zu beschweren',
    closing: 'Mit freundlichen Grüßen',
  },
  lt: {
    headings: ['Kas nutiko', 'Kokie jūsų duomenys susiję su incidentu', 'Ką tai gali reikšti jums', 'Ko ėmėmės', 'Ką galite padaryti jūs', 'Į ką kreiptis'],
    unknownData: 'Vis dar aiškinamės, kokie būtent jūsų duomenys susiję su incidentu.',
    unknownConsequences: 'Vis dar vertiname, kokių pasekmių incidentas gali turėti jums.',
    dpo: 'kreipkitės į mūsų duomenų apsaugos pareigūną',
    complaint: 'teisę pateikti skundą priežiūros institucijai',
    closing: 'Pagarbiai',
  },
};

describe.each(LANGUAGES)('data-subject notice in %s (GDPR Art. 34(2))', (language) => {
  const vm = vmIn(language);
  const html = engine.render('data_subject_notice', language, vm);
  const text = htmlText(html);
  const native = NATIVE[language];

  it('is written in its language, with the same structure', () => {
    expect(html).toContain(`<html lang="${language}">`);
    expect(text).toContain(vm.document.kindLabel);
    const h2 = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => htmlText(m[1]));
    expect(h2).toEqual(native.headings);
    expect(text).toContain(native.closing);
    if (language !== 'en') for (const english of NATIVE.en.headings.slice(0, 5)) expect(text).not.toContain(english);
  });

  it('says what happened, which of your data, the consequences and what we did', () => {
    expect(text).toContain(vm.incident.title);
    expect(text).toContain(vm.incident.description.split('\n')[0]);
    expect(text).toContain(vm.incident.detectedAt.local);
    for (const category of vm.nature.dataCategories.value!) expect(text).toContain(category.label);
    expect(text).toContain(vm.consequences.value!);
    expect(text).toContain(vm.measuresTaken.value!);
    expect(text).toContain(vm.measuresProposed.value!);
  });

  it('tells you what you can do, one line per data category and the general advice', () => {
    expect(vm.advice.map((a) => a.code)).toEqual(['basic', 'credentials', 'general']);
    const items = [...html.matchAll(/<ul class="advice">([\s\S]*?)<\/ul>/g)][0][1].match(/<li>/g);
    expect(items).toHaveLength(3);
    for (const a of vm.advice) expect(text).toContain(a.text);
  });

  it('says whom to contact and that you may complain to the supervisory authority', () => {
    expect(text).toContain(native.dpo);
    for (const part of ['Laura Nieminen', 'tietosuoja@netox.example', '+358 50 123 4567']) expect(text).toContain(part);
    expect(text).toContain(native.complaint);
    // The authority by its own name first (people look for it at home), then the English one.
    expect(text).toContain(`${vm.authorities.lead!.nameNative} – ${vm.authorities.lead!.name} (${vm.authorities.lead!.website})`);
    expect(text).toMatch(/77/);
    expect(text).toContain(vm.incident.reference);
    expect(text).toContain(vm.organisation.legalName);
  });

  it('says plainly what is not known yet, in its language', () => {
    const t = letter(language, { nature: { dataCategories: notProvided() }, consequences: notProvided() });
    expect(t).toContain(native.unknownData);
    expect(t).toContain(native.unknownConsequences);
    expect(t).not.toContain(vm.consequences.value!);
  });

  it('without a DPO or a lead authority, it still tells you whom to contact', () => {
    const t = letter(language, { organisation: { contact: { isDpo: false, roleLabel: 'x', name: null } }, authorities: { lead: null } });
    expect(t).not.toContain(native.dpo);
    expect(t).toContain('tietosuoja@netox.example');
    expect(t).toContain(native.complaint);
    expect(t).not.toContain(vm.authorities.lead!.name);
  });
});
