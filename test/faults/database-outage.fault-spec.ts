import pg from 'pg';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { call, duration, type Exchange, expectStatus, runLoad } from './support/http.js';
import { checkIncidents, reconcileCreations, referenceGaps } from './support/integrity.js';
import { type FaultService, hoursAgo, launchService, listProcesses, logOf, newAdminToken, type OwnDatabase, sleep, startOwnDatabase, waitUntil } from './support/service.js';

/**
 * Issue 8, fault 1: the service's PostgreSQL stops for 10 s while 8 clients create and list
 * incidents, then starts again on the same data directory and port. The service is not
 * restarted.
 */
const CLIENTS = 8;
const OUTAGE_MS = 10_000;
/** While the database is down, every answer comes within this (connectionTimeoutMillis is 5 s). */
const ANSWER_WITHIN_MS = 5_000;
const RECOVERY_WITHIN_MS = 15_000;

const brief = (e: Exchange) => ({ op: e.op, status: e.status, ms: duration(e), body: e.body, error: e.error });

describe('PostgreSQL stopped for 10 s under load', () => {
  let db: OwnDatabase | undefined;
  let service: FaultService | undefined;
  afterAll(async () => {
    // Only after a failure midway: the test cleans up after itself.
    await service?.kill();
    await db?.destroy();
  });

  it('answers 503 DATABASE.UNAVAILABLE within 5 s while it is down, recovers by itself, and leaves no half-written incident', async () => {
    db = await startOwnDatabase('outage');
    const token = newAdminToken();
    service = await launchService(db.url, token, { SCHEDULER_TICK_MS: '500' });
    const { base } = service;
    const orgId = expectStatus(await call(base, token, 'POST', '/api/organisations', 'organisation', { body: organisationBody() }), 201).body.id as string;

    const load = runLoad(CLIENTS, async (client, i) => [
      await call(base, token, 'POST', '/api/incidents', 'create', {
        body: incidentBody(orgId, { title: `Outage load ${client}/${i}`, occurredAt: hoursAgo(3), detectedAt: hoursAgo(2), awareAt: hoursAgo(1) }),
      }),
      await call(base, token, 'GET', `/api/incidents?organisationId=${orgId}&limit=20`, 'list'),
    ]);
    let exchanges: Exchange[];
    let [stopping, down, restarting, up] = [0, 0, 0, 0];
    let healthDown: Exchange | undefined;
    let logWhileDown: string | undefined;
    try {
      await sleep(2000);
      stopping = Date.now();
      await db.stop();
      down = Date.now();
      const logAtDown = service.output().length;
      await sleep(1000);
      healthDown = await call(base, token, 'GET', '/api/health', 'health');
      await sleep(Math.max(0, stopping + OUTAGE_MS - Date.now()));
      restarting = Date.now();
      logWhileDown = service.output().slice(logAtDown);
      await db.restart();
      up = Date.now();
      // Recovery without restarting the service: both kinds of request succeed again.
      const succeededSinceRestart = (op: string, status: number) => load.exchanges.some((e) => e.op === op && e.startedAt >= up && e.status === status);
      await waitUntil(() => succeededSinceRestart('create', 201) && succeededSinceRestart('list', 200), RECOVERY_WITHIN_MS, 'a create and a list to succeed after the restart');
      await sleep(1000);
    } finally {
      exchanges = await load.stop();
    }
    const healthUp = await call(base, token, 'GET', '/api/health', 'health');
    const verify = await call(base, token, 'GET', '/api/audit/verify', 'audit verify');
    const output = service.output();

    const phaseOf = (e: Exchange) =>
      `started ${e.startedAt - stopping} ms after the stop began (stopped at ${down - stopping}, restart at ${restarting - stopping}, up at ${up - stopping}), ended at ${e.endedAt - stopping}`;
    const explain = (e: Exchange) => ({ ...brief(e), phase: phaseOf(e), log: logOf(output, e.requestId) });

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let rows;
    let listenerBack = true;
    try {
      rows = await checkIncidents(client, orgId);
      // The auth cache's LISTEN connection comes back too (the cache is off while it is away).
      await waitUntil(async () => (await client.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'breach-clock auth-cache'`)).rowCount === 1, 5_000, 'the auth cache listener').catch(() => {
        listenerBack = false;
      });
    } finally {
      await client.end();
    }
    const creates = exchanges.filter((e) => e.op === 'create');
    const outcome = reconcileCreations(rows, creates);
    const whileDown = exchanges.filter((e) => e.startedAt >= down && e.startedAt < restarting);
    console.log(
      `database outage: ${exchanges.length} requests (${creates.length} creates: ${outcome.acknowledged} x 201, ${creates.filter((e) => e.status === 503).length} x 503, ` +
        `${exchanges.filter((e) => e.status === 500).length} x 500 in all, ${outcome.unanswered} unanswered), ` +
        `${whileDown.length} while down (slowest ${Math.max(...whileDown.map(duration))} ms), stop took ${down - stopping} ms, restart ${up - restarting} ms, ` +
        `recovered ${Math.min(...exchanges.filter((e) => e.startedAt >= up && e.status === 201).map((e) => e.endedAt)) - up} ms after the restart; ${rows.length} incidents ` +
        `(${outcome.incomplete.length} incomplete); the service logged ${((logWhileDown ?? '').length / 1e6).toFixed(1)} MB while down ` +
        `(${(logWhileDown ?? '').split('\n').filter((l) => / ERROR \[HttpError\]/.test(l)).length} HttpError entries with stack traces)`,
    );

    // 1. No half-written incident, and the rows match the answers.
    expect({ lost: outcome.lostAcknowledged, denied: outcome.rowsDeniedByAnswer, fromNowhere: outcome.rowsFromNowhere, incomplete: outcome.incomplete.slice(0, 10) }).toEqual({
      lost: [],
      denied: [],
      fromNowhere: [],
      incomplete: [],
    });
    expect(rows.length).toBeGreaterThanOrEqual(outcome.acknowledged);
    expect(rows.length).toBeLessThanOrEqual(outcome.acknowledged + outcome.unanswered);
    expect(referenceGaps(rows)).toEqual([]);

    // 2. Recovered by itself: same process, healthy, listening again, the audit chain intact.
    expect(service.alive()).toBe(true);
    expect({ status: healthUp.status, database: healthUp.body?.database?.status }).toEqual({ status: 200, database: 'up' });
    expect(listenerBack).toBe(true);
    expect({ status: verify.status, ok: verify.body?.ok }).toEqual({ status: 200, ok: true });

    // 3. While down: every request answered in time, 503 with a clear JSON body.
    expect(whileDown.length).toBeGreaterThan(CLIENTS);
    expect(whileDown.filter((e) => e.status === null || duration(e) > ANSWER_WITHIN_MS).map(explain)).toEqual([]);
    const unclear = whileDown
      .filter((e) => e.endedAt < restarting)
      .filter((e) => !(e.status === 503 && e.body?.code === 'DATABASE.UNAVAILABLE' && typeof e.body?.message === 'string' && /application\/json/.test(e.contentType ?? '')));
    expect(unclear.map(explain)).toEqual([]);
    expect({ status: healthDown?.status, database: healthDown?.body?.database?.status, fast: healthDown !== undefined && duration(healthDown) <= ANSWER_WITHIN_MS }).toEqual({ status: 503, database: 'down', fast: true });

    // 4. At any time, the moment of the stop included: success or 503, never a 500; every request answered.
    expect(exchanges.filter((e) => ![200, 201, 503].includes(e.status as number)).map(explain)).toEqual([]);
    expect(exchanges.filter((e) => e.startedAt < stopping || e.startedAt >= up).filter((e) => e.status === 503).length).toBeLessThanOrEqual(CLIENTS * 2);

    await service.stop();
    await db.destroy();
    expect(listProcesses().filter((p) => p.cmdline.includes(db?.dataDir as string))).toEqual([]);
    service = undefined;
    db = undefined;
  }, 120_000);
});
