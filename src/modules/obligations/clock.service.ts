import { type ActingContext, audited, recordAudit } from '../audit/audit-trail.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull, type QueryDeepPartialEntity } from 'typeorm';
import { ChannelEntity } from '../alerts/channel.entity.js';
import { DeliveryEntity } from '../alerts/delivery.entity.js';
import type { AlertMessage } from '../alerts/domain/alert.types.js';
import { IncidentEntity } from '../incidents/incident.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { nextOverdueRung, rungLabel } from './domain/ladder.js';
import { EscalationEntity } from './escalation.entity.js';
import { ladderOf } from './escalation-planner.js';
import { ObligationEntity } from './obligation.entity.js';

/**
 * The clock: fires due rungs exactly once, across instances and restarts. Due rows are
 * claimed with FOR UPDATE SKIP LOCKED in the transaction that marks them fired and writes
 * their outbox rows (deliveries), so a rung is fired by one instance, once, or not at all.
 */
/** The clock acts on its own: no user, no request. */
const CLOCK_ACTOR: ActingContext = { actor: 'system:clock', requestId: null, userId: null };

@Injectable()
export class ClockService {
  static readonly BATCH = 500;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Fires every rung due at `now`; returns how many fired. */
  async runDue(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await this.fireBatch(now, ClockService.BATCH);
      total += fired;
      if (fired < ClockService.BATCH) return total;
    }
  }

  private async fireBatch(now: Date, limit: number): Promise<number> {
    return audited(this.db, async (manager) => {
      const claimed: Array<{ id: string }> = await manager.query(
        `SELECT id FROM escalations WHERE state = 'pending' AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (claimed.length === 0) return 0;
      const rungs = await manager.find(EscalationEntity, { where: { id: In(claimed.map((c) => c.id)) } });
      const context = await this.loadContext(manager, rungs);

      const deliveries: Array<QueryDeepPartialEntity<DeliveryEntity>> = [];
      const next: Array<QueryDeepPartialEntity<EscalationEntity>> = [];
      for (const rung of rungs) {
        const obligation = context.obligations.get(rung.obligationId);
        // Filed or waived since it was planned: the rung has nothing left to say.
        if (!obligation || obligation.status !== 'open' || obligation.dueAt === null) {
          rung.state = 'cancelled';
          continue;
        }
        rung.state = 'fired';
        rung.firedAt = now;
        const incident = context.incidents.get(rung.incidentId) as IncidentEntity;
        const organisation = context.organisations.get(rung.organisationId) as OrganisationEntity;
        const channels = context.channels.get(rung.organisationId) ?? [];
        recordAudit(manager, CLOCK_ACTOR, {
          organisationId: rung.organisationId,
          at: now,
          action: 'escalation.fired',
          entityType: 'escalation',
          entityId: rung.id,
          summary: `${incident.reference}: "${obligation.label}" ${rungLabel(rung.offsetMinutes)}, alerted on ${channels.length} channel(s)`,
          changes: { state: { from: 'pending', to: 'fired' } },
        });
        for (const channel of channels) {
          const id = randomUUID();
          deliveries.push({
            id,
            escalationId: rung.id,
            channelId: channel.id,
            organisationId: rung.organisationId,
            incidentId: rung.incidentId,
            state: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            payload: alertMessage(id, rung, obligation, incident, organisation, now),
          });
        }
        // The first overdue reminder is planned with the ladder; each one that fires plans the
        // next. The reminder just fired is not acknowledged yet: full rate. An acknowledgement
        // re-plans the pending reminder with the backed-off interval (EscalationsService).
        if (rung.offsetMinutes < 0) {
          const reminder = nextOverdueRung(obligation.dueAt, rung.offsetMinutes, ladderOf(organisation), false, 0, now);
          if (reminder) {
            next.push({ obligationId: obligation.id, incidentId: rung.incidentId, organisationId: rung.organisationId, offsetMinutes: reminder.offsetMinutes, dueAt: reminder.dueAt, state: 'pending', late: reminder.late });
          }
        }
      }
      await manager.save(rungs);
      // ON CONFLICT DO NOTHING: the unique indexes (one delivery per rung and channel, one rung
      // per offset) make a repeat a no-op instead of a failed batch that would stall the clock.
      if (deliveries.length > 0) await manager.createQueryBuilder().insert().into(DeliveryEntity).values(deliveries).orIgnore().execute();
      if (next.length > 0) await manager.createQueryBuilder().insert().into(EscalationEntity).values(next).orIgnore().execute();
      return claimed.length;
    });
  }

  private async loadContext(manager: EntityManager, rungs: EscalationEntity[]) {
    const ids = <K extends keyof EscalationEntity>(key: K) => [...new Set(rungs.map((r) => r[key] as string))];
    const obligations = await manager.find(ObligationEntity, { where: { id: In(ids('obligationId')) } });
    const incidents = await manager.find(IncidentEntity, { where: { id: In(ids('incidentId')) } });
    const organisations = await manager.find(OrganisationEntity, { where: { id: In(ids('organisationId')) } });
    const channels = await manager.find(ChannelEntity, { where: { organisationId: In(ids('organisationId')), deletedAt: IsNull() } });
    const byOrg = new Map<string, ChannelEntity[]>();
    for (const c of channels) byOrg.set(c.organisationId, [...(byOrg.get(c.organisationId) ?? []), c]);
    return {
      obligations: new Map(obligations.map((o) => [o.id, o])),
      incidents: new Map(incidents.map((i) => [i.id, i])),
      organisations: new Map(organisations.map((o) => [o.id, o])),
      channels: byOrg,
    };
  }
}

export function alertMessage(
  deliveryId: string,
  rung: EscalationEntity,
  obligation: ObligationEntity,
  incident: IncidentEntity,
  organisation: OrganisationEntity,
  now: Date,
): AlertMessage {
  const dueAt = obligation.dueAt as Date;
  return {
    deliveryId,
    escalationId: rung.id,
    incident: { id: incident.id, reference: incident.reference, title: incident.title },
    organisation: { id: organisation.id, legalName: organisation.legalName, timeZone: organisation.timeZone },
    obligation: { id: obligation.id, kind: obligation.kind, label: obligation.label, recipient: obligation.recipient, dueAt: dueAt.toISOString() },
    rung: { offsetMinutes: rung.offsetMinutes, label: rungLabel(rung.offsetMinutes), late: rung.late },
    timeLeftMs: dueAt.getTime() - now.getTime(),
    firedAt: now.toISOString(),
  };
}
