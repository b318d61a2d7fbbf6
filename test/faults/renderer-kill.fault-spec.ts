import pg from 'pg';
import { organisationBody } from '../factories/organisation.factory.js';
import { withScratchDatabase } from '../setup/scratch-database.js';
import { call, duration, type Exchange, expectStatus, runLoad } from './support/http.js';
import { traces } from './support/integrity.js';
import { CHROMIUM, chromiumOf, noticeReadyIncidents, renderNotice } from './support/notices.js';
import { type FaultService, isAlive, launchService, newAdminToken, waitUntil } from './support/service.js';

/**
 * Issue 8, fault 3: Chromium (the browser process /api/health reports) is SIGKILLed while
 * several notices are being rendered. Six clients render authority notifications, each for an
 * incident of its own (the same notice of one incident is printed one at a time), so both
 * pages of the pool are always busy and the kill lands mid-render.
 */
const CLIENTS = 6;
/** A render whose browser died is answered within this of the kill, not after the 30 s render timeout. */
const FAIL_WITHIN_MS = 5_000;
const brief = (e: Exchange) => ({ status: e.status, ms: duration(e), body: e.body, error: e.error });

describe('Chromium killed mid-render', () => {
  it('fails the renders in flight with 503 DOCUMENT.RENDERER_UNAVAILABLE at once, relaunches, and stores no document for them', async () => {
    await withScratchDatabase('chromium', async (url) => {
      const token = newAdminToken();
      let service: FaultService | undefined;
      const chromiumSeen = new Set<number>();
      const see = (pids: number[]) => pids.forEach((pid) => chromiumSeen.add(pid));
      const orphans: number[] = [];
      try {
        service = await launchService(url, token, { CHROMIUM_PATH: CHROMIUM, SCHEDULER_ENABLED: 'false' });
        const { base } = service;
        const orgId = expectStatus(await call(base, token, 'POST', '/api/organisations', 'organisation', { body: organisationBody() }), 201).body.id as string;
        const incidents = await noticeReadyIncidents(base, token, orgId, CLIENTS);
        const render = (incident: string) => renderNotice(base, token, incident);

        // The first notice launches the browser; /api/health then names its process.
        const warmUp = expectStatus(await render(incidents[0] as string), 201);
        const before = await call(base, token, 'GET', '/api/health', 'health');
        expect(before.body.browser.status).toBe('running');
        const browserPid = before.body.browser.pid as number;
        see(chromiumOf(service));
        expect([...chromiumSeen]).toContain(browserPid);

        const load = runLoad(CLIENTS, async (c) => [await render(incidents[c] as string)], 0);
        let exchanges: Exchange[];
        let killedAt = 0;
        let oldTree: number[] = [];
        try {
          await waitUntil(() => load.exchanges.filter((e) => e.status === 201).length >= CLIENTS, 60_000, 'renders flowing');
          oldTree = chromiumOf(service);
          see(oldTree);
          process.kill(browserPid, 'SIGKILL');
          killedAt = Date.now();
          await waitUntil(() => load.exchanges.filter((e) => e.startedAt > killedAt && e.status === 201).length >= CLIENTS, 60_000, 'renders succeeding after the kill');
        } finally {
          exchanges = await load.stop();
        }
        // The next request on its own succeeds, on a new browser.
        const next = await render(incidents[0] as string);
        const after = await call(base, token, 'GET', '/api/health', 'health');
        see(chromiumOf(service));

        expect(exchanges.filter((e) => e.status !== 201 && !(e.status === 503 && e.body?.code === 'DOCUMENT.RENDERER_UNAVAILABLE' && typeof e.body?.message === 'string')).map(brief)).toEqual([]);
        const failed = exchanges.filter((e) => e.status === 503);
        expect(failed.length).toBeGreaterThan(0); // the kill did land mid-render
        expect(failed.filter((e) => e.endedAt - killedAt > FAIL_WITHIN_MS || e.endedAt < killedAt).map(brief)).toEqual([]);
        // Once the failures are out, every render succeeds: no poisoned page or queue stays behind.
        const lastFailure = Math.max(...failed.map((e) => e.endedAt));
        expect(exchanges.filter((e) => e.startedAt > lastFailure && e.status !== 201).map(brief)).toEqual([]);
        expect(brief(next).status).toBe(201);
        expect(after.body.browser.status).toBe('running');
        expect(after.body.browser.pid).not.toBe(browserPid);
        expect(isAlive(browserPid)).toBe(false);
        // Nothing of the killed browser lingers (its renderers and zygotes went with it).
        await waitUntil(() => oldTree.every((pid) => !isAlive(pid) || chromiumOf(service as FaultService).includes(pid)), 10_000, 'the killed browser’s processes to go');
        expect(oldTree.filter((pid) => isAlive(pid))).toEqual([]);

        // A failed render stored nothing: one document per 201, versions without gaps.
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const succeeded = [warmUp, ...exchanges.filter((e) => e.status === 201), next];
          const docs = (await client.query(`SELECT incident_id, version FROM documents WHERE organisation_id = $1 ORDER BY incident_id, version`, [orgId])).rows;
          expect(docs.length).toBe(succeeded.length);
          const versions = new Map<string, number[]>();
          for (const d of docs) versions.set(d.incident_id, [...(versions.get(d.incident_id) ?? []), d.version]);
          expect([...versions.values()].filter((v) => v.some((n, i) => n !== i + 1))).toEqual([]);
          const leftBehind = [...(await traces(client, failed.map((e) => e.requestId)))].filter(([, t]) => t.timeline.length + t.audit.length > 0);
          expect(leftBehind).toEqual([]);
        } finally {
          await client.end();
        }
        console.log(
          `Chromium kill: ${exchanges.length} renders under load (${failed.length} x 503 answered ${Math.max(...failed.map((e) => e.endedAt - killedAt))} ms after the kill at most), ` +
            `warm-up ${duration(warmUp)} ms, browser ${browserPid} -> ${after.body.browser.pid}, next render ${duration(next)} ms; the 503 says: ${failed[0]?.body.message}`,
        );
      } finally {
        await service?.stop();
        // No orphan Chromium once the service is gone.
        await waitUntil(() => [...chromiumSeen].every((pid) => !isAlive(pid)), 10_000, 'Chromium to exit with the service').catch(() => undefined);
        orphans.push(...[...chromiumSeen].filter((pid) => isAlive(pid)));
        for (const pid of orphans) process.kill(pid, 'SIGKILL');
      }
      expect(orphans).toEqual([]);
    });
  }, 150_000);
});
