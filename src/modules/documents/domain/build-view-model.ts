/**
 * The view model of a notice: every fact the law asks for, resolved into the document's
 * language and the organisation's time zone. Pure: `generatedAt` is passed in.
 */
import type { Reason } from '../../../shared/domain/reason.js';
import { dateTimeFormat, displayNames, numberFormat } from '../../../shared/domain/intl.js';
import { addHours } from '../../../shared/domain/time.js';
import { authorityView, decideAuthorities, type EstablishmentFacts } from './authorities.js';
import type { DocumentKind, DocumentLanguage, DocumentViewModel, EarlierSubmission, Fact, LabelledValue, Phase, ShownInstant } from './document.types.js';
import { exemptionLines } from './exemptions.js';
import { label, type LabelDictionary } from './labels.js';
import type { IncidentController } from '../../incidents/domain/incident-controllers.js';

export interface ObligationFacts {
  readonly status: 'open' | 'fulfilled' | 'not_required';
  readonly dueAt: Date | null;
  readonly submittedAt: Date | null;
  readonly delayReasons: string | null;
  readonly reasons: readonly Reason[];
}

export interface ViewModelInput {
  readonly kind: DocumentKind;
  readonly language: DocumentLanguage;
  readonly phase: Phase;
  readonly version: number;
  readonly generatedAt: Date;
  readonly templateVersion: string;
  readonly labels: LabelDictionary;
  readonly organisation: EstablishmentFacts & {
    readonly legalName: string;
    readonly registrationNumber: string | null;
    readonly postalAddress: string | null;
    readonly timeZone: string;
    /** The processor's contractual window for telling its controllers (hours from awareness, GDPR Art. 33(2)). */
    readonly controllerNoticeWindowHours: number;
    readonly contact: { readonly kind: 'dpo' | 'contact_point'; readonly name: string | null; readonly email: string | null; readonly phone: string | null; readonly address: string | null };
  };
  readonly incident: {
    readonly reference: string;
    readonly title: string;
    readonly description: string;
    readonly role: 'controller' | 'processor';
    readonly occurredAt: Date | null;
    readonly detectedAt: Date;
    readonly awareAt: Date | null;
    /** null: the breach is still ongoing. */
    readonly containedAt: Date | null;
    readonly affectedCountries: readonly string[];
    readonly recordsApprox: number | null;
    readonly subjectCategories: readonly string[];
    readonly likelyConsequences: string | null;
    readonly measuresTaken: string | null;
    readonly measuresProposed: string | null;
    /** Processor incidents: the controllers to notify (GDPR Art. 33(2)). */
    readonly controllers: readonly IncidentController[];
  };
  readonly assessment: {
    readonly breachTypes: readonly string[];
    readonly dataCategories: readonly string[];
    readonly subjectsCount: number;
    readonly riskLevel: string;
    readonly enisa: { readonly score: number; readonly band: string; readonly dpc: number; readonly ei: number; readonly cb: number };
    readonly reasons: readonly Reason[];
    readonly overridden: boolean;
    readonly overrideJustification: string | null;
    readonly rulesVersion: string;
    /** The Art. 34(3) conditions of the current decision (art34_3_a, art34_3_b, art34_3_c). */
    readonly exemptions: readonly string[];
  } | null;
  /** The obligation this notice fulfils (Art. 33(1), 33(2) or 34), and Art. 34 for the communication status. */
  readonly obligation: ObligationFacts | null;
  readonly subjectsObligation: ObligationFacts | null;
  readonly earlier: ReadonlyArray<{ readonly version: number; readonly phase: Phase; readonly createdAt: Date; readonly sha256: string }>;
  /** Reasons for a late notice given with the request (when the filing does not hold them yet). */
  readonly delayReasons: string | null;
}

/** GDPR Art. 33(1) and ART33-5: the controller's own 72 hours run from the processor's notice. */
const CONTROLLER_CLOCK_HOURS = 72;

export function buildViewModel(input: ViewModelInput): DocumentViewModel {
  const { labels: t, language, organisation: org, incident, assessment } = input;
  const show = (instant: Date): ShownInstant => shownInstant(instant, language, org.timeZone);
  const countryName = regionNamer(language);
  const labelled = (table: Readonly<Record<string, string>>, codes: readonly string[]): LabelledValue[] => codes.map((code) => ({ code, label: label(table, code) }));
  const number = (n: number) => `${t.common.about} ${numberFormat(locale(language)).format(n)}`;

  const authorities = decideAuthorities(org, incident.affectedCountries);
  const dueAt = input.obligation?.dueAt ?? null;
  const notifiedAt = input.obligation?.submittedAt ?? input.generatedAt;
  const late = dueAt !== null && notifiedAt.getTime() > dueAt.getTime();

  const nature = {
    breachTypes: labelled(t.breachType, assessment?.breachTypes ?? []),
    dataCategories: fact(assessment ? labelled(t.dataCategory, assessment.dataCategories) : null),
    subjectCategories: fact(incident.subjectCategories.length > 0 ? [...incident.subjectCategories] : null),
    subjectsApprox: fact(assessment ? number(assessment.subjectsCount) : null),
    recordsApprox: fact(incident.recordsApprox === null ? null : number(incident.recordsApprox)),
  };
  const consequences = fact(blankToNull(incident.likelyConsequences));
  const measuresTaken = fact(blankToNull(incident.measuresTaken));
  const measuresProposed = fact(blankToNull(incident.measuresProposed));
  const pending = { ...nature, consequences, measuresTaken, measuresProposed } as const;
  const toFollow =
    input.phase === 'final'
      ? []
      : (['dataCategories', 'subjectCategories', 'subjectsApprox', 'recordsApprox', 'consequences', 'measuresTaken', 'measuresProposed'] as const)
          .filter((key) => !pending[key].provided)
          .map((key) => label(t.fact, key));

  const reference = incident.reference;
  const kindLabel = label(t.kind, input.kind);
  return {
    document: {
      kind: input.kind,
      kindLabel,
      language,
      phase: input.phase,
      phaseLabel: label(t.phase, input.phase),
      version: input.version,
      generatedAt: show(input.generatedAt),
      header: `${reference} · ${t.common.confidential}`,
      title: `${kindLabel} – ${reference}`,
      templateVersion: input.templateVersion,
    },
    organisation: {
      legalName: org.legalName,
      registrationNumber: blankToNull(org.registrationNumber),
      postalAddress: blankToNull(org.postalAddress),
      country: org.country,
      countryName: countryName(org.country),
      timeZone: org.timeZone,
      role: incident.role,
      roleLabel: label(t.organisationRole, incident.role),
      contact: {
        roleLabel: label(t.contactRole, org.contact.kind),
        isDpo: org.contact.kind === 'dpo',
        name: org.contact.name,
        email: org.contact.email,
        phone: org.contact.phone,
        address: org.contact.address,
        reachable: Boolean(org.contact.email || org.contact.phone || org.contact.address),
      },
    },
    authorities: {
      lead: authorities.lead ? authorityView(authorities.lead, countryName) : null,
      concerned: authorities.concerned.map((c) => authorityView(c, countryName)),
      crossBorder: authorities.crossBorder,
      basis: authorities.basis,
      ukIco: authorities.ukIco,
    },
    incident: {
      reference,
      title: incident.title,
      description: incident.description,
      occurredAt: incident.occurredAt ? show(incident.occurredAt) : null,
      detectedAt: show(incident.detectedAt),
      awareAt: incident.awareAt ? show(incident.awareAt) : null,
      containedAt: incident.containedAt ? show(incident.containedAt) : null,
      notifiedAt: show(notifiedAt),
      affectedCountries: incident.affectedCountries.map((code) => ({ code, label: countryName(code) })),
    },
    nature,
    consequences,
    measuresTaken,
    measuresProposed,
    subjectCommunication: { ...subjectCommunication(input.subjectsObligation, t, show), exemptions: exemptionLines(assessment?.exemptions ?? []) },
    assessment: assessment && {
      riskLevel: { code: assessment.riskLevel, label: label(t.riskLevel, assessment.riskLevel) },
      enisa: {
        score: decimal(assessment.enisa.score, language),
        band: { code: assessment.enisa.band, label: label(t.enisaBand, assessment.enisa.band) },
        dpc: assessment.enisa.dpc,
        ei: decimal(assessment.enisa.ei, language),
        cb: decimal(assessment.enisa.cb, language),
      },
      reasons: assessment.reasons.map((r) => ({ code: r.code, text: r.text, source: r.source })),
      overridden: assessment.overridden,
      overrideJustification: assessment.overrideJustification,
      rulesVersion: assessment.rulesVersion,
    },
    deadline: {
      dueAt: dueAt ? show(dueAt) : null,
      late,
      delayReasons: late ? (input.obligation?.delayReasons ?? input.delayReasons) : null,
    },
    phase: {
      earlier: input.earlier.map(
        (e): EarlierSubmission => ({ version: e.version, phase: e.phase, phaseLabel: label(t.phase, e.phase), generatedAt: show(e.createdAt), sha256: e.sha256 }),
      ),
      toFollow,
    },
    controllerClock:
      input.kind === 'controller_notice'
        ? { startsAt: show(input.generatedAt), dueAt: show(addHours(input.generatedAt, CONTROLLER_CLOCK_HOURS)), processorWindowHours: org.controllerNoticeWindowHours }
        : null,
    controllers: incident.controllers.map((c) => ({ name: c.name, contactEmail: c.contactEmail, reference: c.reference })),
    advice: [...new Set([...(assessment?.dataCategories ?? []), 'general'])].filter((c) => t.advice[c]).map((code) => ({ code, text: label(t.advice, code) })),
  };
}

/** Facts an Art. 33(3) notice must hold; a final notice missing one is refused (Art. 33(4) allows phases, not gaps). */
export function missingFinalFacts(vm: DocumentViewModel, labels: LabelDictionary): string[] {
  const facts = { dataCategories: vm.nature.dataCategories, subjectsApprox: vm.nature.subjectsApprox, recordsApprox: vm.nature.recordsApprox, consequences: vm.consequences, measuresTaken: vm.measuresTaken };
  const missing = Object.entries(facts)
    .filter(([, f]) => !f.provided)
    .map(([key]) => key);
  if (!vm.organisation.contact.reachable) missing.push('contact');
  // GDPR Art. 33(2): a final controller notice names the controller(s) it goes to.
  if (vm.document.kind === 'controller_notice' && vm.controllers.length === 0) missing.push('controllers');
  return missing.map((key) => FIXED_MISSING[key] ?? `${key} (${label(labels.fact, key)})`);
}

const FIXED_MISSING: Readonly<Record<string, string>> = {
  contact: 'contact (DPO or contact point, Art. 33(3)(b))',
  controllers: 'controllers (the controller or controllers this notice goes to, Art. 33(2); record them on the incident)',
};

function subjectCommunication(o: ObligationFacts | null, t: LabelDictionary, show: (d: Date) => ShownInstant): Omit<DocumentViewModel['subjectCommunication'], 'exemptions'> {
  if (o === null) return { status: 'undecided', statusLabel: label(t.subjectCommunication, 'undecided'), detail: null };
  if (o.status === 'fulfilled' && o.submittedAt) return { status: 'done', statusLabel: label(t.subjectCommunication, 'done'), detail: show(o.submittedAt).local };
  if (o.status === 'open') return { status: 'planned', statusLabel: label(t.subjectCommunication, 'planned'), detail: o.dueAt ? show(o.dueAt).local : null };
  const why = o.reasons.map((r) => r.text).join(' ');
  return { status: 'not_required', statusLabel: label(t.subjectCommunication, 'not_required'), detail: why || null };
}

function fact<T>(value: T | null): Fact<T> {
  return { value, provided: value !== null };
}

function blankToNull(text: string | null): string | null {
  return text && text.trim() ? text.trim() : null;
}

function decimal(n: number, language: string): string {
  return numberFormat(locale(language), { maximumFractionDigits: 2 }).format(n);
}

/** English notices go to EU readers: day-month-year, 24-hour clock (en-GB). */
function locale(language: string): string {
  return language === 'en' ? 'en-GB' : language;
}

export function shownInstant(instant: Date, language: string, timeZone: string): ShownInstant {
  const format = (zone: string) => dateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone: zone }).format(instant);
  return { iso: instant.toISOString(), local: `${format(timeZone)} (${timeZone})`, utc: `${format('UTC')} UTC` };
}

function regionNamer(language: string): (code: string) => string {
  const names = displayNames(locale(language), { type: 'region' });
  return (code) => names.of(code) ?? code;
}
