import { audited } from '../audit/audit-trail.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull, Not } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { DeliveryEntity } from '../alerts/delivery.entity.js';
import { loadIncident } from '../incidents/incident-loader.js';
import { type ActingContext, appendTimeline } from '../incidents/timeline.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { nextOverdueRung, rungLabel } from './domain/ladder.js';
import { toDeliveryView } from '../alerts/dto/delivery.dto.js';
import type { EscalationList, EscalationView } from './dto/obligation.dto.js';
import { EscalationEntity } from './escalation.entity.js';
import { ladderOf } from './escalation-planner.js';
import { ObligationEntity } from './obligation.entity.js';

@Injectable()
export class EscalationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(incidentId: string): Promise<EscalationList> {
    await loadIncident(this.db.manager, incidentId);
    const rows = await this.db.manager.find(EscalationEntity, { where: { incidentId }, order: { dueAt: 'ASC', offsetMinutes: 'DESC' } });
    const deliveries = rows.length
      ? await this.db.manager.find(DeliveryEntity, { where: { escalationId: In(rows.map((r) => r.id)) }, order: { createdAt: 'ASC' } })
      : [];
    const byEscalation = new Map<string, DeliveryEntity[]>();
    for (const d of deliveries) byEscalation.set(d.escalationId, [...(byEscalation.get(d.escalationId) ?? []), d]);
    return { items: rows.map((r) => toEscalationView(r, byEscalation.get(r.id) ?? [])) };
  }

  /**
   * Someone has seen the alert. Acknowledged overdue reminders back off: the pending
   * reminder is re-planned with the longer interval.
   */
  async acknowledge(incidentId: string, escalationId: string, acting: ActingContext): Promise<EscalationView> {
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const rung = await manager.findOne(EscalationEntity, { where: { id: escalationId, incidentId }, lock: { mode: 'pessimistic_write' } });
      if (!rung) throw DomainError.notFound('ESCALATION.NOT_FOUND', `Escalation ${escalationId} does not exist for incident ${incidentId}`);
      if (rung.state !== 'fired') throw new DomainError('ESCALATION.NOT_FIRED', `This rung is ${rung.state}: only a fired alert can be acknowledged`, 'unprocessable');
      if (rung.acknowledgedAt) throw new DomainError('ESCALATION.ALREADY_ACKNOWLEDGED', `Acknowledged by ${rung.acknowledgedBy} at ${rung.acknowledgedAt.toISOString()}`, 'conflict');
      rung.acknowledgedAt = now;
      rung.acknowledgedBy = acting.actor;
      await manager.save(rung);

      const obligation = await manager.findOneOrFail(ObligationEntity, { where: { id: rung.obligationId } });
      const pendingReminder = await manager.findOne(EscalationEntity, { where: { obligationId: obligation.id, state: 'pending' }, order: { dueAt: 'ASC' } });
      if (obligation.status === 'open' && obligation.dueAt && pendingReminder && pendingReminder.offsetMinutes < 0) {
        const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: obligation.organisationId } });
        const acks = await manager.count(EscalationEntity, { where: { obligationId: obligation.id, acknowledgedAt: Not(IsNull()) } });
        const lastFired = await manager.findOne(EscalationEntity, { where: { obligationId: obligation.id, state: 'fired' }, order: { dueAt: 'DESC' } });
        const next = nextOverdueRung(obligation.dueAt, lastFired?.offsetMinutes ?? 0, ladderOf(organisation), true, acks, now);
        if (next && next.offsetMinutes !== pendingReminder.offsetMinutes) {
          pendingReminder.state = 'cancelled';
          await manager.save(pendingReminder);
          await manager.save(
            manager.create(EscalationEntity, {
              obligationId: obligation.id,
              incidentId,
              organisationId: obligation.organisationId,
              offsetMinutes: next.offsetMinutes,
              dueAt: next.dueAt,
              state: 'pending',
              late: next.late,
            }),
          );
        }
      }
      await appendTimeline(manager, acting, {
        incidentId,
        organisationId: rung.organisationId,
        at: now,
        action: 'escalation_acknowledged',
        summary: `${obligation.label}: alert "${rungLabel(rung.offsetMinutes)}" acknowledged`,
      });
      const deliveries = await manager.find(DeliveryEntity, { where: { escalationId: rung.id } });
      return toEscalationView(rung, deliveries);
    });
  }
}

function toEscalationView(r: EscalationEntity, deliveries: DeliveryEntity[]): EscalationView {
  return {
    id: r.id,
    obligationId: r.obligationId,
    offsetMinutes: r.offsetMinutes,
    label: rungLabel(r.offsetMinutes),
    dueAt: r.dueAt.toISOString(),
    state: r.state,
    late: r.late,
    firedAt: r.firedAt?.toISOString() ?? null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    deliveries: deliveries.map(toDeliveryView),
  };
}
