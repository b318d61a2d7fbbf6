import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { type ActingContext, recordAudit } from '../audit/audit-trail.js';
import { type FieldChange, TimelineEntryEntity } from './timeline-entry.entity.js';

export type { ActingContext } from '../audit/audit-trail.js';

export interface TimelineEvent {
  readonly incidentId: string;
  readonly organisationId: string;
  readonly at: Date;
  readonly action: string;
  readonly summary: string;
  readonly changes?: Record<string, FieldChange>;
}

/**
 * Appends to an incident's timeline inside the caller's transaction (so it commits with the
 * change), and the same event to the organisation's audit trail.
 */
export async function appendTimeline(manager: EntityManager, acting: ActingContext, event: TimelineEvent): Promise<void> {
  recordAudit(manager, acting, {
    organisationId: event.organisationId,
    at: event.at,
    action: `incident.${event.action}`,
    entityType: 'incident',
    entityId: event.incidentId,
    summary: event.summary,
    changes: event.changes,
  });
  await manager.insert(TimelineEntryEntity, {
    incidentId: event.incidentId,
    organisationId: event.organisationId,
    at: event.at,
    actor: acting.actor,
    action: event.action,
    summary: event.summary,
    // jsonb: TypeORM's insert type cannot see through a record of field changes.
    changes: (event.changes ?? {}) as QueryDeepPartialEntity<Record<string, FieldChange>>,
    requestId: acting.requestId,
  });
}
