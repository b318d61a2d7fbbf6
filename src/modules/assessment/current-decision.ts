import type { EntityManager } from 'typeorm';
import { AssessmentEntity, AssessmentOverrideEntity } from './assessment.entity.js';

export interface CurrentDecision {
  /** The latest assessment: the incident's current decision. */
  readonly assessment: AssessmentEntity;
  /** A DPO's replacement of its outcome, if any. */
  readonly override: AssessmentOverrideEntity | null;
}

/** The latest assessment of an incident with its override (null before the first assessment). */
export async function loadCurrentDecision(manager: EntityManager, incidentId: string): Promise<CurrentDecision | null> {
  const assessment = await manager.findOne(AssessmentEntity, { where: { incidentId }, order: { sequence: 'DESC' } });
  if (!assessment) return null;
  const override = await manager.findOne(AssessmentOverrideEntity, { where: { assessmentId: assessment.id } });
  return { assessment, override };
}
