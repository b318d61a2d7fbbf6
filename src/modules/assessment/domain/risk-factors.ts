/**
 * Building blocks shared by the three breach-type assessments: the points a factor adds,
 * the reasons it yields, and how points become a level (thresholds in risk-rules.ts).
 */
import { RISK_THRESHOLDS, SCALE_TIERS, SENSITIVITY_BY_DPC, VULNERABLE_POINTS } from './risk-rules.js';
import { SOURCES } from './sources.js';
import type { AssessmentReason, BreachFacts, BreachType, EnisaSeverity, RiskLevel } from './types.js';

export interface DimensionAssessment {
  readonly dimension: BreachType;
  /** Undefined when a fact settles the breach type without points. */
  readonly points?: number;
  readonly level: RiskLevel;
  readonly reasons: readonly AssessmentReason[];
}

export interface Term {
  readonly label: string;
  readonly points: number;
}

export interface Factor {
  readonly points: number;
  readonly reason?: AssessmentReason;
}

export interface SharedFactors {
  readonly sensitivity: Factor & { readonly reason: AssessmentReason };
  readonly vulnerable: Factor;
  readonly scale: Factor;
}

export const LEVEL_TEXT: Readonly<Record<RiskLevel, string>> = {
  unlikely: 'unlikely to result in a risk',
  risk: 'likely to result in a risk',
  high: 'likely to result in a high risk',
};

const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

export function levelFromPoints(points: number): RiskLevel {
  if (points <= RISK_THRESHOLDS.unlikelyMaxPoints) return 'unlikely';
  if (points >= RISK_THRESHOLDS.highMinPoints) return 'high';
  return 'risk';
}

function summary(dimension: BreachType, text: string): AssessmentReason {
  return { code: `RISK.${dimension.toUpperCase()}`, text, source: SOURCES.riskLevel };
}

export function contained(dimension: BreachType, reasons: AssessmentReason[], why: AssessmentReason): DimensionAssessment {
  const label = dimension[0]?.toUpperCase() + dimension.slice(1);
  return {
    dimension,
    level: 'unlikely',
    reasons: [...reasons, why, summary(dimension, `${label}: ${LEVEL_TEXT.unlikely}, whatever the other factors.`)],
  };
}

export function scored(dimension: BreachType, terms: Term[], reasons: AssessmentReason[]): DimensionAssessment {
  const points = terms.reduce((sum, term) => sum + term.points, 0);
  const level = levelFromPoints(points);
  const breakdown = terms.filter((t) => t.points !== 0).map((t) => `${t.label} ${signed(t.points)}`);
  const label = dimension[0]?.toUpperCase() + dimension.slice(1);
  const text = `${label}: ${points} points (${breakdown.join(', ') || 'no factor'}), ${LEVEL_TEXT[level]}.`;
  return { dimension, points, level, reasons: [...reasons, summary(dimension, text)] };
}

export function addFactor(terms: Term[], reasons: AssessmentReason[], label: string, factor: Factor): void {
  if (factor.points === 0) return;
  terms.push({ label, points: factor.points });
  if (factor.reason) reasons.push(factor.reason);
}

export function sharedFactors(facts: BreachFacts, enisa: EnisaSeverity): SharedFactors {
  const sensitivity = SENSITIVITY_BY_DPC[enisa.dpc];
  const article9or10 = facts.dataCategories.some((c) => c === 'special' || c === 'criminal');
  const scaleTier = SCALE_TIERS.find((tier) => facts.subjectsCount >= tier.minSubjects);
  return {
    sensitivity: {
      points: sensitivity,
      reason: {
        code: 'RISK.SENSITIVITY',
        text:
          `Data sensitivity ${sensitivity} of 3, from ENISA DPC ${enisa.dpc}${facts.dpcOverride ? ' as adjusted' : ''}` +
          (article9or10 ? '; special-category or criminal data make a high risk likely.' : '.'),
        source: SOURCES.sensitivity,
      },
    },
    vulnerable: facts.vulnerableSubjects
      ? {
          points: VULNERABLE_POINTS,
          reason: {
            code: 'RISK.VULNERABLE_SUBJECTS',
            text: 'The people affected include vulnerable persons (children, patients or others in need of protection).',
            source: SOURCES.vulnerable,
          },
        }
      : { points: 0 },
    scale: scaleTier
      ? {
          points: scaleTier.points,
          reason: {
            code: 'RISK.SCALE',
            text: `About ${facts.subjectsCount} people are affected (at least ${scaleTier.minSubjects}).`,
            source: SOURCES.scale,
          },
        }
      : { points: 0 },
  };
}
