import { FixedClock } from '../../src/shared/domain/clock.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { startWebhookReceiver } from '../setup/receivers.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('alert channels and the escalation ladder', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['controller'] })).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, lists and deletes channels without ever returning a secret', async () => {
    const webhook = await t.http
      .post(`/api/organisations/${orgId}/channels`)
      .send({ type: 'webhook', name: 'SOC', url: 'https://soc.example.test/hook', secret: 'super-secret-signing-key' })
      .expect(201);
    expect(webhook.body).toMatchObject({ type: 'webhook', url: 'https://soc.example.test/hook', hasSecret: true });
    expect(JSON.stringify(webhook.body)).not.toContain('super-secret-signing-key');
    await t.http.post(`/api/organisations/${orgId}/channels`).send({ type: 'slack', name: '#breach', url: 'https://hooks.slack.test/T000/B000/XXX' }).expect(201);
    await t.http.post(`/api/organisations/${orgId}/channels`).send({ type: 'email', name: 'DPO', to: ['dpo@example.test'] }).expect(201);

    const list = await t.http.get(`/api/organisations/${orgId}/channels`).expect(200);
    expect(list.body.items.map((c: { type: string }) => c.type)).toEqual(['webhook', 'slack', 'email']);
    expect(JSON.stringify(list.body)).not.toContain('super-secret-signing-key');

    await t.http.delete(`/api/organisations/${orgId}/channels/${webhook.body.id}`).expect(204);
    expect((await t.http.delete(`/api/organisations/${orgId}/channels/${webhook.body.id}`).expect(404)).body.code).toBe('CHANNEL.NOT_FOUND');
    expect((await t.http.get(`/api/organisations/${orgId}/channels`).expect(200)).body.items).toHaveLength(2);
  });

  it.each([
    ['an unknown channel type', { type: 'sms', name: 'x', url: 'https://x.test' }, 'type'],
    ['a webhook URL that is not http(s)', { type: 'webhook', name: 'x', url: 'ftp://files.example.test/hook', secret: 'a-long-enough-secret' }, 'url'],
    ['a javascript: URL', { type: 'slack', name: 'x', url: 'javascript:alert(1)' }, 'url'],
    ['a webhook without a secret', { type: 'webhook', name: 'x', url: 'https://x.test/hook' }, 'secret'],
    ['a short secret', { type: 'webhook', name: 'x', url: 'https://x.test/hook', secret: 'short' }, 'secret'],
    ['an e-mail channel without recipients', { type: 'email', name: 'x', to: [] }, 'to'],
    ['a bad e-mail address', { type: 'email', name: 'x', to: ['not-an-address'] }, 'to'],
    ['an unknown field', { type: 'email', name: 'x', to: ['a@b.test'], cc: ['c@d.test'] }, 'cc'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_label, body, field) => {
    const before = (await t.http.get(`/api/organisations/${orgId}/channels`).expect(200)).body.items.length;
    const res = await t.http.post(`/api/organisations/${orgId}/channels`).send(body).expect(400);
    expect(res.body.details.fields).toContain(field);
    expect((await t.http.get(`/api/organisations/${orgId}/channels`).expect(200)).body.items).toHaveLength(before);
  });

  it('answers 404 for channels of an unknown organisation', async () => {
    await t.http.get('/api/organisations/00000000-0000-4000-8000-000000000000/channels').expect(404);
  });

  it('serves the default ladder and re-plans pending rungs when it changes', async () => {
    const ladderOrg = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['controller'] })).expect(201)).body.id;
    expect((await t.http.get(`/api/organisations/${ladderOrg}/escalation-ladder`).expect(200)).body).toEqual({
      rungsBeforeHours: [48, 24, 12, 6, 1],
      atDeadline: true,
      overdueEveryHours: 12,
      isDefault: true,
    });
    const incident = (await t.http.post('/api/incidents').send(incidentBody(ladderOrg, { occurredAt: null, detectedAt: '2026-11-23T10:00:00Z', awareAt: '2026-11-23T11:00:00Z' })).expect(201)).body;

    await t.http.put(`/api/organisations/${ladderOrg}/escalation-ladder`).send({ rungsBeforeHours: [36, 2], atDeadline: false, overdueEveryHours: 6 }).expect(200);
    const pending = (await t.http.get(`/api/incidents/${incident.id}/escalations`).expect(200)).body.items.filter((e: { state: string }) => e.state === 'pending');
    expect(pending.map((e: { offsetMinutes: number }) => e.offsetMinutes)).toEqual([2160, 120, -360]);
    expect((await t.http.get(`/api/organisations/${ladderOrg}/escalation-ladder`).expect(200)).body.isDefault).toBe(false);
  });

  it.each([
    ['a negative rung', { rungsBeforeHours: [24, -1], atDeadline: true, overdueEveryHours: 12 }, 'LADDER.RUNG_NEGATIVE'],
    ['duplicate rungs', { rungsBeforeHours: [24, 24], atDeadline: true, overdueEveryHours: 12 }, 'LADDER.RUNG_DUPLICATE'],
    ['overdue reminders more often than hourly', { rungsBeforeHours: [24], atDeadline: true, overdueEveryHours: 0.5 }, 'LADDER.OVERDUE_TOO_FREQUENT'],
  ])('refuses %s with 400 and a code', async (_label, body, code) => {
    const res = await t.http.put(`/api/organisations/${orgId}/escalation-ladder`).send(body).expect(400);
    expect(res.body.code).toBe('ORGANISATION.INVALID_LADDER');
    expect(res.body.details.violations.map((v: { code: string }) => v.code)).toContain(code);
  });

  it('refuses a ladder with the wrong types naming the field', async () => {
    const res = await t.http.put(`/api/organisations/${orgId}/escalation-ladder`).send({ rungsBeforeHours: '48,24', atDeadline: 'yes', overdueEveryHours: 12 }).expect(400);
    expect(res.body.details.fields).toEqual(expect.arrayContaining(['rungsBeforeHours', 'atDeadline']));
  });
});

describe('the scheduler tick', () => {
  it('fires and delivers a due rung by itself when SCHEDULER_ENABLED is on', async () => {
    const receiver = await startWebhookReceiver();
    const t = await createTestApp(new FixedClock('2026-11-23T12:00:00Z'), { SCHEDULER_ENABLED: 'true', SCHEDULER_TICK_MS: '100' });
    try {
      const orgId = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['controller'] })).expect(201)).body.id;
      await t.http.post(`/api/organisations/${orgId}/channels`).send({ type: 'webhook', name: 'tick', url: receiver.url, secret: 'a-long-enough-webhook-secret' }).expect(201);
      const incident = (await t.http.post('/api/incidents').send(incidentBody(orgId, { occurredAt: null, detectedAt: '2026-11-20T13:00:00Z', awareAt: '2026-11-20T14:00:00Z' })).expect(201)).body;
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !receiver.received.some((r) => JSON.parse(r.body).incident.id === incident.id)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(receiver.received.filter((r) => JSON.parse(r.body).incident.id === incident.id)).toHaveLength(1);
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});
