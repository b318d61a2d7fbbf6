/**
 * The assessment contract of DESIGN.md § "Assessment contract": field names and enum
 * values are public (other tools depend on them), so they are spelled here exactly once
 * and every other layer (DTOs, entities, OpenAPI) reuses these arrays.
 */

export const ROLES = ['controller', 'processor'] as const;
export type Role = (typeof ROLES)[number];

/** EDPB 01/2021 para. 5: the three kinds of breach, not exclusive of each other. */
export const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachType = (typeof BREACH_TYPES)[number];

export const DATA_CATEGORIES = [
  'basic',
  'behavioural',
  'financial',
  'special',
  'criminal',
  'government_id',
  'credentials',
  'communications',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** ENISA Ease of Identification levels, lowest first. */
export const IDENTIFIABILITY_LEVELS = ['negligible', 'limited', 'significant', 'maximum'] as const;
export type Identifiability = (typeof IDENTIFIABILITY_LEVELS)[number];

/** Ordered from narrowest to widest: the risk engine relies on this order. */
export const EXPOSURES = [
  'none',
  'possible',
  'trusted_recipient',
  'known_recipients',
  'unknown_recipients',
  'public',
] as const;
export type Exposure = (typeof EXPOSURES)[number];

export const INTEGRITY_LOSSES = ['none', 'recoverable', 'irrecoverable'] as const;
export type IntegrityLoss = (typeof INTEGRITY_LOSSES)[number];

export const AVAILABILITY_LOSSES = ['none', 'temporary', 'permanent'] as const;
export type AvailabilityLoss = (typeof AVAILABILITY_LOSSES)[number];

export const EXFILTRATION_STATES = ['confirmed', 'suspected', 'ruled_out'] as const;
export type Exfiltration = (typeof EXFILTRATION_STATES)[number];

/** `state_of_the_art`: encryption or hashing whose key or salt was not compromised. */
export const PROTECTION_LEVELS = ['none', 'weak', 'state_of_the_art'] as const;
export type Protection = (typeof PROTECTION_LEVELS)[number];

export const DPC_SCORES = [1, 2, 3, 4] as const;
export type DpcScore = (typeof DPC_SCORES)[number];

export const RISK_LEVELS = ['unlikely', 'risk', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const SUBJECT_COMMUNICATIONS = ['required', 'not_required', 'public_communication'] as const;
export type SubjectCommunication = (typeof SUBJECT_COMMUNICATIONS)[number];

export const ENISA_BANDS = ['low', 'medium', 'high', 'very_high'] as const;
export type EnisaBand = (typeof ENISA_BANDS)[number];

export const EXEMPTIONS = ['art34_3_a', 'art34_3_b', 'art34_3_c'] as const;
export type Exemption = (typeof EXEMPTIONS)[number];

/** ENISA contextual adjustment: the reason is mandatory (ENISA 2013 §3.1.1, p. 4). */
export interface DpcOverride {
  readonly score: DpcScore;
  readonly reason: string;
}

/** Request body of `/api/assessments/evaluate` and `/api/incidents/:id/assessments`. */
export interface BreachFacts {
  /** Default `controller`. */
  readonly role?: Role;
  /** Non-empty. */
  readonly breachTypes: readonly BreachType[];
  /** Non-empty. */
  readonly dataCategories: readonly DataCategory[];
  readonly dpcOverride?: DpcOverride;
  /** Integer >= 0, approximate (Art. 33(3)(a) allows approximations). */
  readonly subjectsCount: number;
  /** Children, patients, others in need of protection (Recital 75). */
  readonly vulnerableSubjects: boolean;
  readonly identifiability: Identifiability;
  readonly exposure: Exposure;
  readonly integrityLoss: IntegrityLoss;
  readonly availabilityLoss: AvailabilityLoss;
  /** Number >= 0, optional. */
  readonly unavailableHours?: number;
  readonly backupAvailable: boolean;
  readonly malicious: boolean;
  readonly exfiltration: Exfiltration;
  readonly protection: Protection;
  readonly recipientDeletionConfirmed: boolean;
  /** Art. 34(3)(b) measures taken. */
  readonly highRiskMitigated: boolean;
  /** Art. 34(3)(c). */
  readonly disproportionateEffort: boolean;
}

/** The organisation's policy; `/evaluate` derives it from `organisationId`. */
export interface AssessmentContext {
  readonly notifyWhenInDoubt?: boolean;
}

export interface AssessmentReason {
  /** Stable, machine-readable (clients switch on it). */
  readonly code: string;
  /** One plain sentence a DPO can put in a register or a letter. */
  readonly text: string;
  /** Article, recital, guideline paragraph or method section. */
  readonly source: string;
}

/** ENISA §3.3 flags: reported beside the score, never added to it. */
export interface EnisaFlags {
  /** Strictly more than 100 individuals. */
  readonly moreThan100Individuals: boolean;
  /** `protection = state_of_the_art`. */
  readonly dataUnintelligible: boolean;
}

export interface EnisaSeverity {
  readonly dpc: DpcScore;
  readonly ei: number;
  readonly cb: number;
  readonly score: number;
  readonly band: EnisaBand;
  /** Additive field beside the contract's five (the contract allows extension, not change). */
  readonly flags: EnisaFlags;
}

/** Response body, without persistence fields (id, who, when). */
export interface AssessmentResult {
  readonly riskLevel: RiskLevel;
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: SubjectCommunication;
  /** True for every breach when role = processor (Art. 33(2)). */
  readonly notifyController: boolean;
  readonly enisa: EnisaSeverity;
  readonly exemptions: readonly Exemption[];
  readonly reasons: readonly AssessmentReason[];
  readonly rulesVersion: string;
}
