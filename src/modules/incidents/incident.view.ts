import { allowedTransitions } from './domain/incident-status.js';
import type { IncidentView } from './dto/incident.dto.js';
import type { IncidentEntity } from './incident.entity.js';

/** An incident as the API shows it. */
export function toIncidentView(i: IncidentEntity): IncidentView {
  return {
    id: i.id,
    organisationId: i.organisationId,
    reference: i.reference,
    title: i.title,
    description: i.description,
    role: i.role,
    occurredAt: i.occurredAt?.toISOString() ?? null,
    detectedAt: i.detectedAt.toISOString(),
    awareAt: i.awareAt?.toISOString() ?? null,
    containedAt: i.containedAt?.toISOString() ?? null,
    classifiedAt: i.classifiedAt?.toISOString() ?? null,
    status: i.status,
    allowedTransitions: [...allowedTransitions(i.status)],
    affectedCountries: i.affectedCountries,
    recordsApprox: i.recordsApprox,
    subjectCategories: i.subjectCategories,
    likelyConsequences: i.likelyConsequences,
    measuresTaken: i.measuresTaken,
    measuresProposed: i.measuresProposed,
    controllers: i.controllers,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    version: i.version,
  };
}
