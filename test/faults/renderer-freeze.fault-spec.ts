import pg from 'pg';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { withScratchDatabase } from '../setup/scratch-database.js';
import { call, duration, type Exchange, expectStatus } from './support/http.js';
import { traces } from './support/integrity.js';
import { CHROMIUM, chromiumOf, noticeReadyIncidents, renderNotice } from './support/notices.js';
import { type FaultService, isAlive, launchService, newAdminToken, hoursAgo, sleep, waitUntil } from './support/service.js';

/**
 * Chromium frozen (SIGSTOP on the whole browser tree: it neither prints nor dies) while more
 * notices are asked for than the service has database connections. Prints hold no connection
 * and no lock, so every other request is answered while they wait; each print then fails with
 * 503 once PDF_RENDER_TIMEOUT_MS has passed, the wedged browser is killed, and the next notice
 * is printed by a new one.
 */
const POOL_SIZE = 2;
const RENDER_TIMEOUT_MS = 5_000;
const NOTICES = 6;
const brief = (e: Exchange) => ({ op: e.op, status: e.status, ms: duration(e), body: e.body, error: e.error });

describe('Chromium frozen mid-render', () => {
  it('keeps every other request answered while notices wait on it, fails them with 503 after the render timeout, and prints the next one with a new browser', async () => {
    await withScratchDatabase('chromium_freeze', async (url) => {
      const token = newAdminToken();
      let service: FaultService | undefined;
      let frozen: number[] = [];
      try {
        service = await launchService(url, token, {
          CHROMIUM_PATH: CHROMIUM,
          SCHEDULER_ENABLED: 'false',
          DATABASE_POOL_SIZE: String(POOL_SIZE),
          PDF_RENDER_TIMEOUT_MS: String(RENDER_TIMEOUT_MS),
        });
        const { base } = service;
        const orgId = expectStatus(await call(base, token, 'POST', '/api/organisations', 'organisation', { body: organisationBody() }), 201).body.id as string;
        const incidents = await noticeReadyIncidents(base, token, orgId, NOTICES);
        const render = (incident: string) => renderNotice(base, token, incident);

        // The first notice launches the browser.
        expectStatus(await render(incidents[0] as string), 201);
        const before = await call(base, token, 'GET', '/api/health', 'health');
        const browserPid = before.body.browser.pid as number;
        frozen = chromiumOf(service);
        expect(frozen).toContain(browserPid);
        for (const pid of frozen) process.kill(pid, 'SIGSTOP');
        const frozenAt = Date.now();

        const renders = incidents.map((incident) => render(incident));
        // Let the notices reach the printer (their facts read, the pages asked for).
        await sleep(500);
        const during: Exchange[] = [];
        during.push(await call(base, token, 'GET', `/api/incidents/${incidents[0]}`, 'get incident'));
        during.push(await call(base, token, 'PATCH', `/api/incidents/${incidents[0]}`, 'edit an incident whose notice waits', { body: { measuresTaken: 'Session closed; passwords reset.' } }));
        during.push(await call(base, token, 'GET', `/api/incidents?organisationId=${orgId}&limit=10`, 'list'));
        during.push(await call(base, token, 'POST', '/api/incidents', 'create', { body: incidentBody(orgId, { occurredAt: hoursAgo(3), detectedAt: hoursAgo(2), awareAt: hoursAgo(1) }) }));
        during.push(await call(base, token, 'GET', '/api/health', 'health'));
        const answered = await Promise.all(renders);
        const firstRenderAnswer = Math.min(...answered.map((e) => e.endedAt));

        // Everything else was answered, and before any notice was: none of it waited on the printer.
        expect(during.filter((e) => e.status === null || e.status >= 300).map(brief)).toEqual([]);
        expect(during.filter((e) => e.endedAt >= firstRenderAnswer).map(brief)).toEqual([]);
        // Each notice failed with a clear 503 (none hung, none 500), none before its render timeout.
        expect(answered.filter((e) => !(e.status === 503 && e.body?.code === 'DOCUMENT.RENDERER_UNAVAILABLE' && typeof e.body?.message === 'string')).map(brief)).toEqual([]);
        expect(firstRenderAnswer - frozenAt).toBeGreaterThanOrEqual(RENDER_TIMEOUT_MS);

        // The wedged browser was killed; the next notice is printed by a new one, from the edited facts.
        await waitUntil(() => !isAlive(browserPid), 30_000, 'the frozen browser to be killed');
        const next = expectStatus(await render(incidents[0] as string), 201);
        expect(next.body.version).toBe(2);
        expect(next.body.payload.measuresTaken).toEqual({ provided: true, value: 'Session closed; passwords reset.' });
        const after = await call(base, token, 'GET', '/api/health', 'health');
        expect(after.body.browser).toMatchObject({ status: 'running' });
        expect(after.body.browser.pid).not.toBe(browserPid);

        // The failed notices stored nothing and wrote nothing to the timeline or the audit trail.
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const docs = (await client.query(`SELECT incident_id, version FROM documents WHERE organisation_id = $1 ORDER BY incident_id, version`, [orgId])).rows;
          expect(docs).toEqual([
            { incident_id: incidents[0], version: 1 },
            { incident_id: incidents[0], version: 2 },
          ]);
          const leftBehind = [...(await traces(client, answered.map((e) => e.requestId)))].filter(([, t]) => t.timeline.length + t.audit.length > 0);
          expect(leftBehind).toEqual([]);
        } finally {
          await client.end();
        }
        console.log(
          `Chromium frozen: ${during.length} other requests answered in ${Math.max(...during.map(duration))} ms at most while ${NOTICES} notices waited; ` +
            `the notices answered 503 ${firstRenderAnswer - frozenAt}-${Math.max(...answered.map((e) => e.endedAt)) - frozenAt} ms after the freeze; ` +
            `browser ${browserPid} -> ${after.body.browser.pid}; the 503 says: ${answered[0]?.body.message}`,
        );
      } finally {
        for (const pid of frozen) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
        await service?.stop();
      }
    });
  }, 150_000);
});
