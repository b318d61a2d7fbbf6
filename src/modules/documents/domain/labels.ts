/**
 * The labels a view model needs in the document's language (templates/documents/i18n/*.json);
 * the template engine's Dictionary has this shape.
 */
export interface LabelDictionary {
  readonly kind: Readonly<Record<string, string>>;
  readonly phase: Readonly<Record<string, string>>;
  readonly breachType: Readonly<Record<string, string>>;
  readonly dataCategory: Readonly<Record<string, string>>;
  readonly riskLevel: Readonly<Record<string, string>>;
  readonly enisaBand: Readonly<Record<string, string>>;
  readonly contactRole: Readonly<Record<string, string>>;
  readonly organisationRole: Readonly<Record<string, string>>;
  readonly subjectCommunication: Readonly<Record<string, string>>;
  readonly fact: Readonly<Record<string, string>>;
  readonly common: Readonly<{ confidential: string; page: string; of: string; toFollow: string; about: string }>;
  readonly advice: Readonly<Record<string, string>>;
}

export function label(table: Readonly<Record<string, string>>, code: string): string {
  return table[code] ?? code;
}
