/**
 * A human (the DPO) may replace the engine's outcome, never silently: the justification is
 * kept beside the original (accountability, GDPR Art. 5(2) and Recital 85). The replaced
 * outcome must still be one the law allows.
 */
import type { Exemption, Role, RiskLevel, SubjectCommunication } from './types.js';

export interface Outcome {
  readonly riskLevel: RiskLevel;
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: SubjectCommunication;
  readonly notifyController: boolean;
}

/** The Art. 34(3) ground a DPO relies on to leave a high risk uncommunicated. */
export const OVERRIDE_EXEMPTIONS = ['art34_3_a', 'art34_3_b'] as const satisfies readonly Exemption[];
export type OverrideExemption = (typeof OVERRIDE_EXEMPTIONS)[number];

export interface OverrideOutcome extends Outcome {
  readonly exemption: OverrideExemption | null;
}

export interface OverrideViolation {
  readonly code: string;
  readonly field: keyof OverrideOutcome;
  readonly message: string;
}

export const MIN_JUSTIFICATION_LENGTH = 20;

export function overrideViolations(role: Role, outcome: OverrideOutcome): OverrideViolation[] {
  const violations: OverrideViolation[] = [];
  // GDPR Art. 33(1): only a breach "unlikely to result in a risk" escapes notification.
  if (!outcome.notifyAuthority && outcome.riskLevel !== 'unlikely') {
    violations.push({
      code: 'ASSESSMENT.NOTIFICATION_REQUIRED_FOR_RISK',
      field: 'notifyAuthority',
      message: `a breach assessed as "${outcome.riskLevel}" must be notified to the authority (GDPR Art. 33(1)); lower the risk level with reasons or notify`,
    });
  }
  // GDPR Art. 34(1): communication (individual, or public under Art. 34(3)(c)) is a duty
  // only for a high risk; voluntary information is not recorded as a legal duty.
  if (outcome.communicateSubjects !== 'not_required' && outcome.riskLevel !== 'high') {
    violations.push({
      code: 'ASSESSMENT.COMMUNICATION_REQUIRES_HIGH_RISK',
      field: 'communicateSubjects',
      message: 'communication to data subjects is a duty only for a high risk (GDPR Art. 34(1)); voluntary information is not a legal duty',
    });
  }
  // GDPR Art. 34(3): a high risk goes uncommunicated only on ground (a) or (b); (c) means a
  // public communication instead.
  if (outcome.riskLevel === 'high' && outcome.communicateSubjects === 'not_required' && outcome.exemption === null) {
    violations.push({
      code: 'ASSESSMENT.EXEMPTION_REQUIRED',
      field: 'exemption',
      message: 'a high risk must be communicated to the data subjects unless an Art. 34(3)(a) or (b) ground applies: name it in exemption',
    });
  }
  if (outcome.exemption !== null && !(outcome.riskLevel === 'high' && outcome.communicateSubjects === 'not_required')) {
    violations.push({
      code: 'ASSESSMENT.EXEMPTION_NOT_APPLICABLE',
      field: 'exemption',
      message: 'an Art. 34(3) exemption only applies to a high risk left uncommunicated',
    });
  }
  // GDPR Art. 33(2): a processor tells its controller of every breach, whatever the risk.
  if (role === 'processor' && !outcome.notifyController) {
    violations.push({
      code: 'ASSESSMENT.CONTROLLER_NOTICE_MANDATORY',
      field: 'notifyController',
      message: 'a processor must notify the controller of every breach (GDPR Art. 33(2)); this cannot be overridden',
    });
  }
  // Art. 33(2) binds processors; a controller has no controller to notify.
  if (role === 'controller' && outcome.notifyController) {
    violations.push({
      code: 'ASSESSMENT.CONTROLLER_NOTICE_NOT_APPLICABLE',
      field: 'notifyController',
      message: 'notifyController applies to processors (GDPR Art. 33(2)); this incident is recorded in the controller role',
    });
  }
  return violations;
}
