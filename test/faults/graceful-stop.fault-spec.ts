import pg from 'pg';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { withScratchDatabase } from '../setup/scratch-database.js';
import { call, type Exchange, expectStatus, runLoad } from './support/http.js';
import { checkIncidents, reconcileCreations } from './support/integrity.js';
import { hoursAgo, launchService, newAdminToken, waitUntil } from './support/service.js';

/**
 * SIGTERM (what systemd, Docker and Kubernetes send) in the middle of writes, with the clock
 * running: the service stops taking requests (503, or the connection refused once it stops
 * listening), lets the ones it took finish against a pool that is still open, and exits 0.
 * No request meets a closed pool (a 500), and every 201 is stored whole.
 */
const CLIENTS = 12;
const brief = (e: Exchange) => ({ op: e.op, status: e.status, body: e.body, error: e.error });

describe('the service stopped with SIGTERM under load', () => {
  it.each([
    ['one process', '1'],
    ['two HTTP workers', '2'],
  ])('%s: finishes what it took, answers the rest 503 or not at all, exits 0, loses nothing', async (_label, workers) => {
    await withScratchDatabase(`sigterm_${workers}`, async (url) => {
      const client = new pg.Client({ connectionString: url });
      const token = newAdminToken();
      const service = await launchService(url, token, { SCHEDULER_TICK_MS: '200', HTTP_WORKERS: workers });
      try {
        await client.connect();
        const orgId = expectStatus(await call(service.base, token, 'POST', '/api/organisations', 'organisation', { body: organisationBody() }), 201).body.id as string;
        const load = runLoad(
          CLIENTS,
          async (c, i) => {
            // Aware 70 h ago: each creation has a rung due at once, so the clock is firing too.
            const body = incidentBody(orgId, { title: `Stop load ${c}/${i}`, occurredAt: hoursAgo(71), detectedAt: hoursAgo(70.5), awareAt: hoursAgo(70) });
            const created = await call(service.base, token, 'POST', '/api/incidents', 'create', { body, timeoutMs: 10_000 });
            if (created.status !== 201) return [created];
            return [created, await call(service.base, token, 'PATCH', `/api/incidents/${created.body.id as string}`, 'patch', { body: { measuresTaken: 'Contained' }, timeoutMs: 10_000 })];
          },
          2,
        );
        let exchanges: Exchange[];
        let stopMs = 0;
        try {
          await waitUntil(() => load.exchanges.filter((e) => e.op === 'create' && e.status === 201).length >= 40, 30_000, '40 creations acknowledged', 20);
          const started = Date.now();
          await service.stop(20_000);
          stopMs = Date.now() - started;
        } finally {
          exchanges = await load.stop();
        }

        expect(service.child.signalCode).toBeNull(); // not the SIGKILL of stop()'s grace period
        expect(service.child.exitCode).toBe(0);
        expect(stopMs).toBeLessThan(20_000);
        // Answers: done (201/200), or refused while stopping (503); no answer only once it stopped listening.
        expect(exchanges.filter((e) => e.status !== null && ![200, 201, 503].includes(e.status)).map(brief)).toEqual([]);
        const refused = exchanges.filter((e) => e.status === 503);
        for (const e of refused) expect(e.body).toEqual(expect.objectContaining({ statusCode: 503 }));
        expect(exchanges.filter((e) => e.status === null && !/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|other side closed/.test(e.error ?? '')).map(brief)).toEqual([]);
        expect(service.output()).not.toMatch(/Connection terminated|Cannot use a pool after calling end|QueryFailedError|Internal server error/i);

        const rows = await checkIncidents(client, orgId);
        const outcome = reconcileCreations(
          rows,
          exchanges.filter((e) => e.op === 'create'),
        );
        expect({ lost: outcome.lostAcknowledged, denied: outcome.rowsDeniedByAnswer, fromNowhere: outcome.rowsFromNowhere, incomplete: outcome.incomplete.slice(0, 10) }).toEqual({
          lost: [],
          denied: [],
          fromNowhere: [],
          incomplete: [],
        });
        // A creation the service committed was answered: none was cut off between commit and 201.
        expect(outcome.rowsOfUnanswered).toBe(0);
        expect(outcome.acknowledged).toBeGreaterThanOrEqual(40);
        // Each rung fired at most once, whatever was in flight when the signal came.
        const twice = await client.query(
          `SELECT obligation_id, offset_minutes FROM escalations WHERE organisation_id = $1 AND state = 'fired' GROUP BY 1, 2 HAVING count(*) > 1`,
          [orgId],
        );
        expect(twice.rows).toEqual([]);
      } finally {
        await service.stop(5_000);
        await client.end();
      }
    });
  });
});
