/**
 * The fixed vocabulary of predicates that deadline rule rows name (deadline-rules.ts):
 * `appliesWhen` decides whether an obligation exists for the incident at all, `requiredWhen`
 * whether it is required, with reasons (code, one plain sentence, legal source).
 */
import type { Reason } from '../../../shared/domain/reason.js';
import { describePeriod, resolvePeriod, ruleTiming } from './anchors.js';
import type { AppliesWhen, DeadlineRule, RequiredWhen } from './deadline-rules.js';
import type { DecisionFacts, ObligationInput, ObligationKind, Recipient } from './obligation.types.js';

export interface RuleContext {
  readonly input: ObligationInput;
  readonly rule: DeadlineRule;
}

export interface RequiredOutcome {
  readonly required: boolean;
  readonly reasons: readonly Reason[];
}

const UK = 'GB'; // ISO 3166-1 alpha-2 for the United Kingdom

export const APPLIES_WHEN: Readonly<Record<AppliesWhen, (input: ObligationInput) => boolean>> = {
  role_controller: (i) => i.incident.role === 'controller',
  // GDPR Art. 33(2): the processor's duty; Art. 33(1) and 34 are the controller's (ART33-4).
  role_processor: (i) => i.incident.role === 'processor',
  // UK GDPR: when UK data subjects are affected (UK-4).
  role_controller_uk_subjects: (i) =>
    i.incident.role === 'controller' && i.incident.affectedCountries.some((c) => c.toUpperCase() === UK),
  nis2_entity: (i) => i.organisation.nis2Entity,
  nis2_entity_not_tsp: (i) => i.organisation.nis2Entity && !i.organisation.trustServiceProvider,
  nis2_trust_service_provider: (i) => i.organisation.nis2Entity && i.organisation.trustServiceProvider,
  dora_financial_entity: (i) => i.organisation.doraFinancialEntity,
};

const RECIPIENT_NAMES: Readonly<Record<Recipient, string>> = {
  supervisory_authority: 'the supervisory authority',
  controller: 'the controller',
  data_subjects: 'the data subjects',
  ico: 'the ICO',
  csirt: 'the CSIRT',
  competent_authority: 'the competent authority',
};

/** Code stems: OBLIGATION.ART33_1_REQUIRED, OBLIGATION.UK_ART33_REQUIRED. */
const STEMS: Partial<Record<ObligationKind, string>> = { gdpr_art33_1: 'ART33_1', uk_gdpr_art33: 'UK_ART33' };
const stem = (kind: ObligationKind) => STEMS[kind] ?? kind.toUpperCase();

function periodText(ctx: RuleContext): string {
  return describePeriod(resolvePeriod(ctx.rule.period, ctx.input.organisation));
}

function overridden(decision: DecisionFacts | null): Reason[] {
  if (decision === null || !decision.overridden) return [];
  return [
    {
      code: 'OBLIGATION.DECISION_OVERRIDDEN',
      text: 'This follows a human override of the assessment, signed with a written justification.',
      source: 'GDPR Art. 5(2), Art. 33(5); Recital 85 (accountability)',
    },
  ];
}

/** GDPR / UK GDPR Art. 33(1): the clock runs from awareness until a decision releases it. */
function authorityNotice(ctx: RuleContext): RequiredOutcome {
  const { decision } = ctx.input;
  const { rule } = ctx;
  const code = `OBLIGATION.${stem(rule.kind)}`;
  const who = RECIPIENT_NAMES[rule.recipient];
  if (decision !== null && !decision.notifyAuthority) {
    return {
      required: false,
      reasons: [
        {
          code: `${code}_NOT_REQUIRED_UNLIKELY`,
          text: `The breach is assessed as unlikely to result in a risk to the rights and freedoms of natural persons, so ${who} is not notified; the breach stays documented in the register.`,
          source: `${rule.source}; Art. 33(5)`,
        },
        ...overridden(decision),
      ],
    };
  }
  const required: Reason = {
    code: `${code}_REQUIRED`,
    text: `Notify ${who} without undue delay and not later than ${periodText(ctx)} after awareness, weekends and holidays included.`,
    source: rule.source,
  };
  if (decision !== null) return { required: true, reasons: [required, ...overridden(decision)] };
  return {
    required: true,
    reasons: [
      required,
      {
        code: 'OBLIGATION.NO_ASSESSMENT_YET',
        text: 'No assessment yet: the clock runs from awareness, so this stays required until an assessment or a signed decision finds the breach unlikely to result in a risk.',
        source: `${rule.source}; EDPB Guidelines 01/2021 paras. 8-9`,
      },
    ],
  };
}

/** GDPR Art. 34: only when the decision says so (high risk), or a public communication (34(3)(c)). */
function subjectCommunication(ctx: RuleContext): RequiredOutcome {
  const { decision } = ctx.input;
  if (decision === null) {
    return {
      required: false,
      reasons: [
        {
          code: 'OBLIGATION.NO_ASSESSMENT_YET',
          text: 'No assessment yet: whether the data subjects must be told will be decided by the assessment (only a likely high risk requires it).',
          source: 'GDPR Art. 34(1)',
        },
      ],
    };
  }
  const outcome = (required: boolean, code: string, text: string, source: string): RequiredOutcome => ({
    required,
    reasons: [{ code, text, source }, ...overridden(decision)],
  });
  switch (decision.communicateSubjects) {
    case 'required':
      return outcome(
        true,
        'OBLIGATION.ART34_REQUIRED',
        `The breach is likely to result in a high risk: tell the data subjects without undue delay; the organisation's target is ${periodText(ctx)} after awareness.`,
        'GDPR Art. 34(1)-(2); Recital 86',
      );
    case 'public_communication':
      return outcome(
        true,
        'OBLIGATION.ART34_PUBLIC_COMMUNICATION',
        'Telling each data subject would involve disproportionate effort, so a public communication that informs them in an equally effective manner is required instead.',
        'GDPR Art. 34(3)(c)',
      );
    case 'not_required':
      return outcome(
        false,
        'OBLIGATION.ART34_NOT_REQUIRED',
        'No communication to the data subjects: the breach is not likely to result in a high risk, or an Art. 34(3)(a) or (b) condition is met.',
        'GDPR Art. 34(1), Art. 34(3)(a)-(b)',
      );
  }
}

/** GDPR Art. 33(2): every breach goes to the controller, whatever the risk (ART33-4, ART33-5). */
function everyBreach(ctx: RuleContext): RequiredOutcome {
  return {
    required: true,
    reasons: [
      {
        code: 'OBLIGATION.ART33_2_EVERY_BREACH',
        text: `As processor, notify the controller without undue delay of every breach, whatever the risk; the contractual target is ${periodText(ctx)} after awareness.`,
        source: ctx.rule.source,
      },
      {
        code: 'OBLIGATION.ART33_2_CONTROLLER_CLOCK',
        text: "The controller's own 72 hours under Art. 33(1) run from this notice, not from the processor's discovery.",
        source: 'GDPR Art. 33(1)-(2); EDPB Guidelines 9/2022 §I.C.1.d (WP250rev.01)',
      },
    ],
  };
}

/** NIS2 and DORA may both apply; displacement (NIS2 Art. 4) is UNVERIFIED and not applied. */
function overlap(input: ObligationInput): Reason[] {
  if (!(input.organisation.nis2Entity && input.organisation.doraFinancialEntity)) return [];
  return [
    {
      code: 'OBLIGATION.NIS2_DORA_OVERLAP',
      text: 'The organisation is flagged for both NIS2 and DORA; DORA may displace NIS2 reporting for financial entities, which is not verified, so both are kept until someone decides.',
      source: 'NIS2 Art. 4(1)-(2), Recital 28 (UNVERIFIED); DORA Art. 19',
    },
  ];
}

/** NIS2 Art. 23(1), (3): significant incidents only; presumed until a signed waiver. */
function significantIncident(ctx: RuleContext): RequiredOutcome {
  const reasons: Reason[] = [
    {
      code: 'OBLIGATION.NIS2_SIGNIFICANT_ONLY',
      text: 'NIS2 reporting applies to significant incidents (severe operational disruption or financial loss, or considerable damage to others); it stays required unless a signed decision finds the incident not significant.',
      source: 'NIS2 Art. 23(1), 23(3)',
    },
  ];
  if (ctx.rule.appliesWhen === 'nis2_trust_service_provider') {
    reasons.push({
      code: 'OBLIGATION.NIS2_TSP_24H',
      text: 'As a trust service provider, the incident notification is due within 24 hours of awareness for incidents affecting its trust services.',
      source: 'NIS2 Art. 23(4), second subparagraph',
    });
  }
  return { required: true, reasons: [...reasons, ...overlap(ctx.input)] };
}

/** DORA Art. 19(1): major ICT-related incidents only; presumed until a signed waiver. */
function majorIncident(ctx: RuleContext): RequiredOutcome {
  const reasons: Reason[] = [
    {
      code: 'OBLIGATION.DORA_MAJOR_ONLY',
      text: 'DORA reporting applies to major ICT-related incidents; it stays required unless a signed decision finds the incident not major.',
      source: 'DORA Art. 18, Art. 19(1)',
    },
  ];
  const timing = ruleTiming(ctx.rule, ctx.input);
  switch (timing.capCase) {
    case 'anchor_missing':
      reasons.push({
        code: 'OBLIGATION.DORA_CLASSIFY',
        text: 'Not classified yet: classify the incident now; the initial notification is due 4 hours after classification as major and no later than 24 hours after awareness.',
        source: 'RTS (EU) 2025/301 Art. 5(1)(a)',
      });
      break;
    case 'within_cap':
      reasons.push({
        code: 'OBLIGATION.DORA_INITIAL_EARLIER_OF',
        text: 'Classified within 24 hours of awareness: due at the earlier of classification + 4 hours and awareness + 24 hours.',
        source: 'RTS (EU) 2025/301 Art. 5(1)(a)',
      });
      break;
    case 'after_cap':
      reasons.push({
        code: 'OBLIGATION.DORA_LATE_CLASSIFICATION',
        text: 'Classified more than 24 hours after awareness: due 4 hours after classification.',
        source: 'RTS (EU) 2025/301 Art. 5(2)',
      });
      break;
    case 'none':
      break;
  }
  return { required: true, reasons: [...reasons, ...overlap(ctx.input)] };
}

export const REQUIRED_WHEN: Readonly<Record<RequiredWhen, (ctx: RuleContext) => RequiredOutcome>> = {
  authority_notice_not_ruled_out: authorityNotice,
  subject_communication_decided: subjectCommunication,
  every_breach: everyBreach,
  significant_incident_presumed: significantIncident,
  major_incident_presumed: majorIncident,
};
