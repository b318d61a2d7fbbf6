import type { EntityManager } from 'typeorm';
import { DomainError } from '../../shared/domain/domain-error.js';
import { IncidentEntity } from './incident.entity.js';

/** The incident or INCIDENT.NOT_FOUND; `lock` takes its row for the caller's transaction. */
export async function loadIncident(manager: EntityManager, id: string, lock = false): Promise<IncidentEntity> {
  const incident = await manager.findOne(IncidentEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!incident) throw DomainError.notFound('INCIDENT.NOT_FOUND', `Incident ${id} does not exist`);
  return incident;
}
