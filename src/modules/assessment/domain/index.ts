export * from './types.js';
export { assess, assessWithTrace, type AssessmentTrace } from './assess.js';
export {
  bandFromQuarters,
  dataProcessingContext,
  enisaBand,
  enisaReasons,
  enisaSeverity,
  DPC_BY_CATEGORY,
  ENISA_MANY_INDIVIDUALS,
} from './enisa.js';
export { evaluateRisk, levelFromPoints, type DimensionAssessment, type RiskEvaluation } from './risk.js';
export { decideDuties, type Duties } from './duties.js';
export { findContradictions, CONTRADICTION_CODES, type Contradiction } from './consistency.js';
export { RULES_VERSION, RULE_TABLES } from './rules-version.js';
