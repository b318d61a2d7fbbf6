/**
 * Notices that leave the building: what each document says, as one language-resolved view
 * model. The same object is the JSON payload beside the PDF and the only input of the
 * Handlebars templates (strict mode: a field the template names must exist here).
 */
export const DOCUMENT_KINDS = ['authority_notification', 'controller_notice', 'data_subject_notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_LANGUAGES = ['en', 'fi', 'sv', 'fr', 'nl', 'de', 'lt'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** Which languages each kind is written in. */
export const KIND_LANGUAGES: Readonly<Record<DocumentKind, readonly DocumentLanguage[]>> = {
  authority_notification: ['en'],
  controller_notice: ['en'],
  data_subject_notice: ['en', 'fi', 'sv', 'fr', 'nl', 'de', 'lt'],
};

/** GDPR Art. 33(4): information may be provided in phases. */
export const PHASES = ['initial', 'supplementary', 'final'] as const;
export type Phase = (typeof PHASES)[number];

/** An instant shown in the organisation's time zone beside UTC, formatted for the language. */
export interface ShownInstant {
  readonly iso: string;
  /** e.g. "27 March 2026, 10:00 (Europe/Helsinki)" in the document's language */
  readonly local: string;
  /** e.g. "27 March 2026, 08:00 UTC" */
  readonly utc: string;
}

/** A fact that may be "to be provided in a later phase" (Art. 33(4)) in an initial notice. */
export interface Fact<T> {
  /** null: not known yet. */
  readonly value: T | null;
  readonly provided: boolean;
}

export interface ContactView {
  /** "Data protection officer" or "Contact point", in the document's language. */
  readonly roleLabel: string;
  readonly isDpo: boolean;
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  /** At least one way to reach the contact is known. */
  readonly reachable: boolean;
}

export interface AuthorityView {
  readonly country: string;
  readonly countryName: string;
  /** The English name, from the reference (../shared/reference/supervisory-authorities.json). */
  readonly name: string;
  /** The name in the authority's own language(s), from the same reference; null when it gives none or only the English one. */
  readonly nameNative: string | null;
  /** The reference's verification grade of the names (CORROBORATED_SECONDARY, ANALYST_KNOWLEDGE_UNVERIFIED...); null for an authority it does not list. */
  readonly nameVerification: string | null;
  /** The reference marks the names as not verified: the documents say so beside them. */
  readonly nameUnverified: boolean;
  /**
   * The name a letter to the public uses: the authority's own name with the English one after
   * it ("Tietosuojavaltuutetun toimisto – Office of the Data Protection Ombudsman"), so people
   * can find it at home; the English name alone when the reference gives no other, or does not
   * vouch for it.
   */
  readonly letterName: string;
  readonly acronym: string | null;
  readonly website: string | null;
}

export interface LabelledValue {
  readonly code: string;
  /** In the document's language. */
  readonly label: string;
}

export interface ReasonLine {
  readonly code: string;
  readonly text: string;
  readonly source: string;
}

/** What a person can do, chosen by data category (data-subject notice). */
export interface AdviceLine {
  readonly code: string;
  readonly text: string;
}

/** A controller the processor notifies (controller notice, GDPR Art. 33(2)). */
export interface ControllerAddressee {
  readonly name: string;
  readonly contactEmail: string | null;
  /** The contract or customer number. */
  readonly reference: string | null;
}

/** An Art. 34(3) condition relied on: code as in the assessment contract, the article, one plain sentence. */
export interface ExemptionLine {
  readonly code: string;
  /** "GDPR Art. 34(3)(a)". */
  readonly article: string;
  readonly text: string;
}

export interface EarlierSubmission {
  readonly version: number;
  readonly phase: Phase;
  readonly phaseLabel: string;
  readonly generatedAt: ShownInstant;
  readonly sha256: string;
}

export interface DocumentViewModel {
  readonly document: {
    readonly kind: DocumentKind;
    readonly kindLabel: string;
    readonly language: DocumentLanguage;
    readonly phase: Phase;
    readonly phaseLabel: string;
    readonly version: number;
    readonly generatedAt: ShownInstant;
    /** "BR-2026-0001 · Confidential": header text. */
    readonly header: string;
    /** The PDF's title metadata. */
    readonly title: string;
    readonly templateVersion: string;
  };
  readonly organisation: {
    readonly legalName: string;
    /** Business or company registration number; null when not recorded. */
    readonly registrationNumber: string | null;
    /** The organisation's own postal (registered) address, multi-line; not the contact point's (contact.address). */
    readonly postalAddress: string | null;
    readonly country: string;
    readonly countryName: string;
    readonly timeZone: string;
    /** The role in which the organisation is hit by this breach. */
    readonly role: 'controller' | 'processor';
    readonly roleLabel: string;
    readonly contact: ContactView;
  };
  readonly authorities: {
    /** The lead (or only) supervisory authority; null when none can be named. */
    readonly lead: AuthorityView | null;
    /** Other authorities concerned (affected residents in other EEA states; SA-4: every state when not established in the EEA). */
    readonly concerned: readonly AuthorityView[];
    readonly crossBorder: boolean;
    /** Why these authorities, in one sentence with its source (Art. 55/56, EDPB 9/2022 para. 73). */
    readonly basis: string;
    /** UK residents affected: the ICO is told under UK GDPR as well. */
    readonly ukIco: boolean;
  };
  readonly incident: {
    readonly reference: string;
    readonly title: string;
    readonly description: string;
    readonly occurredAt: ShownInstant | null;
    readonly detectedAt: ShownInstant;
    readonly awareAt: ShownInstant | null;
    /** When the breach was contained; null: still ongoing. */
    readonly containedAt: ShownInstant | null;
    /** When the authority was (or is being) notified. */
    readonly notifiedAt: ShownInstant | null;
    readonly affectedCountries: readonly LabelledValue[];
  };
  /** GDPR Art. 33(3)(a). */
  readonly nature: {
    readonly breachTypes: readonly LabelledValue[];
    readonly dataCategories: Fact<readonly LabelledValue[]>;
    readonly subjectCategories: Fact<readonly string[]>;
    /** Approximate, formatted for the language (e.g. "about 1 200"). */
    readonly subjectsApprox: Fact<string>;
    readonly recordsApprox: Fact<string>;
  };
  /** Art. 33(3)(c). */
  readonly consequences: Fact<string>;
  /** Art. 33(3)(d). */
  readonly measuresTaken: Fact<string>;
  readonly measuresProposed: Fact<string>;
  /** Art. 34: done, planned, or why not. */
  readonly subjectCommunication: {
    readonly status: 'done' | 'planned' | 'not_required' | 'undecided';
    readonly statusLabel: string;
    readonly detail: string | null;
    /** The Art. 34(3) conditions the current assessment relies on (English); empty when none. */
    readonly exemptions: readonly ExemptionLine[];
  };
  readonly assessment: {
    readonly riskLevel: LabelledValue;
    readonly enisa: { readonly score: string; readonly band: LabelledValue; readonly dpc: number; readonly ei: string; readonly cb: string };
    readonly reasons: readonly ReasonLine[];
    readonly overridden: boolean;
    readonly overrideJustification: string | null;
    readonly rulesVersion: string;
  } | null;
  readonly deadline: {
    readonly dueAt: ShownInstant | null;
    readonly late: boolean;
    readonly delayReasons: string | null;
  };
  readonly phase: {
    readonly earlier: readonly EarlierSubmission[];
    /** Labels of the facts to be provided in a later phase (initial and supplementary only). */
    readonly toFollow: readonly string[];
  };
  /**
   * Controller notice: what the controller now has to decide, with its own 72-hour clock (Art. 33(1), ART33-5),
   * beside the processor's contractual window for telling the controller (hours from the processor's awareness).
   */
  readonly controllerClock: { readonly startsAt: ShownInstant; readonly dueAt: ShownInstant; readonly processorWindowHours: number } | null;
  /** The controllers the incident names (processor incidents; the addressees of the controller notice); empty otherwise. */
  readonly controllers: readonly ControllerAddressee[];
  /** Data-subject notice: concrete steps chosen by data category. */
  readonly advice: readonly AdviceLine[];
}
