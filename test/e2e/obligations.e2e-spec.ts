import { highRiskFacts, unlikelyFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp, TEST_ADMIN_EMAIL } from '../setup/test-app.js';

interface Obligation {
  id: string;
  kind: string;
  status: string;
  required: boolean;
  deadline: { utc: string; local: string } | null;
  onTime: boolean | null;
  reasons: Array<{ code: string }>;
}

describe('obligations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const org = async (overrides = {}) => (await t.http.post('/api/organisations').send(organisationBody(overrides)).expect(201)).body.id as string;
  const incident = async (orgId: string, overrides = {}) => (await t.http.post('/api/incidents').send(incidentBody(orgId, overrides)).expect(201)).body;
  const obligations = async (incidentId: string): Promise<Record<string, Obligation>> =>
    Object.fromEntries((await t.http.get(`/api/incidents/${incidentId}/obligations`).expect(200)).body.items.map((o: Obligation) => [o.kind, o]));

  it('opens GDPR Art. 33(1) from awareness, 72 h later, shown in the organisation time zone beside UTC (DST)', async () => {
    const helsinki = await org({ timeZone: 'Europe/Helsinki', roles: ['controller'] });
    const created = await incident(helsinki, { occurredAt: null, detectedAt: '2026-03-27T09:00:00+02:00', awareAt: '2026-03-27T10:00:00+02:00' });
    const o = await obligations(created.id);
    expect(o.gdpr_art33_1).toMatchObject({ status: 'open', required: true, deadline: { utc: '2026-03-30T08:00:00.000Z' } });
    expect(o.gdpr_art33_1!.deadline!.local).toContain('2026-03-30 11:00');
    expect(o.gdpr_art33_1!.reasons.map((r) => r.code)).toContain('OBLIGATION.NO_ASSESSMENT_YET');
    // Art. 34 waits for the assessment; a controller has no Art. 33(2) duty.
    expect(o.gdpr_art34).toMatchObject({ status: 'not_required', required: false });
    expect(o.gdpr_art33_2).toBeUndefined();
  });

  it('runs no clock before awareness', async () => {
    const created = await incident(await org(), { awareAt: null });
    expect(await obligations(created.id)).toEqual({});
  });

  it('follows the assessment: unlikely closes Art. 33(1) with reasons, high risk opens Art. 34', async () => {
    const created = await incident(await org({ roles: ['controller'] }));
    await t.http.post(`/api/incidents/${created.id}/assessments`).send(unlikelyFacts()).expect(201);
    let o = await obligations(created.id);
    expect(o.gdpr_art33_1).toMatchObject({ status: 'not_required', required: false });
    expect(o.gdpr_art33_1!.reasons.map((r) => r.code)).toContain('OBLIGATION.ART33_1_NOT_REQUIRED_UNLIKELY');

    await t.http.post(`/api/incidents/${created.id}/assessments`).send(highRiskFacts()).expect(201);
    o = await obligations(created.id);
    expect(o.gdpr_art33_1).toMatchObject({ status: 'open' });
    expect(o.gdpr_art34).toMatchObject({ status: 'open', required: true, deadline: { utc: '2026-11-23T10:00:00.000Z' } });
  });

  it('gives a processor the Art. 33(2) duty with its contractual window, and UK GDPR appears with UK data subjects', async () => {
    const processor = await org({ roles: ['processor'], controllerNoticeWindowHours: 12 });
    const p = await obligations((await incident(processor)).id);
    expect(Object.keys(p)).toEqual(['gdpr_art33_2']);
    expect(p.gdpr_art33_2).toMatchObject({ status: 'open', deadline: { utc: '2026-11-20T22:00:00.000Z' } });

    const uk = await obligations((await incident(await org({ roles: ['controller'] }), { affectedCountries: ['FI', 'GB'] })).id);
    expect(uk.uk_gdpr_art33).toMatchObject({ status: 'open', deadline: { utc: '2026-11-23T10:00:00.000Z' } });
  });

  it('anchors the NIS2 final report on the actual filing of the notification, a calendar month later', async () => {
    const nis2 = await org({ roles: ['controller'], nis2Entity: true });
    const created = await incident(nis2, { occurredAt: null, detectedAt: '2026-10-30T08:00:00Z', awareAt: '2026-10-31T10:00:00Z' });
    let o = await obligations(created.id);
    expect(o.nis2_early_warning!.deadline!.utc).toBe('2026-11-01T10:00:00.000Z');
    expect(o.nis2_notification!.deadline!.utc).toBe('2026-11-03T10:00:00.000Z');
    expect(o.nis2_final_report).toMatchObject({ status: 'open', deadline: null });

    await t.http
      .post(`/api/incidents/${created.id}/obligations/${o.nis2_notification!.id}/fulfil`)
      .send({ submittedAt: '2026-11-02T09:00:00Z', reference: 'CSIRT-2026-117' })
      .expect(200);
    o = await obligations(created.id);
    expect(o.nis2_notification).toMatchObject({ status: 'fulfilled', onTime: true });
    // 2 November + 1 month, in Helsinki wall time.
    expect(o.nis2_final_report!.deadline!.utc).toBe('2026-12-02T09:00:00.000Z');
  });

  it('files on time or late, frozen at filing, and refuses bad filings', async () => {
    const created = await incident(await org({ roles: ['controller'] }));
    const art33 = (await obligations(created.id)).gdpr_art33_1!;
    const url = `/api/incidents/${created.id}/obligations/${art33.id}/fulfil`;

    const noReasons = await t.http.post(url).send({ submittedAt: '2026-11-23T11:00:00Z', reference: 'DPA-1' }).expect(422);
    expect(noReasons.body).toMatchObject({ code: 'OBLIGATION.DELAY_REASONS_REQUIRED', details: { fields: ['delayReasons'] } });
    const future = await t.http.post(url).send({ submittedAt: '2026-11-23T13:00:00Z', reference: 'DPA-1', delayReasons: 'forensics took longer' }).expect(422);
    expect(future.body.code).toBe('OBLIGATION.SUBMITTED_IN_FUTURE');
    const early = await t.http.post(url).send({ submittedAt: '2026-11-20T09:00:00Z', reference: 'DPA-1' }).expect(422);
    expect(early.body.code).toBe('OBLIGATION.SUBMITTED_BEFORE_ANCHOR');
    await t.http.post(url).send({ submittedAt: '2026-11-23T11:00:00', reference: 'DPA-1' }).expect(400);
    await t.http.post(url).send({ submittedAt: '2026-11-23T11:00:00Z' }).expect(400);
    expect((await obligations(created.id)).gdpr_art33_1!.status).toBe('open');

    const filed = await t.http
      .post(url)
      .send({ submittedAt: '2026-11-23T11:00:00Z', reference: 'DPA-2026-0042', delayReasons: 'The scope was confirmed by forensics only on Monday.' })
      .expect(200);
    expect(filed.body).toMatchObject({ status: 'fulfilled', onTime: false, reference: 'DPA-2026-0042', filedBy: TEST_ADMIN_EMAIL, timeLeftMs: null });
    const again = await t.http.post(url).send({ submittedAt: '2026-11-23T11:30:00Z', reference: 'DPA-2', delayReasons: 'second attempt here' }).expect(409);
    expect(again.body.code).toBe('OBLIGATION.ALREADY_FULFILLED');

    // A later assessment does not reopen or change a filed obligation.
    await t.http.post(`/api/incidents/${created.id}/assessments`).send(unlikelyFacts()).expect(201);
    expect((await obligations(created.id)).gdpr_art33_1).toMatchObject({ status: 'fulfilled', onTime: false });
  });

  it('lets awareAt move only with a reason while open, and freezes it once filed', async () => {
    const created = await incident(await org({ roles: ['controller'] }));
    const refused = await t.http.patch(`/api/incidents/${created.id}`).send({ awareAt: '2026-11-20T12:00:00Z' }).expect(422);
    expect(refused.body.code).toBe('INCIDENT.AWARE_AT_REASON_REQUIRED');
    await t.http
      .patch(`/api/incidents/${created.id}`)
      .send({ awareAt: '2026-11-20T12:00:00Z', awareAtChangeReason: 'The log review moved the moment of certainty.' })
      .expect(200);
    const art33 = (await obligations(created.id)).gdpr_art33_1!;
    expect(art33.deadline!.utc).toBe('2026-11-23T12:00:00.000Z');

    await t.http.post(`/api/incidents/${created.id}/obligations/${art33.id}/fulfil`).send({ submittedAt: '2026-11-22T12:00:00Z', reference: 'DPA-7' }).expect(200);
    const frozen = await t.http
      .patch(`/api/incidents/${created.id}`)
      .send({ awareAt: '2026-11-20T13:00:00Z', awareAtChangeReason: 'trying to move it after filing' })
      .expect(422);
    expect(frozen.body.code).toBe('INCIDENT.AWARE_AT_FROZEN');
  });

  it('keeps duties that lapse, with their reasons: waived by a signed decision, or a retracted incident', async () => {
    const nis2 = await org({ roles: ['controller'], nis2Entity: true });
    const created = await incident(nis2);
    const early = (await obligations(created.id)).nis2_early_warning!;
    const short = await t.http.post(`/api/incidents/${created.id}/obligations/${early.id}/waive`).send({ reason: 'not significant' }).expect(400);
    expect(short.body.details.fields).toEqual(['reason']);
    const waived = await t.http
      .post(`/api/incidents/${created.id}/obligations/${early.id}/waive`)
      .send({ reason: 'Not a significant incident: no service disruption and no material damage (NIS2 Art. 23(3)).' })
      .expect(200);
    expect(waived.body).toMatchObject({ status: 'not_required', waivedBy: TEST_ADMIN_EMAIL });

    await t.http.post(`/api/incidents/${created.id}/status`).send({ status: 'not_a_breach', reason: 'The exposed share held no personal data.' }).expect(200);
    const after = await obligations(created.id);
    expect(Object.values(after).every((o) => o.status === 'not_required')).toBe(true);
    expect(after.gdpr_art33_1!.reasons.map((r) => r.code)).toContain('OBLIGATION.NOT_A_BREACH');
  });

  it('recomputes when the organisation changes its flags', async () => {
    const orgId = await org({ roles: ['controller'] });
    const created = await incident(orgId);
    expect((await obligations(created.id)).dora_initial).toBeUndefined();
    await t.http.patch(`/api/organisations/${orgId}`).send({ doraFinancialEntity: true }).expect(200);
    expect((await obligations(created.id)).dora_initial).toMatchObject({ status: 'open', deadline: { utc: '2026-11-21T10:00:00.000Z' } });
    await t.http.patch(`/api/organisations/${orgId}`).send({ doraFinancialEntity: false }).expect(200);
    const lapsed = (await obligations(created.id)).dora_initial!;
    expect(lapsed).toMatchObject({ status: 'not_required' });
    expect(lapsed.reasons.map((r) => r.code)).toContain('OBLIGATION.NO_LONGER_APPLIES');
  });

  it('answers 404 for unknown obligations and incidents', async () => {
    const created = await incident(await org());
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.http.post(`/api/incidents/${created.id}/obligations/${missing}/fulfil`).send({ submittedAt: '2026-11-22T00:00:00Z', reference: 'x' }).expect(404)).body.code).toBe(
      'OBLIGATION.NOT_FOUND',
    );
    expect((await t.http.get(`/api/incidents/${missing}/obligations`).expect(404)).body.code).toBe('INCIDENT.NOT_FOUND');
  });
});
