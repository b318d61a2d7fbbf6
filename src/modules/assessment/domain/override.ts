/**
 * A human (the DPO) may replace the engine's outcome, never silently: the justification is
 * kept beside the original (accountability, GDPR Art. 5(2) and Recital 85). The replaced
 * outcome must still be one the law allows.
 */
import type { Role, RiskLevel, SubjectCommunication } from './types.js';

export interface Outcome {
  readonly riskLevel: RiskLevel;
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: SubjectCommunication;
  readonly notifyController: boolean;
}

export interface OverrideViolation {
  readonly code: string;
  readonly field: keyof Outcome;
  readonly message: string;
}

export const MIN_JUSTIFICATION_LENGTH = 20;

export function overrideViolations(role: Role, outcome: Outcome): OverrideViolation[] {
  const violations: OverrideViolation[] = [];
  // GDPR Art. 33(1): only a breach "unlikely to result in a risk" escapes notification.
  if (!outcome.notifyAuthority && outcome.riskLevel !== 'unlikely') {
    violations.push({
      code: 'ASSESSMENT.NOTIFICATION_REQUIRED_FOR_RISK',
      field: 'notifyAuthority',
      message: `a breach assessed as "${outcome.riskLevel}" must be notified to the authority (GDPR Art. 33(1)); lower the risk level with reasons or notify`,
    });
  }
  // GDPR Art. 34(1): communication is required only for a high risk.
  if (outcome.communicateSubjects === 'required' && outcome.riskLevel !== 'high') {
    violations.push({
      code: 'ASSESSMENT.COMMUNICATION_REQUIRES_HIGH_RISK',
      field: 'communicateSubjects',
      message: 'communication to data subjects is required only for a high risk (GDPR Art. 34(1)); voluntary information is not a legal duty',
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
  return violations;
}
