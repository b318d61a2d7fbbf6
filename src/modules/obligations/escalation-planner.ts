import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { OrganisationEntity } from '../organisations/organisation.entity.js';
import { DEFAULT_LADDER, type Ladder, planRungs } from './domain/ladder.js';
import { EscalationEntity } from './escalation.entity.js';
import type { ObligationEntity } from './obligation.entity.js';

export function ladderOf(organisation: OrganisationEntity): Ladder {
  return (organisation.escalationLadder as Ladder | null) ?? DEFAULT_LADDER;
}

/** Keeps an obligation's planned rungs in line with its deadline and the organisation's ladder. */
@Injectable()
export class EscalationPlanner {
  /** `noRungsYet`: the obligation was created in this transaction, so it has no rungs to read or cancel. */
  async sync(manager: EntityManager, obligation: ObligationEntity, organisation: OrganisationEntity, now: Date, options: { replan: boolean; noRungsYet?: boolean }): Promise<void> {
    const { replan, noRungsYet = false } = options;
    if (obligation.status !== 'open' || obligation.dueAt === null) {
      if (!noRungsYet) await this.cancelPending(manager, obligation.id);
      return;
    }
    const dueAt = obligation.dueAt;
    const rungs = noRungsYet ? [] : await manager.find(EscalationEntity, { where: { obligationId: obligation.id, state: In(['pending', 'fired']) } });
    const pending = rungs.filter((r) => r.state === 'pending');
    const plannedForThisDeadline = pending.every((r) => r.dueAt.getTime() === dueAt.getTime() - r.offsetMinutes * 60_000);
    if (!replan && rungs.length > 0 && plannedForThisDeadline) return;

    if (!noRungsYet) await this.cancelPending(manager, obligation.id);
    // Each rung fires once per obligation: one that already fired is not planned again.
    const fired = new Set(rungs.filter((r) => r.state === 'fired').map((r) => r.offsetMinutes));
    const plan = planRungs(dueAt, ladderOf(organisation), now).filter((p) => !fired.has(p.offsetMinutes));
    if (plan.length === 0) return;
    await manager.insert(
      EscalationEntity,
      plan.map((p) => ({
        obligationId: obligation.id,
        incidentId: obligation.incidentId,
        organisationId: obligation.organisationId,
        offsetMinutes: p.offsetMinutes,
        dueAt: p.dueAt,
        state: p.state,
        late: p.late,
      })),
    );
  }

  async cancelPending(manager: EntityManager, obligationId: string): Promise<void> {
    await manager.update(EscalationEntity, { obligationId, state: 'pending' }, { state: 'cancelled' });
  }
}
