import type { EntityManager } from 'typeorm';
import { insertEntities } from '../../database/insert-entities.js';
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
export function appendTimeline(manager: EntityManager, acting: ActingContext, event: TimelineEvent): Promise<void> {
  return insertEntities(manager, TimelineEntryEntity, recordTimeline(manager, [{ acting, event }]));
}

/**
 * Records timeline events on the audit trail, and gives their timeline rows for the caller to
 * insert in the same transaction (appendTimeline, or a statement of the caller's own).
 */
export function recordTimeline(manager: EntityManager, events: ReadonlyArray<{ readonly acting: ActingContext; readonly event: TimelineEvent }>): Array<Partial<TimelineEntryEntity>> {
  return events.map(({ acting, event }) => {
    recordAudit(manager, acting, {
      organisationId: event.organisationId,
      at: event.at,
      action: `incident.${event.action}`,
      entityType: 'incident',
      entityId: event.incidentId,
      summary: event.summary,
      changes: event.changes,
    });
    return {
      incidentId: event.incidentId,
      organisationId: event.organisationId,
      at: event.at,
      actor: acting.actor,
      action: event.action,
      summary: event.summary,
      changes: event.changes ?? {},
      requestId: acting.requestId,
    };
  });
}
