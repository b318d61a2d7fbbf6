import { AssessmentEntity } from '../../src/modules/assessment/assessment.entity.js';
import { assess, RULES_VERSION } from '../../src/modules/assessment/domain/index.js';
import { TimelineEntryEntity } from '../../src/modules/incidents/timeline-entry.entity.js';
import { breachFacts, highRiskFacts, unlikelyFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp, TEST_ADMIN_EMAIL } from '../setup/test-app.js';

const CONTRACT_KEYS = ['communicateSubjects', 'enisa', 'exemptions', 'notifyAuthority', 'notifyController', 'reasons', 'riskLevel', 'rulesVersion'];

describe('assessments API', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.http.post('/api/organisations').send(organisationBody()).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const newIncident = async (overrides = {}, org = orgId) => (await t.http.post('/api/incidents').send(incidentBody(org, overrides)).expect(201)).body;

  describe('POST /api/assessments/evaluate', () => {
    it('returns exactly the contract, with reasons and sources, and stores nothing', async () => {
      const before = await t.db.manager.count(AssessmentEntity);
      const res = await t.http.post('/api/assessments/evaluate').send(highRiskFacts()).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(CONTRACT_KEYS);
      expect(res.body).toMatchObject({ riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'required', notifyController: false, rulesVersion: RULES_VERSION });
      expect(res.body.enisa).toMatchObject({ dpc: 3, ei: 1, cb: 1, score: 4, band: 'very_high' });
      expect(res.body.reasons.length).toBeGreaterThan(0);
      for (const reason of res.body.reasons) {
        expect(reason).toEqual({ code: expect.stringMatching(/^[A-Z_]+\.[A-Z0-9_]+$/), text: expect.any(String), source: expect.any(String) });
        expect(reason.source.length).toBeGreaterThan(3);
      }
      expect(res.body).toEqual(JSON.parse(JSON.stringify(assess(highRiskFacts()))));
      expect(await t.db.manager.count(AssessmentEntity)).toBe(before);
    });

    it('tells a processor to notify its controller even when the risk is unlikely (Art. 33(2))', async () => {
      const res = await t.http.post('/api/assessments/evaluate').send(unlikelyFacts({ role: 'processor' })).expect(200);
      expect(res.body).toMatchObject({ riskLevel: 'unlikely', notifyAuthority: false, notifyController: true });
    });

    it('applies Art. 34(3) exemptions', async () => {
      const mitigated = await t.http.post('/api/assessments/evaluate').send(highRiskFacts({ highRiskMitigated: true })).expect(200);
      expect(mitigated.body).toMatchObject({ communicateSubjects: 'not_required', exemptions: ['art34_3_b'] });
      const publicNotice = await t.http.post('/api/assessments/evaluate').send(highRiskFacts({ disproportionateEffort: true })).expect(200);
      expect(publicNotice.body).toMatchObject({ communicateSubjects: 'public_communication', exemptions: ['art34_3_c'] });
    });

    it("applies the organisation's notify-when-in-doubt policy on a borderline case", async () => {
      const cautious = (await t.http.post('/api/organisations').send(organisationBody({ notifyWhenInDoubt: true })).expect(201)).body.id;
      let borderline: object | undefined;
      // Find a borderline unlikely case from the engine's own trace rather than hard-coding one.
      for (const subjectsCount of [1, 5, 20, 50, 240, 1000]) {
        for (const exposure of ['possible', 'trusted_recipient', 'known_recipients'] as const) {
          const facts = breachFacts({ subjectsCount, exposure, exfiltration: exposure === 'possible' ? 'suspected' : 'confirmed', identifiability: 'limited' });
          if (assess(facts).riskLevel === 'unlikely' && assess(facts, { notifyWhenInDoubt: true }).notifyAuthority) borderline ??= facts;
        }
      }
      expect(borderline).toBeDefined();
      const plain = await t.http.post('/api/assessments/evaluate').send(borderline).expect(200);
      expect(plain.body.notifyAuthority).toBe(false);
      const policy = await t.http.post('/api/assessments/evaluate').send({ ...borderline, organisationId: cautious }).expect(200);
      expect(policy.body.notifyAuthority).toBe(true);
      expect(policy.body.reasons.map((r: { code: string }) => r.code)).toContain('DUTY.NOTIFY_WHEN_IN_DOUBT');
    });

    it.each([
      ['exposure without confidentiality', { breachTypes: ['availability'], availabilityLoss: 'temporary', exposure: 'public' }, 'exposure'],
      ['integrity loss without integrity', { integrityLoss: 'recoverable' }, 'integrityLoss'],
      ['availability loss without availability', { availabilityLoss: 'permanent' }, 'availabilityLoss'],
      ['unavailable hours without availability loss', { breachTypes: ['confidentiality', 'availability'], unavailableHours: 5 }, 'unavailableHours'],
    ])('refuses %s with 422 and a stable code', async (_label, patch, field) => {
      const res = await t.http.post('/api/assessments/evaluate').send(breachFacts(patch as object)).expect(422);
      expect(res.body.code).toBe('ASSESSMENT.CONTRADICTORY_FACTS');
      expect(res.body.details.fields).toContain(field);
      expect(res.body.details.contradictions[0].code).toMatch(/^ASSESSMENT\./);
    });

    it.each([
      ['an unknown field', { severity: 'high' }, 'severity'],
      ['an unknown breach type', { breachTypes: ['theft'] }, 'breachTypes'],
      ['no breach type', { breachTypes: [] }, 'breachTypes'],
      ['no data category', { dataCategories: [] }, 'dataCategories'],
      ['an unknown data category', { dataCategories: ['health'] }, 'dataCategories'],
      ['a negative count', { subjectsCount: -1 }, 'subjectsCount'],
      ['a fractional count', { subjectsCount: 2.5 }, 'subjectsCount'],
      ['a string count', { subjectsCount: '240' }, 'subjectsCount'],
      ['negative hours', { unavailableHours: -2 }, 'unavailableHours'],
      ['a DPC override out of range', { dpcOverride: { score: 5, reason: 'context makes it worse' } }, 'dpcOverride.score'],
      ['a DPC override without reason', { dpcOverride: { score: 2 } }, 'dpcOverride.reason'],
      ['an unknown field in the override', { dpcOverride: { score: 2, reason: 'volume of data', weight: 1 } }, 'dpcOverride.weight'],
      ['an unknown role', { role: 'joint_controller' }, 'role'],
      ['a missing boolean', { malicious: undefined }, 'malicious'],
      ['a non-UUID organisation', { organisationId: 'cloudnovi' }, 'organisationId'],
    ])('refuses %s with 400 naming the field', async (_label, patch, field) => {
      const res = await t.http.post('/api/assessments/evaluate').send({ ...breachFacts(), ...patch }).expect(400);
      expect(res.body.details.fields).toContain(field);
    });

    it('refuses an unknown organisation with 422', async () => {
      const res = await t.http.post('/api/assessments/evaluate').send({ ...breachFacts(), organisationId: '00000000-0000-4000-8000-000000000000' }).expect(422);
      expect(res.body.code).toBe('ASSESSMENT.UNKNOWN_ORGANISATION');
    });
  });

  describe('stored assessments', () => {
    it('stores inputs and result immutably with who and when, keeps history, and makes the latest current', async () => {
      const incident = await newIncident();
      const first = await t.http.post(`/api/incidents/${incident.id}/assessments`).send(unlikelyFacts()).expect(201);
      expect(first.body).toMatchObject({
        sequence: 1,
        current: true,
        incidentId: incident.id,
        riskLevel: 'unlikely',
        notifyAuthority: false,
        facts: { ...unlikelyFacts(), role: 'controller' },
        override: null,
        effective: { riskLevel: 'unlikely', notifyAuthority: false, overridden: false },
        createdBy: TEST_ADMIN_EMAIL,
      });
      for (const key of CONTRACT_KEYS) expect(first.body).toHaveProperty(key);

      const second = await t.http.post(`/api/incidents/${incident.id}/assessments`).send(highRiskFacts()).expect(201);
      expect(second.body).toMatchObject({ sequence: 2, current: true, riskLevel: 'high' });

      const history = await t.http.get(`/api/incidents/${incident.id}/assessments`).expect(200);
      expect(history.body.total).toBe(2);
      expect(history.body.items.map((a: { sequence: number; current: boolean }) => [a.sequence, a.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      const one = await t.http.get(`/api/incidents/${incident.id}/assessments/${first.body.id}`).expect(200);
      expect(one.body).toMatchObject({ id: first.body.id, current: false, riskLevel: 'unlikely' });

      const timeline = (await t.http.get(`/api/incidents/${incident.id}/timeline`).expect(200)).body.items;
      expect(timeline.filter((e: { action: string }) => e.action === 'assessed')).toHaveLength(2);
      expect(timeline.at(-1).summary).toContain('Assessment #2: risk high');
    });

    it('cannot be changed or deleted, even through SQL', async () => {
      const incident = await newIncident();
      const stored = (await t.http.post(`/api/incidents/${incident.id}/assessments`).send(breachFacts()).expect(201)).body;
      await expect(t.db.query(`UPDATE assessments SET risk_level = 'unlikely' WHERE id = $1`, [stored.id])).rejects.toThrow(/immutable/);
      await expect(t.db.query(`DELETE FROM assessments WHERE id = $1`, [stored.id])).rejects.toThrow(/immutable/);
      expect((await t.http.get(`/api/incidents/${incident.id}/assessments/${stored.id}`).expect(200)).body.riskLevel).toBe(stored.riskLevel);
    });

    it("uses the incident's role and refuses facts that claim another", async () => {
      const incident = await newIncident({ role: 'processor' });
      const res = await t.http.post(`/api/incidents/${incident.id}/assessments`).send(unlikelyFacts()).expect(201);
      expect(res.body).toMatchObject({ facts: { role: 'processor' }, notifyController: true });
      const mismatch = await t.http.post(`/api/incidents/${incident.id}/assessments`).send(unlikelyFacts({ role: 'controller' })).expect(422);
      expect(mismatch.body.code).toBe('ASSESSMENT.ROLE_MISMATCH');
    });

    it('refuses contradictory facts and bad input without storing anything', async () => {
      const incident = await newIncident();
      const before = { assessments: await t.db.manager.count(AssessmentEntity), timeline: await t.db.manager.count(TimelineEntryEntity) };
      await t.http.post(`/api/incidents/${incident.id}/assessments`).send(breachFacts({ integrityLoss: 'irrecoverable' })).expect(422);
      await t.http.post(`/api/incidents/${incident.id}/assessments`).send({ ...breachFacts(), exposure: 'leaked' }).expect(400);
      await t.http.post(`/api/incidents/${incident.id}/assessments`).set('Content-Type', 'application/json').send('{"breachTypes":').expect(400);
      expect({ assessments: await t.db.manager.count(AssessmentEntity), timeline: await t.db.manager.count(TimelineEntryEntity) }).toEqual(before);
    });

    it('refuses to assess a closed or retracted incident, and answers 404s', async () => {
      const incident = await newIncident();
      await t.http.post(`/api/incidents/${incident.id}/status`).send({ status: 'not_a_breach', reason: 'Only test accounts were in the file.' }).expect(200);
      const res = await t.http.post(`/api/incidents/${incident.id}/assessments`).send(breachFacts()).expect(422);
      expect(res.body.code).toBe('ASSESSMENT.INCIDENT_NOT_OPEN');

      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await t.http.post(`/api/incidents/${missing}/assessments`).send(breachFacts()).expect(404)).body.code).toBe('INCIDENT.NOT_FOUND');
      expect((await t.http.get(`/api/incidents/${incident.id}/assessments/${missing}`).expect(404)).body.code).toBe('ASSESSMENT.NOT_FOUND');
      expect((await t.http.get(`/api/incidents/${incident.id}/assessments/nope`).expect(400)).body.details.fields).toEqual(['aid']);
    });
  });

  describe('override', () => {
    const justification = 'The recipient is our auditor under NDA and confirmed deletion in writing.';

    it('replaces the outcome only with a justification, keeping the original beside it', async () => {
      const incident = await newIncident();
      const stored = (await t.http.post(`/api/incidents/${incident.id}/assessments`).send(breachFacts()).expect(201)).body;
      expect(stored.notifyAuthority).toBe(true);

      const short = await t.http
        .post(`/api/incidents/${incident.id}/assessments/${stored.id}/override`)
        .send({ riskLevel: 'unlikely', notifyAuthority: false, communicateSubjects: 'not_required', justification: 'too short' })
        .expect(400);
      expect(short.body.details.fields).toEqual(['justification']);
      const blank = await t.http
        .post(`/api/incidents/${incident.id}/assessments/${stored.id}/override`)
        .send({ riskLevel: 'unlikely', notifyAuthority: false, communicateSubjects: 'not_required', justification: ' '.repeat(30) })
        .expect(400);
      expect(blank.body.details.fields).toEqual(['justification']);

      const res = await t.http
        .post(`/api/incidents/${incident.id}/assessments/${stored.id}/override`)
        .send({ riskLevel: 'unlikely', notifyAuthority: false, communicateSubjects: 'not_required', justification })
        .expect(201);
      expect(res.body).toMatchObject({
        riskLevel: stored.riskLevel,
        notifyAuthority: true,
        override: { riskLevel: 'unlikely', notifyAuthority: false, justification, createdBy: TEST_ADMIN_EMAIL },
        effective: { riskLevel: 'unlikely', notifyAuthority: false, overridden: true },
      });
      const history = (await t.http.get(`/api/incidents/${incident.id}/assessments`).expect(200)).body.items;
      expect(history[0].override.justification).toBe(justification);
      const timeline = (await t.http.get(`/api/incidents/${incident.id}/timeline`).expect(200)).body.items;
      expect(timeline.at(-1)).toMatchObject({ action: 'assessment_overridden', actor: TEST_ADMIN_EMAIL, changes: { notifyAuthority: { from: true, to: false } } });

      const again = await t.http
        .post(`/api/incidents/${incident.id}/assessments/${stored.id}/override`)
        .send({ riskLevel: 'risk', notifyAuthority: true, communicateSubjects: 'not_required', justification })
        .expect(409);
      expect(again.body.code).toBe('ASSESSMENT.ALREADY_OVERRIDDEN');
    });

    it.each([
      ['a risk left unnotified', 'controller', { riskLevel: 'risk', notifyAuthority: false, communicateSubjects: 'not_required' }, 'ASSESSMENT.NOTIFICATION_REQUIRED_FOR_RISK'],
      ['required communication below high risk', 'controller', { riskLevel: 'risk', notifyAuthority: true, communicateSubjects: 'required' }, 'ASSESSMENT.COMMUNICATION_REQUIRES_HIGH_RISK'],
      ['a processor skipping its controller', 'processor', { riskLevel: 'unlikely', notifyAuthority: false, communicateSubjects: 'not_required', notifyController: false }, 'ASSESSMENT.CONTROLLER_NOTICE_MANDATORY'],
      ['public communication below high risk', 'controller', { riskLevel: 'risk', notifyAuthority: true, communicateSubjects: 'public_communication' }, 'ASSESSMENT.COMMUNICATION_REQUIRES_HIGH_RISK'],
      ['a high risk left uncommunicated without an Art. 34(3) ground', 'controller', { riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'not_required' }, 'ASSESSMENT.EXEMPTION_REQUIRED'],
    ] as const)('refuses %s with 422', async (_label, role, outcome, code) => {
      const incident = await newIncident({ role });
      const stored = (await t.http.post(`/api/incidents/${incident.id}/assessments`).send(breachFacts()).expect(201)).body;
      const res = await t.http.post(`/api/incidents/${incident.id}/assessments/${stored.id}/override`).send({ ...outcome, justification }).expect(422);
      expect(res.body.code).toBe('ASSESSMENT.INVALID_OVERRIDE');
      expect(res.body.details.violations.map((v: { code: string }) => v.code)).toContain(code);
      expect((await t.http.get(`/api/incidents/${incident.id}/assessments/${stored.id}`).expect(200)).body.override).toBeNull();
    });

    it('accepts a high risk left uncommunicated on a named Art. 34(3)(b) ground', async () => {
      const incident = await newIncident();
      const stored = (await t.http.post(`/api/incidents/${incident.id}/assessments`).send(highRiskFacts()).expect(201)).body;
      const res = await t.http
        .post(`/api/incidents/${incident.id}/assessments/${stored.id}/override`)
        .send({ riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'not_required', exemption: 'art34_3_b', justification: 'All affected cards were cancelled and reissued before any use.' })
        .expect(201);
      expect(res.body.override).toMatchObject({ exemption: 'art34_3_b', communicateSubjects: 'not_required' });
      expect(res.body.effective).toMatchObject({ riskLevel: 'high', communicateSubjects: 'not_required', overridden: true });
    });

    it('refuses to override a superseded assessment', async () => {
      const incident = await newIncident();
      const old = (await t.http.post(`/api/incidents/${incident.id}/assessments`).send(breachFacts()).expect(201)).body;
      await t.http.post(`/api/incidents/${incident.id}/assessments`).send(highRiskFacts()).expect(201);
      const res = await t.http
        .post(`/api/incidents/${incident.id}/assessments/${old.id}/override`)
        .send({ riskLevel: 'unlikely', notifyAuthority: false, communicateSubjects: 'not_required', justification })
        .expect(422);
      expect(res.body.code).toBe('ASSESSMENT.NOT_CURRENT');
    });
  });
});
