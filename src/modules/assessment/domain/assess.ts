/**
 * The assessment engine: breach facts in, a defensible decision out. Pure: no clock is
 * needed (the risk is assessed on the facts known at awareness, EDPB 01/2021 para. 9),
 * no I/O. Call findContradictions first: assess() does not refuse facts, it reads them.
 */
import { decideDuties } from './duties.js';
import { enisaReasons, enisaSeverity } from './enisa.js';
import { evaluateRisk, type DimensionAssessment } from './risk.js';
import { RULES_VERSION } from './rules-version.js';
import type { AssessmentContext, AssessmentResult, BreachFacts } from './types.js';

/** The result plus what the service may want to store or show beside it. */
export interface AssessmentTrace {
  readonly result: AssessmentResult;
  readonly borderline: boolean;
  readonly escalatedByEnisa: boolean;
  readonly dimensions: readonly DimensionAssessment[];
}

export function assessWithTrace(facts: BreachFacts, context: AssessmentContext = {}): AssessmentTrace {
  const enisa = enisaSeverity(facts);
  const risk = evaluateRisk(facts, enisa);
  const duties = decideDuties(facts, risk, context);
  const result: AssessmentResult = {
    riskLevel: risk.riskLevel,
    notifyAuthority: duties.notifyAuthority,
    communicateSubjects: duties.communicateSubjects,
    notifyController: duties.notifyController,
    enisa,
    exemptions: duties.exemptions,
    reasons: [...enisaReasons(facts, enisa), ...risk.reasons, ...duties.reasons],
    rulesVersion: RULES_VERSION,
  };
  return { result, borderline: risk.borderline, escalatedByEnisa: risk.escalatedByEnisa, dimensions: risk.dimensions };
}

export function assess(facts: BreachFacts, context: AssessmentContext = {}): AssessmentResult {
  return assessWithTrace(facts, context).result;
}
