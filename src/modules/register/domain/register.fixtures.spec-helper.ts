/** Register rows' raw material for the unit tests. */
import type { DecisionSource, ObligationSource, RegisterSource } from './register.types.js';

const at = (iso: string) => new Date(iso);

export function source(over: Partial<RegisterSource['incident']> = {}, rest: Partial<Omit<RegisterSource, 'incident'>> = {}): RegisterSource {
  return {
    incident: {
      id: '00000000-0000-4000-8000-000000000001',
      reference: 'BR-2026-0001',
      organisation: { id: '00000000-0000-4000-8000-0000000000aa', legalName: 'Netox Oy' },
      title: 'Customer list e-mailed to the wrong recipient',
      description: 'An export of 240 customer records was sent to a former supplier.',
      role: 'controller',
      status: 'notified',
      occurredAt: at('2026-11-20T08:00:00Z'),
      detectedAt: at('2026-11-20T09:30:00Z'),
      awareAt: at('2026-11-20T10:00:00Z'),
      containedAt: at('2026-11-20T11:15:00Z'),
      affectedCountries: ['FI', 'SE'],
      recordsApprox: 3600,
      subjectCategories: ['customers'],
      likelyConsequences: 'Phishing',
      measuresTaken: 'Recipient asked to delete',
      measuresProposed: 'DLP rule on exports',
      controllers: [],
      ...over,
    },
    decision: null,
    obligations: [],
    statusChange: null,
    ...rest,
  };
}

export const decision = (over: Partial<DecisionSource> = {}): DecisionSource => ({
  assessmentId: '00000000-0000-4000-8000-0000000000d1',
  sequence: 2,
  assessedAt: at('2026-11-20T12:00:00Z'),
  assessedBy: 'Aino DPO',
  rulesVersion: '2026-11-23.2',
  engine: { riskLevel: 'risk', notifyAuthority: true, communicateSubjects: 'not_required', notifyController: false },
  dataCategories: ['basic', 'financial'],
  breachTypes: ['confidentiality'],
  subjectsCount: 240,
  enisa: { score: 2.5, band: 'medium' },
  reasons: [{ code: 'RISK.RISK', text: 'A risk to the people concerned.', source: 'GDPR Art. 33(1)' }],
  override: null,
  ...over,
});

export const obligation = (over: Partial<ObligationSource> = {}): ObligationSource => ({
  kind: 'gdpr_art33_1',
  regime: 'gdpr',
  recipient: 'supervisory_authority',
  label: 'GDPR Art. 33(1): notify the supervisory authority',
  status: 'fulfilled',
  required: true,
  dueAt: at('2026-11-23T10:00:00Z'),
  submittedAt: at('2026-11-24T12:30:00Z'),
  reference: 'DPA-2026-0042',
  onTime: false,
  delayReasons: 'Forensics confirmed the scope only on Monday.',
  waivedReason: null,
  ...over,
});
