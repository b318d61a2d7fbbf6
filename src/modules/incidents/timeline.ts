import type { EntityManager } from 'typeorm';
import { type FieldChange, TimelineEntryEntity } from './timeline-entry.entity.js';

export interface ActingContext {
  readonly actor: string;
  readonly requestId: string | null;
}

export interface TimelineEvent {
  readonly incidentId: string;
  readonly organisationId: string;
  readonly at: Date;
  readonly action: string;
  readonly summary: string;
  readonly changes?: Record<string, FieldChange>;
}

/** Appends to an incident's timeline inside the caller's transaction (so it commits with the change). */
export async function appendTimeline(manager: EntityManager, acting: ActingContext, event: TimelineEvent): Promise<void> {
  await manager.save(
    manager.create(TimelineEntryEntity, {
      incidentId: event.incidentId,
      organisationId: event.organisationId,
      at: event.at,
      actor: acting.actor,
      action: event.action,
      summary: event.summary,
      changes: event.changes ?? {},
      requestId: acting.requestId,
    }),
  );
}
