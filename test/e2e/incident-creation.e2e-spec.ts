/**
 * Incident creation commits concurrent requests together (group commit). Whatever a group
 * holds, each request must get exactly what it would have got alone: its own answer, its own
 * gap-free reference, its obligations, rungs, timeline and audit entries, and a refusal that
 * concerns it alone must not touch the others.
 */
import { randomUUID } from 'node:crypto';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('incident creation in groups', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const newOrganisation = async (overrides = {}) => (await t.http.post('/api/organisations').send(organisationBody(overrides)).expect(201)).body.id as string;
  const references = (rows: Array<{ reference: string }>) => rows.map((r) => r.reference).sort();
  /** The audit chains of these organisations verify (other suites break chains of their own on purpose). */
  const expectChainsIntact = async (organisations: string[]) => {
    const report = (await t.http.get('/api/audit/verify').expect(200)).body as { chains: Array<{ organisationId: string | null; ok: boolean; checked: number }> };
    const ours = report.chains.filter((chain) => organisations.includes(chain.organisationId ?? ''));
    expect(ours.map((chain) => chain.organisationId).sort()).toEqual([...organisations].sort());
    for (const chain of ours) expect(chain).toMatchObject({ ok: true });
    expect(ours.every((chain) => chain.checked > 1)).toBe(true);
  };
  const sequence = (n: number) => Array.from({ length: n }, (_, i) => `BR-2026-${String(i + 1).padStart(4, '0')}`);

  it('writes concurrent creations in fewer transactions than requests, each answered as if alone', async () => {
    const organisations = [await newOrganisation(), await newOrganisation(), await newOrganisation()];
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => t.http.post('/api/incidents').send(incidentBody(organisations[i % 3] as string, { title: `Grouped ${i}` }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(201));
    // Each answer is the stored incident it names, with its own title.
    for (const [i, response] of responses.entries()) {
      expect(response.body.title).toBe(`Grouped ${i}`);
      expect(response.body.organisationId).toBe(organisations[i % 3]);
      const stored = await t.http.get(`/api/incidents/${response.body.id}`).expect(200);
      expect(stored.body).toEqual(response.body);
    }
    for (const organisation of organisations) {
      const rows = await t.db.query('SELECT reference FROM incidents WHERE organisation_id = $1', [organisation]);
      expect(references(rows)).toEqual(sequence(20));
    }
    // One transaction gives all its rows the same created_at (its start): fewer distinct
    // instants than incidents shows that requests were written together.
    const [{ transactions }] = await t.db.query('SELECT count(DISTINCT created_at)::int AS transactions FROM incidents WHERE organisation_id = ANY($1::uuid[])', [organisations]);
    expect(transactions).toBeLessThan(60);
    await expectChainsIntact(organisations);
  });

  it('gives grouped incidents the same obligations, rungs and timeline as one created alone', async () => {
    const organisation = await newOrganisation();
    const alone = (await t.http.post('/api/incidents').send(incidentBody(organisation, { title: 'Alone' })).expect(201)).body;
    const grouped = await Promise.all(Array.from({ length: 20 }, (_, i) => t.http.post('/api/incidents').send(incidentBody(organisation, { title: `Together ${i}` }))));
    const shape = async (id: string) => {
      const obligations = await t.db.query(
        `SELECT o.kind, o.status, o.due_at, o.reasons, count(e.id)::int AS rungs, array_agg(e.offset_minutes ORDER BY e.offset_minutes) AS offsets
           FROM obligations o LEFT JOIN escalations e ON e.obligation_id = o.id
          WHERE o.incident_id = $1 GROUP BY o.id ORDER BY o.kind`,
        [id],
      );
      const timeline = (await t.http.get(`/api/incidents/${id}/timeline`).expect(200)).body.items.map((e: { action: string; summary: string }) => [e.action, e.summary.replace(/BR-\d{4}-\d{4}/, 'BR-…')]);
      return { obligations, timeline };
    };
    const expected = await shape(alone.id);
    expect(expected.obligations.length).toBeGreaterThan(0);
    expect(expected.obligations.some((o: { rungs: number }) => o.rungs > 0)).toBe(true);
    expect(expected.timeline.map(([action]: string[]) => action)).toEqual(['created', 'obligations_updated']);
    for (const response of grouped) {
      expect(response.status).toBe(201);
      expect(await shape(response.body.id)).toEqual(expected);
    }
  });

  it('refuses an unknown organisation, a role not held and misplaced controllers on their own, and writes the rest', async () => {
    const organisation = await newOrganisation({ roles: ['controller'] });
    const unknown = randomUUID();
    const bodies = Array.from({ length: 40 }, (_, i) =>
      [
        incidentBody(organisation, { title: `Kept ${i}` }),
        incidentBody(unknown, { title: `Unknown ${i}` }),
        incidentBody(organisation, { title: `Processor ${i}`, role: 'processor' }),
        incidentBody(organisation, { title: `Controllers ${i}`, controllers: [{ name: 'Acme Oy' }] }),
      ][i % 4],
    );
    const auditBefore = await t.db.query('SELECT count(*)::int AS n FROM audit_entries WHERE organisation_id = $1', [organisation]);
    const responses = await Promise.all(bodies.map((body) => t.http.post('/api/incidents').send(body)));
    responses.forEach((response, i) => {
      if (i % 4 === 0) expect([response.status, response.body.title]).toEqual([201, `Kept ${i}`]);
      if (i % 4 === 1) expect([response.status, response.body.code, response.body.details?.field]).toEqual([422, 'INCIDENT.UNKNOWN_ORGANISATION', 'organisationId']);
      if (i % 4 === 2) expect([response.status, response.body.code]).toEqual([422, 'INCIDENT.ROLE_NOT_HELD']);
      if (i % 4 === 3) expect([response.status, response.body.code]).toEqual([422, 'INCIDENT.CONTROLLERS_NOT_APPLICABLE']);
    });
    const rows = await t.db.query('SELECT reference, title FROM incidents WHERE organisation_id = $1', [organisation]);
    expect(references(rows)).toEqual(sequence(10));
    expect(rows.every((r: { title: string }) => r.title.startsWith('Kept'))).toBe(true);
    // Two audit entries (created, obligations) for each kept incident and nothing for the refused.
    const auditAfter = await t.db.query('SELECT count(*)::int AS n FROM audit_entries WHERE organisation_id = $1', [organisation]);
    expect(auditAfter[0].n - auditBefore[0].n).toBe(20);
    await expectChainsIntact([organisation]);
  });

  it("runs alongside the organisation's own changes without either waiting on the other for ever", async () => {
    // An organisation's change locks its row, recomputes its open incidents and locks its
    // audit head last; a creation group locks the organisation's row (key share) before the
    // head. Both kinds at once, many times: every request answers 2xx and the chain holds.
    const organisation = await newOrganisation();
    const requests = Array.from({ length: 36 }, (_, i) =>
      i % 6 === 0
        ? t.http.patch(`/api/organisations/${organisation}`).send({ nis2Entity: i % 12 === 0, controllerNoticeWindowHours: 12 + (i % 5) })
        : t.http.post('/api/incidents').send(incidentBody(organisation, { title: `Alongside ${i}` })),
    );
    const responses = await Promise.all(requests);
    expect(responses.map((r, i) => [i, r.status])).toEqual(responses.map((_, i) => [i, i % 6 === 0 ? 200 : 201]));
    const rows = await t.db.query('SELECT reference FROM incidents WHERE organisation_id = $1', [organisation]);
    expect(references(rows)).toEqual(sequence(30));
    await expectChainsIntact([organisation]);
  });

  it('when one incident breaks its group in the database, writes the others and refuses only it', async () => {
    const organisation = await newOrganisation();
    // A rule only the database knows about, so the request passes every check in the service.
    await t.db.query(`CREATE FUNCTION e2e_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.title = 'boom' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER e2e_refuse_boom BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION e2e_refuse_boom()`);
    try {
      const titles = Array.from({ length: 24 }, (_, i) => (i === 13 ? 'boom' : `Fine ${i}`));
      const responses = await Promise.all(titles.map((title) => t.http.post('/api/incidents').send(incidentBody(organisation, { title }))));
      expect(responses.map((r) => r.status)).toEqual(titles.map((title) => (title === 'boom' ? 500 : 201)));
      const rows = await t.db.query('SELECT reference, title FROM incidents WHERE organisation_id = $1', [organisation]);
      expect(rows.map((r: { title: string }) => r.title).sort()).toEqual(titles.filter((title) => title !== 'boom').sort());
      // The refused incident's number went back: the 23 stored are 1 to 23.
      expect(references(rows)).toEqual(sequence(23));
      const timeline = await t.db.query('SELECT count(*)::int AS n FROM incident_timeline WHERE organisation_id = $1', [organisation]);
      expect(timeline[0].n).toBe(23 * 2);
    } finally {
      await t.db.query('DROP TRIGGER e2e_refuse_boom ON incidents');
      await t.db.query('DROP FUNCTION e2e_refuse_boom()');
    }
    await expectChainsIntact([organisation]);
  });
});
