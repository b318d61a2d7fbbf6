import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { insertEntities } from '../../database/insert-entities.js';
import type { OrganisationEntity } from '../organisations/organisation.entity.js';
import { DEFAULT_LADDER, type Ladder, planRungs } from './domain/ladder.js';
import { EscalationEntity } from './escalation.entity.js';
import type { ObligationEntity } from './obligation.entity.js';

export function ladderOf(organisation: Pick<OrganisationEntity, 'escalationLadder'>): Ladder {
  return (organisation.escalationLadder as Ladder | null) ?? DEFAULT_LADDER;
}

/**
 * The rungs to plan for an obligation from its deadline and the organisation's ladder, leaving
 * out offsets that already fired; none unless it is open with a deadline.
 */
export function rungsFor(obligation: ObligationEntity, organisation: Pick<OrganisationEntity, 'escalationLadder'>, now: Date, fired: ReadonlySet<number> = new Set()): Array<Partial<EscalationEntity>> {
  if (obligation.status !== 'open' || obligation.dueAt === null) return [];
  return planRungs(obligation.dueAt, ladderOf(organisation), now)
    .filter((p) => !fired.has(p.offsetMinutes))
    .map((p) => ({
      obligationId: obligation.id,
      incidentId: obligation.incidentId,
      organisationId: obligation.organisationId,
      offsetMinutes: p.offsetMinutes,
      dueAt: p.dueAt,
      state: p.state,
      late: p.late,
    }));
}

/** Keeps an obligation's planned rungs in line with its deadline and the organisation's ladder. */
@Injectable()
export class EscalationPlanner {
  async sync(manager: EntityManager, obligation: ObligationEntity, organisation: OrganisationEntity, now: Date, options: { replan: boolean }): Promise<void> {
    if (obligation.status !== 'open' || obligation.dueAt === null) {
      await this.cancelPending(manager, obligation.id);
      return;
    }
    const dueAt = obligation.dueAt;
    const rungs = await manager.find(EscalationEntity, { where: { obligationId: obligation.id, state: In(['pending', 'fired']) } });
    const pending = rungs.filter((r) => r.state === 'pending');
    const plannedForThisDeadline = pending.every((r) => r.dueAt.getTime() === dueAt.getTime() - r.offsetMinutes * 60_000);
    if (!options.replan && rungs.length > 0 && plannedForThisDeadline) return;

    await this.cancelPending(manager, obligation.id);
    // Each rung fires once per obligation: one that already fired is not planned again.
    const fired = new Set(rungs.filter((r) => r.state === 'fired').map((r) => r.offsetMinutes));
    await insertEntities(manager, EscalationEntity, rungsFor(obligation, organisation, now, fired));
  }

  async cancelPending(manager: EntityManager, obligationId: string): Promise<void> {
    await manager.update(EscalationEntity, { obligationId, state: 'pending' }, { state: 'cancelled' });
  }
}
