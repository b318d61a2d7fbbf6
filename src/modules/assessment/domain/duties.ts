/**
 * Duties that follow from the risk level (gdpr-rules.md § H):
 * - Art. 33(1): notify the authority unless the breach is unlikely to result in a risk;
 *   an organisation that notifies when in doubt also notifies a borderline "unlikely".
 * - Art. 34(1): tell the people affected when the risk is high, unless an Art. 34(3)
 *   condition is met: (a) data unintelligible, (b) high risk no longer likely to
 *   materialise, (c) disproportionate effort, which turns the duty into a public
 *   communication rather than removing it.
 * - Art. 33(2): a processor tells its controller about every breach, with no threshold.
 */
import type { RiskEvaluation } from './risk.js';
import { SOURCES } from './sources.js';
import type { AssessmentContext, AssessmentReason, BreachFacts, Exemption, SubjectCommunication } from './types.js';

export interface Duties {
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: SubjectCommunication;
  readonly notifyController: boolean;
  readonly exemptions: readonly Exemption[];
  readonly reasons: readonly AssessmentReason[];
}

function authority(risk: RiskEvaluation, context: AssessmentContext): { notify: boolean; reason: AssessmentReason } {
  if (risk.riskLevel !== 'unlikely') {
    return {
      notify: true,
      reason: {
        code: 'DUTY.NOTIFY_AUTHORITY',
        text: 'Likely to result in a risk: notify the supervisory authority without undue delay and within 72 hours of awareness.',
        source: SOURCES.art33Notify,
      },
    };
  }
  if (context.notifyWhenInDoubt === true && risk.borderline) {
    return {
      notify: true,
      reason: {
        code: 'DUTY.NOTIFY_WHEN_IN_DOUBT',
        text: 'The finding of "unlikely" is borderline and the organisation notifies when in doubt: notify the supervisory authority.',
        source: SOURCES.art33WhenInDoubt,
      },
    };
  }
  return {
    notify: false,
    reason: {
      code: 'DUTY.AUTHORITY_NOT_REQUIRED',
      text: 'Unlikely to result in a risk: no notification to the supervisory authority; record the breach and this reasoning in the register.',
      source: SOURCES.art33NotRequired,
    },
  };
}

function subjects(facts: BreachFacts, risk: RiskEvaluation): Pick<Duties, 'communicateSubjects' | 'exemptions' | 'reasons'> {
  const unintelligible =
    facts.protection === 'state_of_the_art' && risk.dimensions.some((d) => d.dimension === 'confidentiality');
  if (risk.riskLevel !== 'high') {
    const reasons: AssessmentReason[] = [];
    // Art. 34(3)(a) recorded where it applied to the data: the confidentiality risk was
    // neutralised by unintelligibility, whatever the other factors would have made it.
    if (unintelligible) {
      reasons.push({
        code: 'DUTY.EXEMPT_ART34_3_A',
        text: 'The data affected were unintelligible to anyone not authorised (state-of-the-art encryption or hashing, key intact).',
        source: SOURCES.art34a,
      });
    }
    reasons.push({
      code: 'DUTY.SUBJECTS_NOT_REQUIRED',
      text: 'No high risk: the people affected need not be told.',
      source: SOURCES.art34NotHigh,
    });
    return { communicateSubjects: 'not_required', exemptions: unintelligible ? ['art34_3_a'] : [], reasons };
  }
  const reasons: AssessmentReason[] = [];
  if (facts.protection === 'state_of_the_art') {
    // The high risk here comes from altered or unavailable data, which encryption does not cure.
    reasons.push({
      code: 'DUTY.ART34_3_A_NOT_APPLICABLE',
      text: 'Encryption keeps the data unintelligible but does not cure the high risk from altered or unavailable data.',
      source: SOURCES.art34aNotForAvailability,
    });
  }
  if (facts.highRiskMitigated) {
    reasons.push({
      code: 'DUTY.EXEMPT_ART34_3_B',
      text: 'High risk, but measures taken since ensure it is no longer likely to materialise: no communication is required. The risk level stays as assessed at awareness.',
      source: SOURCES.art34b,
    });
    return { communicateSubjects: 'not_required', exemptions: ['art34_3_b'], reasons };
  }
  if (facts.disproportionateEffort) {
    reasons.push({
      code: 'DUTY.PUBLIC_COMMUNICATION',
      text: 'High risk, and telling each person would involve disproportionate effort: a public communication or an equally effective measure is required instead.',
      source: SOURCES.art34c,
    });
    return { communicateSubjects: 'public_communication', exemptions: ['art34_3_c'], reasons };
  }
  reasons.push({
    code: 'DUTY.COMMUNICATE_SUBJECTS',
    text: 'High risk: tell the people affected without undue delay, in clear and plain language.',
    source: SOURCES.art34Required,
  });
  return { communicateSubjects: 'required', exemptions: [], reasons };
}

export function decideDuties(facts: BreachFacts, risk: RiskEvaluation, context: AssessmentContext = {}): Duties {
  const toAuthority = authority(risk, context);
  const toSubjects = subjects(facts, risk);
  const notifyController = (facts.role ?? 'controller') === 'processor';
  const reasons: AssessmentReason[] = [toAuthority.reason, ...toSubjects.reasons];
  if (notifyController) {
    reasons.push({
      code: 'DUTY.NOTIFY_CONTROLLER',
      text: 'Acting as processor: notify the controller without undue delay, whatever the risk. The authority notification and the communication above are the controller\'s duties; the processor files them only if the controller authorised it.',
      source: SOURCES.art33Processor,
    });
  }
  return {
    notifyAuthority: toAuthority.notify,
    communicateSubjects: toSubjects.communicateSubjects,
    notifyController,
    exemptions: toSubjects.exemptions,
    reasons,
  };
}
