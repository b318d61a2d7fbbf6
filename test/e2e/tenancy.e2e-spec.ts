import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { ClockService } from '../../src/modules/obligations/clock.service.js';
import { highRiskFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Walks every route of the OpenAPI document with an admin token of another organisation:
 * each of organisation A's records answers exactly as a record that does not exist (404,
 * never 403), and nothing of A shows up in any list, export or report.
 */
describe('tenancy: every route, with a token of another organisation', () => {
  let t: TestApp;
  const a: Record<string, string> = {};
  let intruder: string;
  /** Every id and reference of organisation A: none may appear in an answer to the intruder. */
  let secretsOfA: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const http = t.http;
    a.org = (await http.post('/api/organisations').send(organisationBody({ legalName: 'Tenant A Oy' })).expect(201)).body.id;
    const incident = (
      await http
        .post('/api/incidents')
        .send(incidentBody(a.org, { occurredAt: '2026-11-22T08:00:00Z', detectedAt: '2026-11-22T09:00:00Z', awareAt: '2026-11-22T10:00:00Z', recordsApprox: 1200, subjectCategories: ['customers'], likelyConsequences: 'Phishing.', measuresTaken: 'Passwords reset.', measuresProposed: 'MFA.' }))
        .expect(201)
    ).body;
    a.incident = incident.id;
    a.reference = incident.reference;
    a.assessment = (await http.post(`/api/incidents/${a.incident}/assessments`).send(highRiskFacts()).expect(201)).body.id;
    a.obligation = (await http.get(`/api/incidents/${a.incident}/obligations`).expect(200)).body.items[0].id;
    a.channel = (await http.post(`/api/organisations/${a.org}/channels`).send({ type: 'webhook', name: 'A on-call', url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-tenant-a' }).expect(201)).body.id;
    a.document = (await http.post(`/api/incidents/${a.incident}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(201)).body.id;
    t.clock.set(new Date('2026-11-24T12:00:00Z'));
    await t.app.get(ClockService).runDue(t.clock.now());
    a.escalation = (await http.get(`/api/incidents/${a.incident}/escalations`).expect(200)).body.items[0].id;
    a.delivery = (await t.db.query(`SELECT id FROM deliveries WHERE organisation_id = $1 LIMIT 1`, [a.org]))[0].id;
    const userA = (await http.post('/api/users').send({ email: 'member@tenant-a.test', displayName: 'A member', role: 'dpo', organisationIds: [a.org] }).expect(201)).body.id;
    a.user = userA;
    a.token = (await http.post(`/api/users/${userA}/tokens`).send({ name: 'A token' }).expect(201)).body.id;
    secretsOfA = Object.values(a).filter((v) => v.length >= 8);

    // The intruder: an admin, with every permission, of organisation B only.
    const orgB = (await http.post('/api/organisations').send(organisationBody({ legalName: 'Tenant B Oy' })).expect(201)).body.id;
    const adminB = (await http.post('/api/users').send({ email: 'admin@tenant-b.test', displayName: 'B admin', role: 'admin', organisationIds: [orgB] }).expect(201)).body.id;
    intruder = (await http.post(`/api/users/${adminB}/tokens`).send({ name: 'B token' }).expect(201)).body.token;
  });
  afterAll(async () => {
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  const as = (method: Method, url: string) => t.anon[method](url).set('Authorization', `Bearer ${intruder}`);
  const leaks = (res: Response) => secretsOfA.filter((s) => JSON.stringify(res.body ?? '').includes(s) || (res.text ?? '').includes(s));

  /** The record each path parameter names, by the collection before it. */
  function fill(path: string, ids: (collection: string, param: string) => string): string {
    const segments = path.split('/');
    return segments.map((s, i) => (s.startsWith('{') ? ids(segments[i - 1] as string, s.slice(1, -1)) : s)).join('/');
  }
  const ofA = (collection: string, param: string): string => {
    const byCollection: Record<string, string> = {
      organisations: a.org,
      incidents: a.incident,
      documents: a.document,
      users: a.user,
      tokens: a.token,
      assessments: a.assessment,
      obligations: a.obligation,
      escalations: a.escalation,
      channels: a.channel,
      deliveries: a.delivery,
    };
    const id = byCollection[collection];
    if (!id) throw new Error(`no record of A for {${param}} after /${collection}: add one to the tenancy walk`);
    return id;
  };

  /** Routes without a record in the path: what the intruder may and may not see. */
  const UNSCOPED: Record<string, (method: Method, path: string) => Promise<unknown>> = {
    'GET /api/health': async () => undefined,
    'POST /api/auth/login': async () => undefined,
    'POST /api/auth/logout': async () => undefined,
    'GET /api/auth/session': async () => undefined,
    'GET /api/users/me': async () => undefined,
    'PUT /api/users/me/password': async () => undefined,
    'POST /api/organisations': async () => undefined, // creates B's own organisation
    'GET /api/organisations': list,
    'GET /api/incidents': async (m, p) => {
      await list(m, p);
      const filtered = await as('get', `${p}?organisationId=${a.org}`).expect(200);
      expect(filtered.body.total).toBe(0);
      const searched = await as('get', `${p}?q=${encodeURIComponent(a.reference)}`).expect(200);
      expect(searched.body.total).toBe(0);
    },
    'GET /api/deliveries': list,
    'GET /api/users': list,
    'GET /api/audit': async (m, p) => {
      await list(m, p);
      await sameAsUnknown('get', `${p}?organisationId=${a.org}`, `${p}?organisationId=${randomUUID()}`);
    },
    'GET /api/audit/verify': async (m, p) => {
      const res = await list(m, p);
      expect((res.body.chains as Array<{ organisationId: string | null }>).map((c) => c.organisationId)).not.toContain(a.org);
    },
    'GET /api/register': async (m, p) => {
      await list(m, p);
      await sameAsUnknown('get', `${p}?organisationId=${a.org}`, `${p}?organisationId=${randomUUID()}`);
      for (const format of ['csv', 'pdf']) {
        const res = await as('get', `${p}?format=${format}`).buffer(true).expect(200);
        expect(leaks(res)).toEqual([]);
      }
    },
    'POST /api/incidents': async (m, p) => {
      await sameAsUnknown('post', p, p, (org) => incidentBody(org));
    },
    'POST /api/assessments/evaluate': async (m, p) => {
      await sameAsUnknown('post', p, p, (org) => ({ ...highRiskFacts(), organisationId: org }));
    },
    'POST /api/users': async (m, p) => {
      await sameAsUnknown('post', p, p, (org) => ({ email: `probe-${randomUUID()}@tenant-b.test`, displayName: 'Probe', role: 'viewer', organisationIds: [org] }));
    },
  };

  async function list(method: Method, path: string): Promise<Response> {
    const res = await as(method, path).expect(200);
    expect({ route: path, leaks: leaks(res) }).toEqual({ route: path, leaks: [] });
    return res;
  }

  /** A's record (or organisation in the body) answers exactly like one that does not exist. */
  async function sameAsUnknown(method: Method, urlOfA: string, urlOfNobody: string, body?: (org: string) => object): Promise<void> {
    const nobody = randomUUID();
    const sentA = body ? body(a.org) : {};
    const ofA = await as(method, urlOfA).send(sentA);
    const ofNobody = await as(method, urlOfNobody).send(body ? body(nobody) : {});
    expect({ url: urlOfA, status: ofA.status, code: ofA.body.code }).toEqual({ url: urlOfA, status: ofNobody.status, code: ofNobody.body.code });
    expect(ofA.status).not.toBe(403);
    expect(ofA.status).toBeGreaterThanOrEqual(400);
    // The same sentence, but for the id the caller sent (echoed back, not disclosed).
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    expect(String(ofA.body.message).replace(uuid, '<id>')).toBe(String(ofNobody.body.message).replace(uuid, '<id>'));
    const sent = `${urlOfA} ${JSON.stringify(sentA)}`;
    expect(leaks(ofA).filter((secret) => !sent.includes(secret))).toEqual([]);
  }

  it('answers 404 for each of A\'s records on every route, and shows A in no list', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const walked: string[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations) as Method[]) {
        const route = `${method.toUpperCase()} ${template}`;
        walked.push(route);
        if (!template.includes('{')) {
          const check = UNSCOPED[route];
          if (!check) throw new Error(`${route} has no tenancy check: add it to UNSCOPED`);
          await check(method, template);
          continue;
        }
        const urlOfA = fill(template, ofA);
        const urlOfNobody = fill(template, () => randomUUID());
        const res = await as(method, urlOfA).send({});
        expect({ route, status: res.status }).toEqual({ route, status: 404 });
        await sameAsUnknown(method, urlOfA, urlOfNobody);
      }
    }
    expect(walked.length).toBeGreaterThanOrEqual(45);
    // A's member still sees everything of A: the refusals above are tenancy, not breakage.
    await t.http.get(`/api/incidents/${a.incident}`).expect(200);
    await t.http.get(`/api/documents/${a.document}/pdf`).expect(200);
  });
});
