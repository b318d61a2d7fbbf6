import type { Response } from 'supertest';
import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { PRINT_ATTEMPTS } from '../../src/modules/documents/documents.service.js';
import { factsStamp, NOTICE_FACT_TABLES, readDraft } from '../../src/modules/documents/notice-draft.js';
import { highRiskFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { binaryBody } from '../setup/binary-body.js';
import { pdfText } from '../setup/pdf-text.js';
import { createTestApp, NOW, type TestApp } from '../setup/test-app.js';

/**
 * Notices are printed by Chromium outside any database transaction: a slow or saturated
 * browser holds no connection and no lock, and what is stored is what the facts say when it
 * is stored. The real renderer prints every PDF here; the tests only hold it at a gate.
 */

const NOTICE = { kind: 'authority_notification', language: 'en', phase: 'initial' } as const;
const POOL_SIZE = 3;

/** Holds every print at a gate until opened; counts the prints that reached it. */
function holdPrints(t: TestApp, beforePrint?: (printed: number) => Promise<void>) {
  const renderer = t.app.get(DocumentRenderer);
  const real = renderer.render.bind(renderer);
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const state = { arrived: 0, printed: 0, open };
  renderer.render = async (...args) => {
    state.arrived += 1;
    await opened;
    await beforePrint?.(state.printed);
    const result = await real(...args);
    state.printed += 1;
    return result;
  };
  return { state, release: () => (renderer.render = real) };
}

/** Resolves when `done()` holds; fails with `what` after 15 s (a hang, not a slow machine). */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`still waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The request's answer, or a failure naming `what` if none comes within 15 s. */
async function answered(request: PromiseLike<Response>, what: string): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within 15 s: ${what}`)), 15_000)));
  try {
    return await Promise.race([Promise.resolve(request), hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe('notices print outside the database transaction', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(undefined, { DATABASE_POOL_SIZE: String(POOL_SIZE) });
    orgId = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['controller', 'processor'] })).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  async function assessedIncident(t: TestApp) {
    const incident = (
      await t.http
        .post('/api/incidents')
        .send(
          incidentBody(orgId, {
            role: 'controller',
            awareAt: '2026-11-23T08:00:00Z',
            detectedAt: '2026-11-23T07:00:00Z',
            occurredAt: '2026-11-23T06:00:00Z',
            recordsApprox: 120,
            subjectCategories: ['customers'],
            likelyConsequences: 'Phishing.',
            measuresTaken: 'Access revoked.',
            measuresProposed: 'Reviews.',
          }),
        )
        .expect(201)
    ).body as { id: string; reference: string };
    await t.http.post(`/api/incidents/${incident.id}/assessments`).send(highRiskFacts({ subjectsCount: 120 })).expect(201);
    return incident;
  }

  const generate = (app: TestApp, incidentId: string) => app.http.post(`/api/incidents/${incidentId}/documents`).send(NOTICE).then((r) => r);

  it('holds no connection and no lock while printing: with more notices printing than connections, the API answers and the incident can be edited', async () => {
    const incidents = [];
    for (let i = 0; i <= POOL_SIZE; i += 1) incidents.push(await assessedIncident(t));
    const held = holdPrints(t);
    try {
      const printing = incidents.map((incident) => generate(t, incident.id));
      // The same notice of the first incident again: it waits for the first print of it.
      const second = generate(t, incidents[0]!.id);
      await until(() => held.state.arrived === incidents.length, `${incidents.length} notices at the printer`);

      const pool = (t.db.driver as unknown as { master: { totalCount: number; idleCount: number; waitingCount: number } }).master;
      expect({ waiting: pool.waitingCount, busy: pool.totalCount - pool.idleCount }).toEqual({ waiting: 0, busy: 0 });
      const inTransaction = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
      expect(inTransaction[0].n).toBe(0);

      // An edit of an incident whose notice is printing: neither its row nor a connection is held.
      const edited = await answered(t.http.patch(`/api/incidents/${incidents[0]!.id}`).send({ measuresTaken: 'Access revoked; passwords reset.' }), 'PATCH during a print');
      expect(edited.status).toBe(200);
      const list = await answered(t.http.get(`/api/incidents?organisationId=${orgId}&limit=5`), 'GET list during a print');
      expect(list.status).toBe(200);

      held.state.open();
      const answers = await Promise.all([...printing, second]);
      expect(answers.map((r) => r.status)).toEqual(Array(incidents.length + 1).fill(201));
      // The first incident's notice was printed before the edit; it was printed again from the
      // edited facts before it was stored.
      const first = answers[0]!.body;
      expect(first.version).toBe(1);
      expect(first.payload.measuresTaken).toEqual({ provided: true, value: 'Access revoked; passwords reset.' });
      const pdf = await t.http.get(`/api/documents/${first.id}/pdf`).buffer(true).parse(binaryBody).expect(200);
      expect((await pdfText(pdf.body as Buffer)).text).toContain('passwords reset');
      // Five notices printed once, the edited one twice.
      expect(held.state.printed).toBe(incidents.length + 2);
      expect(answers.at(-1)!.body).toMatchObject({ version: 2, payload: { phase: { earlier: [{ version: 1, sha256: first.sha256 }] } } });
    } finally {
      held.release();
    }
  });

  it(`gives up with 409 after ${PRINT_ATTEMPTS} prints if the facts change during each, storing nothing`, async () => {
    const incident = await assessedIncident(t);
    const held = holdPrints(t, (printed) => t.http.patch(`/api/incidents/${incident.id}`).send({ measuresProposed: `Reviews, take ${printed + 1}.` }).expect(200).then(() => undefined));
    held.state.open();
    try {
      const refused = await generate(t, incident.id);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'DOCUMENT.FACTS_CHANGED' });
      expect(refused.body.message).toContain(`${PRINT_ATTEMPTS} times`);
      expect(held.state.printed).toBe(PRINT_ATTEMPTS);
    } finally {
      held.release();
    }
    expect((await t.http.get(`/api/incidents/${incident.id}/documents`).expect(200)).body.items).toEqual([]);
    const actions = (await t.http.get(`/api/incidents/${incident.id}/timeline`).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(actions).not.toContain('document_generated');
    // Once the edits stop, the notice is stored, with the last of them.
    const stored = await generate(t, incident.id);
    expect(stored.status).toBe(201);
    expect(stored.body.payload.measuresProposed).toEqual({ provided: true, value: `Reviews, take ${PRINT_ATTEMPTS}.` });
  });

  it('stores the print without printing again when a change leaves the notice saying the same', async () => {
    const incident = await assessedIncident(t);
    // Not in the notice: whether to notify when in doubt weighs on the next assessment only.
    const held = holdPrints(t, async (printed) => {
      if (printed === 0) await t.http.patch(`/api/organisations/${orgId}`).send({ notifyWhenInDoubt: true }).expect(200);
    });
    held.state.open();
    try {
      expect((await generate(t, incident.id)).status).toBe(201);
      expect(held.state.printed).toBe(1);
    } finally {
      held.release();
    }
  });

  it('gives the same notice printed at once by two processes versions 1 and 2, the second listing the first', async () => {
    const other = await createTestApp(undefined, { DATABASE_POOL_SIZE: String(POOL_SIZE) });
    try {
      const incident = await assessedIncident(t);
      const here = holdPrints(t);
      const there = holdPrints(other);
      try {
        const answers = [generate(t, incident.id), generate(other, incident.id)];
        await until(() => here.state.arrived === 1 && there.state.arrived === 1, 'both processes at the printer');
        here.state.open();
        there.state.open();
        const [a, b] = await Promise.all(answers);
        expect([a!.status, b!.status]).toEqual([201, 201]);
        const byVersion = [a!.body, b!.body].sort((x, y) => x.version - y.version);
        expect(byVersion.map((d) => d.version)).toEqual([1, 2]);
        expect(byVersion[1].payload.phase.earlier).toEqual([expect.objectContaining({ version: 1, sha256: byVersion[0].sha256 })]);
        // Both printed v1; the one that stored second printed again as v2.
        expect(here.state.printed + there.state.printed).toBe(3);
      } finally {
        here.release();
        there.release();
      }
    } finally {
      await other.app.get(DocumentRenderer).onApplicationShutdown();
      await other.close();
    }
  });

  describe('the stamp of the facts a notice is read from', () => {
    const stamp = (incidentId: string, language = 'en') => factsStamp(t.db.manager, incidentId, { kind: 'authority_notification', language: language as 'en' });

    it('covers every table the notice is read from', async () => {
      const incident = await assessedIncident(t);
      const runner = t.db.createQueryRunner();
      const statements: string[] = [];
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql);
        return (query as (...args: unknown[]) => unknown)(sql, ...rest);
      }) as typeof runner.query;
      try {
        await readDraft(runner.manager, t.app.get(DocumentRenderer), incident.id, NOTICE, new Date(NOW));
      } finally {
        await runner.release();
      }
      const tables = new Set(statements.flatMap((sql) => [...sql.matchAll(/\b(?:FROM|JOIN)\s+"?([a-z_]+)"?/gi)].map((m) => m[1]!)));
      expect(tables.size).toBeGreaterThanOrEqual(5);
      expect([...tables].filter((table) => !(NOTICE_FACT_TABLES as readonly string[]).includes(table))).toEqual([]);
    });

    it.each([
      ['an edit of the incident', async (id: string) => void (await t.http.patch(`/api/incidents/${id}`).send({ title: 'Renamed' }).expect(200))],
      ['an edit of the organisation', async () => void (await t.http.patch(`/api/organisations/${orgId}`).send({ legalName: 'Renamed Oy' }).expect(200))],
      ['a new assessment', async (id: string) => void (await t.http.post(`/api/incidents/${id}/assessments`).send(highRiskFacts({ subjectsCount: 99 })).expect(201))],
      [
        'an override of the assessment',
        async (id: string) => {
          const [latest] = (await t.http.get(`/api/incidents/${id}/assessments`).expect(200)).body.items;
          const override = { riskLevel: 'unlikely', notifyAuthority: false, communicateSubjects: 'not_required', justification: 'The recipient is our auditor under NDA and confirmed deletion in writing.' };
          await t.http.post(`/api/incidents/${id}/assessments/${latest.id}/override`).send(override).expect(201);
        },
      ],
      [
        'a filing of the obligation',
        async (id: string) => {
          const art33 = (await t.http.get(`/api/incidents/${id}/obligations`).expect(200)).body.items.find((o: { kind: string }) => o.kind === 'gdpr_art33_1');
          await t.http.post(`/api/incidents/${id}/obligations/${art33.id}/fulfil`).send({ submittedAt: NOW, reference: 'DPA-1' }).expect(200);
        },
      ],
      ['a stored version of the same notice', async (id: string) => void (await generate(t, id))],
    ])('changes with %s', async (_change, change) => {
      const incident = await assessedIncident(t);
      const before = await stamp(incident.id);
      await change(incident.id);
      expect(await stamp(incident.id)).not.toBe(before);
    });

    it('stays the same for a notice in another language and for another incident', async () => {
      const [incident, other] = [await assessedIncident(t), await assessedIncident(t)];
      const before = await stamp(incident.id);
      await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'data_subject_notice', language: 'fi', phase: 'initial' }).expect(201);
      await t.http.patch(`/api/incidents/${other.id}`).send({ title: 'Renamed' }).expect(200);
      expect(await stamp(incident.id)).toBe(before);
      expect(await stamp('00000000-0000-4000-8000-000000000000')).toBe('');
    });
  });
});

