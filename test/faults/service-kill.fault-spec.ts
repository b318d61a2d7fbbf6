import pg from 'pg';
import { highRiskFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { withScratchDatabase } from '../setup/scratch-database.js';
import { call, type Exchange, expectStatus, runLoad, startSlowReceiver } from './support/http.js';
import { checkIncidents, reconcileCreations, traces } from './support/integrity.js';
import { type FaultService, hoursAgo, launchService, newAdminToken, waitUntil } from './support/service.js';

/**
 * Issue 8, fault 2: SIGKILL in the middle of writes and of alert deliveries, then a new process
 * on the same database. clock-reliability.fault-spec.ts covers planted rungs across three
 * instances; here the rungs come from the writes themselves (incidents recorded 70 h after
 * awareness fire their latest passed rung at once), and the receivers hold their answers so
 * the kill lands while alerts are on the wire.
 *
 * What is asserted about alerts (at-least-once, README § Alert channels):
 * - each rung (obligation, offset) fires at most once, with one `escalation.fired` audit entry;
 * - each fired rung has exactly one delivery per channel, and all end `delivered`;
 * - on the wire, each (rung, channel) pair arrives under exactly one X-Breach-Delivery id, and an
 *   id always carries the same rung to the same channel: a receiver deduplicating by that id
 *   sees every alert exactly once;
 * - an id arrives more than once only if it was being sent (state `sending`) when the process
 *   died: the only repeats allowed are those the lease takes over, and there is at least one
 *   (the kill did land mid-delivery and the alert was sent again, not lost).
 */
const CLIENTS = 6;
const HOLD_MS = 1500;

const brief = (e: Exchange) => ({ op: e.op, status: e.status, body: e.body, error: e.error });

describe('the service killed with SIGKILL mid-write and mid-delivery', () => {
  it('keeps every acknowledged write whole, and fires each rung once with one delivery id per channel', async () => {
    await withScratchDatabase('sigkill', async (url) => {
      const receivers = [await startSlowReceiver('a', HOLD_MS), await startSlowReceiver('b', HOLD_MS)];
      const services: FaultService[] = [];
      const client = new pg.Client({ connectionString: url });
      try {
        const token = newAdminToken();
        const first = await launchService(url, token, { SCHEDULER_TICK_MS: '200' });
        services.push(first);
        await client.connect();
        const orgId = expectStatus(await call(first.base, token, 'POST', '/api/organisations', 'organisation', { body: organisationBody() }), 201).body.id as string;
        for (const [name, r] of [['a', receivers[0]], ['b', receivers[1]]] as const) {
          const body = { type: 'webhook', name, url: r?.url, secret: `fault-test-webhook-secret-${name}` };
          expectStatus(await call(first.base, token, 'POST', `/api/organisations/${orgId}/channels`, 'channel', { body }), 201);
        }

        const load = runLoad(CLIENTS, async (c, i) => {
          const body = incidentBody(orgId, { title: `Kill load ${c}/${i}`, occurredAt: hoursAgo(71), detectedAt: hoursAgo(70.5), awareAt: hoursAgo(70) });
          const created = await call(first.base, token, 'POST', '/api/incidents', 'create', { body });
          if (created.status !== 201) return [created];
          const id = created.body.id as string;
          const patched = await call(first.base, token, 'PATCH', `/api/incidents/${id}`, 'patch', { body: { measuresTaken: `Patched by ${c}/${i}` }, tag: id });
          const assessed = await call(first.base, token, 'POST', `/api/incidents/${id}/assessments`, 'assess', { body: highRiskFacts(), tag: id });
          return [created, patched, assessed];
        });
        let sendingAtKill: string[] = [];
        let exchanges: Exchange[];
        let killedAt = 0;
        try {
          const acknowledged = () => load.exchanges.filter((e) => e.op === 'create' && e.status === 201).length;
          await waitUntil(() => acknowledged() >= 24 && receivers.every((r) => r.received.length > 0) && receivers.some((r) => r.held() > 0), 30_000, 'writes acknowledged and alerts on the wire', 20);
          await first.kill();
          killedAt = Date.now();
          sendingAtKill = (await client.query(`SELECT id FROM deliveries WHERE state = 'sending'`)).rows.map((r) => r.id as string);
        } finally {
          exchanges = await load.stop();
        }

        const second = await launchService(url, token, { SCHEDULER_TICK_MS: '200' });
        services.push(second);
        // The lease of the dead process's claims runs out after 30 s; then they are sent again.
        await waitUntil(
          async () => {
            const { rows } = await client.query(
              `SELECT (SELECT count(*)::int FROM deliveries WHERE state <> 'delivered') AS open, (SELECT count(*)::int FROM escalations WHERE state = 'pending' AND due_at <= now()) AS due`,
            );
            return rows[0].open === 0 && rows[0].due === 0 && receivers.every((r) => r.held() === 0);
          },
          75_000,
          'every due rung fired and every delivery delivered after the restart',
          250,
        );

        // 1. Acknowledged writes: there and whole. Unacknowledged ones: all or nothing.
        const rows = await checkIncidents(client, orgId);
        const creates = exchanges.filter((e) => e.op === 'create');
        const outcome = reconcileCreations(rows, creates);
        expect({ lost: outcome.lostAcknowledged, denied: outcome.rowsDeniedByAnswer, fromNowhere: outcome.rowsFromNowhere, incomplete: outcome.incomplete.slice(0, 10) }).toEqual({
          lost: [],
          denied: [],
          fromNowhere: [],
          incomplete: [],
        });
        expect(rows.length).toBeLessThanOrEqual(outcome.acknowledged + outcome.unanswered);

        const followUps = exchanges.filter((e) => e.op !== 'create');
        const traced = await traces(client, followUps.map((e) => e.requestId));
        const incidents = new Map(
          (await client.query(`SELECT id, title, measures_taken FROM incidents WHERE organisation_id = $1`, [orgId])).rows.map((r) => [
            r.id as string,
            r.measures_taken === `Patched by ${String(r.title).replace('Kill load ', '')}`,
          ]),
        );
        const assessments = new Map((await client.query(`SELECT id, request_id FROM assessments WHERE organisation_id = $1`, [orgId])).rows.map((r) => [r.request_id as string, r.id as string]));
        const wrong = followUps.flatMap((e) => {
          const t = traced.get(e.requestId) ?? { timeline: [], audit: [] };
          const [action, stored] = e.op === 'patch' ? ['updated', incidents.get(e.tag as string) === true] : ['assessed', assessments.has(e.requestId)];
          const written = { timeline: t.timeline.includes(action), audit: t.audit.includes(`incident.${action}`) };
          const acknowledged = e.status !== null && e.status >= 200 && e.status < 300;
          const problems: string[] = [];
          if (acknowledged && !(written.timeline && written.audit && (e.op === 'assess' ? assessments.get(e.requestId) === e.body.id : stored))) problems.push('acknowledged but not (wholly) written');
          if (e.status !== null && !acknowledged && (written.timeline || written.audit)) problems.push('refused but written');
          if (written.timeline !== written.audit) problems.push('half written');
          return problems.length > 0 ? [{ ...brief(e), problems, written }] : [];
        });
        expect(wrong).toEqual([]);
        expect(exchanges.filter((e) => e.status !== null && e.status >= 400).map(brief)).toEqual([]);

        // 2. Alerts: each rung fired once, one delivery per channel, one id per (rung, channel).
        const fired = (await client.query(`SELECT id, obligation_id, offset_minutes FROM escalations WHERE organisation_id = $1 AND state = 'fired'`, [orgId])).rows;
        expect(fired.length).toBeGreaterThan(0);
        const firedTwice = (
          await client.query(`SELECT obligation_id, offset_minutes, count(*)::int AS n FROM escalations WHERE organisation_id = $1 AND state = 'fired' GROUP BY 1, 2 HAVING count(*) > 1`, [orgId])
        ).rows;
        expect(firedTwice).toEqual([]);
        const auditedFirings = (
          await client.query(`SELECT entity_id, count(*)::int AS n FROM audit_entries WHERE organisation_id = $1 AND action = 'escalation.fired' GROUP BY 1`, [orgId])
        ).rows;
        expect(auditedFirings.filter((r) => r.n !== 1)).toEqual([]);
        expect(new Set(auditedFirings.map((r) => r.entity_id))).toEqual(new Set(fired.map((r) => r.id)));

        const deliveries = (
          await client.query(`SELECT d.id, d.escalation_id, c.name AS channel, d.state FROM deliveries d JOIN alert_channels c ON c.id = d.channel_id WHERE d.organisation_id = $1`, [orgId])
        ).rows as Array<{ id: string; escalation_id: string; channel: string; state: string }>;
        expect(deliveries.filter((d) => d.state !== 'delivered')).toEqual([]);
        const channelsOf = new Map<string, string[]>();
        for (const d of deliveries) channelsOf.set(d.escalation_id, [...(channelsOf.get(d.escalation_id) ?? []), d.channel].sort());
        expect(fired.filter((r) => channelsOf.get(r.id)?.join() !== 'a,b').map((r) => ({ escalation: r.id, channels: channelsOf.get(r.id) }))).toEqual([]);
        expect(deliveries.length).toBe(fired.length * 2);

        const received = receivers.flatMap((r) => r.received);
        const byId = new Map(deliveries.map((d) => [d.id, d]));
        expect(received.filter((r) => byId.get(r.deliveryId)?.escalation_id !== r.escalationId || byId.get(r.deliveryId)?.channel !== r.channel)).toEqual([]);
        const receivedIds = new Set(received.map((r) => r.deliveryId));
        expect(deliveries.filter((d) => !receivedIds.has(d.id)).map((d) => d.id)).toEqual([]);
        const idsPerPair = new Map<string, Set<string>>();
        for (const r of received) idsPerPair.set(`${r.escalationId}/${r.channel}`, (idsPerPair.get(`${r.escalationId}/${r.channel}`) ?? new Set()).add(r.deliveryId));
        expect([...idsPerPair].filter(([, ids]) => ids.size !== 1).map(([pair, ids]) => ({ pair, ids: [...ids] }))).toEqual([]);
        const counts = new Map<string, number>();
        for (const r of received) counts.set(r.deliveryId, (counts.get(r.deliveryId) ?? 0) + 1);
        const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
        expect(sendingAtKill.length).toBeGreaterThan(0);
        expect(repeated.filter((id) => !sendingAtKill.includes(id))).toEqual([]);
        expect(repeated.length).toBeGreaterThan(0);

        const verify = await call(second.base, token, 'GET', '/api/audit/verify', 'audit verify');
        expect({ status: verify.status, ok: verify.body?.ok }).toEqual({ status: 200, ok: true });

        const cutOff = exchanges.filter((e) => e.status === null && e.startedAt < killedAt);
        console.log(
          `SIGKILL: ${creates.length} creates (${outcome.acknowledged} x 201), ${followUps.length} patches and assessments, ${cutOff.length} requests cut off by the kill ` +
            `(${outcome.rowsOfUnanswered} of their incidents committed, all whole); ${fired.length} rungs fired once each, ${deliveries.length} deliveries, ` +
            `${sendingAtKill.length} on the wire at the kill, ${repeated.length} sent again under the same id after the lease`,
        );
      } finally {
        for (const s of services) await s.stop();
        await client.end();
        for (const r of receivers) await r.close();
      }
    });
  }, 150_000);
});
