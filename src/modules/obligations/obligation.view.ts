import { formatLocal } from './domain/calendar.js';
import type { ObligationView } from './dto/obligation.dto.js';
import type { ObligationEntity } from './obligation.entity.js';

export function toObligationView(o: ObligationEntity, timeZone: string, now: Date): ObligationView {
  return {
    id: o.id,
    incidentId: o.incidentId,
    kind: o.kind,
    regime: o.regime,
    recipient: o.recipient,
    label: o.label,
    status: o.status,
    required: o.required,
    anchor: o.anchor as unknown as Record<string, unknown>,
    anchorAt: o.anchorAt?.toISOString() ?? null,
    deadline: o.dueAt ? { utc: o.dueAt.toISOString(), local: formatLocal(o.dueAt, timeZone), timeZone } : null,
    timeLeftMs: o.dueAt && o.status === 'open' ? o.dueAt.getTime() - now.getTime() : null,
    reasons: o.reasons,
    ruleId: o.ruleId,
    rulesVersion: o.rulesVersion,
    submittedAt: o.submittedAt?.toISOString() ?? null,
    reference: o.reference,
    delayReasons: o.delayReasons,
    onTime: o.onTime,
    filedBy: o.filedBy,
    waivedReason: o.waivedReason,
    waivedBy: o.waivedBy,
  };
}
