import { createHmac } from 'node:crypto';
import { DeliveryService } from '../../src/modules/alerts/delivery.service.js';
import { ClockService } from '../../src/modules/obligations/clock.service.js';
import { FixedClock } from '../../src/shared/domain/clock.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { startSmtpReceiver, startWebhookReceiver } from '../setup/receivers.js';
import { createTestApp, type TestApp, TEST_ADMIN_EMAIL } from '../setup/test-app.js';

interface Escalation {
  id: string;
  obligationId: string;
  offsetMinutes: number;
  state: string;
  late: boolean;
  dueAt: string;
  deliveries: Array<{ id: string; state: string; attempts: number }>;
}

const SECRET = 'a-long-enough-webhook-secret';
const HOUR = 3_600_000;

describe('escalation clock and alert delivery', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    t = await createTestApp();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  const afterThis: Array<() => Promise<void>> = [];
  beforeEach(() => {
    t.clock.set('2026-11-23T12:00:00Z');
    receiver.received.length = 0;
  });
  afterEach(async () => {
    for (const close of afterThis.splice(0)) await close();
  });

  const runDue = () => t.app.get(ClockService).runDue(t.clock.now());
  const deliverDue = () => t.app.get(DeliveryService).deliverDue(t.clock.now());
  const escalations = async (incidentId: string): Promise<Escalation[]> => (await t.http.get(`/api/incidents/${incidentId}/escalations`).expect(200)).body.items;
  const byState = (rows: Escalation[], state: string) => rows.filter((r) => r.state === state).map((r) => r.offsetMinutes);

  /** A controller organisation with one webhook channel, and an incident aware at `awareAt`. */
  async function setUp(awareAt: string, url = receiver.url) {
    const orgId = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['controller'] })).expect(201)).body.id as string;
    await t.http.post(`/api/organisations/${orgId}/channels`).send({ type: 'webhook', name: 'on-call', url, secret: SECRET }).expect(201);
    const detectedAt = new Date(new Date(awareAt).getTime() - HOUR).toISOString();
    const incident = (await t.http.post('/api/incidents').send(incidentBody(orgId, { occurredAt: null, detectedAt, awareAt })).expect(201)).body;
    return { orgId, incident };
  }

  it('plans the default ladder from awareness and fires each rung once, at its time, signed', async () => {
    const { incident } = await setUp('2026-11-23T11:00:00Z'); // due 2026-11-26T11:00Z
    expect(byState(await escalations(incident.id), 'pending')).toEqual([2880, 1440, 720, 360, 60, 0, -720]);

    await runDue();
    expect(byState(await escalations(incident.id), 'fired')).toEqual([]);

    t.clock.set('2026-11-24T11:00:00Z'); // 48 h before
    await runDue();
    await runDue();
    const fired = (await escalations(incident.id)).filter((e) => e.state === 'fired');
    expect(fired.map((e) => [e.offsetMinutes, e.late])).toEqual([[2880, false]]);

    await deliverDue();
    const sent = receiver.received.filter((r) => JSON.parse(r.body).incident.id === incident.id);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ event: 'breach.escalation', incident: { reference: incident.reference }, obligation: { kind: 'gdpr_art33_1', dueAt: '2026-11-26T11:00:00.000Z' }, rung: { offsetMinutes: 2880 } });
    expect(request!.headers['x-breach-delivery']).toBe(fired[0]!.deliveries[0]!.id);
    const expected = `sha256=${createHmac('sha256', SECRET).update(request!.body).digest('hex')}`;
    expect(request!.headers['x-breach-signature']).toBe(expected);
    expect((await escalations(incident.id)).find((e) => e.offsetMinutes === 2880)!.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('fires only the latest passed rung, marked late, for an incident recorded with rungs already past', async () => {
    const { incident } = await setUp('2026-11-20T14:00:00Z'); // due 2026-11-23T14:00Z: 2 h left
    const planned = await escalations(incident.id);
    expect(byState(planned, 'skipped')).toEqual([2880, 1440, 720]);
    expect(planned.find((e) => e.offsetMinutes === 360)).toMatchObject({ state: 'pending', late: true });

    await runDue();
    const after = await escalations(incident.id);
    expect(byState(after, 'fired')).toEqual([360]);
    expect(byState(after, 'pending')).toEqual([60, 0, -720]);
  });

  it('fires each rung exactly once when several instances tick at the same time', async () => {
    const incidents = await Promise.all(Array.from({ length: 5 }, () => setUp('2026-11-20T14:30:00Z')));
    const other = await createTestApp(new FixedClock('2026-11-23T12:00:00Z'));
    try {
      const clocks = [t.app.get(ClockService), other.app.get(ClockService)];
      await Promise.all([0, 1, 2, 3, 4, 5].map((i) => clocks[i % 2]!.runDue(t.clock.now())));
    } finally {
      await other.close();
    }
    for (const { incident } of incidents) {
      const rows = await escalations(incident.id);
      expect(byState(rows, 'fired')).toEqual([360]);
      expect(rows.find((e) => e.offsetMinutes === 360)!.deliveries).toHaveLength(1);
    }
  });

  it('retries a failing webhook with the same idempotency key until it is delivered once', async () => {
    const flaky = await startWebhookReceiver([500, 500, 500, 200]); // its own receiver: other incidents fire too
    try {
      const { incident } = await setUp('2026-11-20T14:00:00Z', flaky.url);
      await runDue();
      for (let i = 0; i < 4; i += 1) {
        await deliverDue();
        t.clock.advance(60_000); // beyond every backoff so far (5 s, 10 s, 20 s)
      }
      expect(flaky.received).toHaveLength(4);
      expect(flaky.received.every((r) => JSON.parse(r.body).incident.id === incident.id)).toBe(true);
      expect(new Set(flaky.received.map((r) => r.headers['x-breach-delivery'])).size).toBe(1);
      const delivery = (await escalations(incident.id)).find((e) => e.state === 'fired')!.deliveries[0]!;
      expect(delivery).toMatchObject({ state: 'delivered', attempts: 4, id: flaky.received[0]!.headers['x-breach-delivery'] });
      await deliverDue();
      expect(flaky.received).toHaveLength(4);
    } finally {
      await flaky.close();
    }
  });

  it('dead-letters a permanent failure, shows it through the API, and can send it again', async () => {
    const gone = await startWebhookReceiver([404]);
    afterThis.push(() => gone.close());
    const { incident } = await setUp('2026-11-20T14:00:00Z', gone.url);
    await runDue();
    await deliverDue();
    const delivery = (await escalations(incident.id)).find((e) => e.state === 'fired')!.deliveries[0]!;
    expect(delivery).toMatchObject({ state: 'dead', attempts: 1 });
    const dead = (await t.http.get('/api/deliveries').query({ state: 'dead' }).expect(200)).body.items;
    expect(dead.map((d: { id: string }) => d.id)).toContain(delivery.id);
    expect(dead.find((d: { id: string }) => d.id === delivery.id).lastError).toMatch(/404/);

    await t.http.post(`/api/deliveries/${delivery.id}/retry`).expect(200);
    await deliverDue();
    expect((await escalations(incident.id)).find((e) => e.state === 'fired')!.deliveries[0]).toMatchObject({ state: 'delivered', id: delivery.id });
    expect((await t.http.post(`/api/deliveries/${delivery.id}/retry`).expect(422)).body.code).toBe('DELIVERY.NOT_DEAD');
    // The trail: given up, then sent again by a person (retries and deliveries are the outbox's).
    const trail: Array<{ action: string; actor: string }> = await t.db.query(`SELECT action, actor FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [delivery.id]);
    expect(trail).toEqual([
      { action: 'delivery.dead', actor: 'system:delivery' },
      { action: 'delivery.retried', actor: TEST_ADMIN_EMAIL },
    ]);
  });

  it('repeats overdue reminders every 12 h and backs off after an acknowledgement', async () => {
    const { incident } = await setUp('2026-11-20T12:30:00Z'); // due 2026-11-23T12:30Z
    t.clock.set('2026-11-23T12:30:00Z');
    await runDue();
    expect(byState(await escalations(incident.id), 'pending')).toEqual([-720]);
    t.clock.set('2026-11-24T00:30:00Z');
    await runDue();
    let rows = await escalations(incident.id);
    expect(byState(rows, 'pending')).toEqual([-1440]);

    const overdue = rows.find((e) => e.offsetMinutes === -720)!;
    const ack = await t.http.post(`/api/incidents/${incident.id}/escalations/${overdue.id}/ack`).expect(200);
    expect(ack.body).toMatchObject({ acknowledgedBy: TEST_ADMIN_EMAIL });
    rows = await escalations(incident.id);
    expect(byState(rows, 'pending')).toEqual([-720 - 1440]); // the next one waits 24 h instead of 12 h
    expect((await t.http.post(`/api/incidents/${incident.id}/escalations/${overdue.id}/ack`).expect(409)).body.code).toBe('ESCALATION.ALREADY_ACKNOWLEDGED');
    const pending = rows.find((e) => e.state === 'pending')!;
    expect((await t.http.post(`/api/incidents/${incident.id}/escalations/${pending.id}/ack`).expect(422)).body.code).toBe('ESCALATION.NOT_FIRED');
  });

  it('stops the ladder once the obligation is filed', async () => {
    const { incident } = await setUp('2026-11-23T11:00:00Z');
    const obligation = (await t.http.get(`/api/incidents/${incident.id}/obligations`).expect(200)).body.items.find((o: { kind: string }) => o.kind === 'gdpr_art33_1');
    await t.http.post(`/api/incidents/${incident.id}/obligations/${obligation.id}/fulfil`).send({ submittedAt: '2026-11-23T11:30:00Z', reference: 'DPA-9' }).expect(200);
    const rows = await escalations(incident.id);
    expect(byState(rows, 'pending')).toEqual([]);
    t.clock.set('2026-11-27T00:00:00Z');
    await runDue();
    expect(byState(await escalations(incident.id), 'fired')).toEqual([]);
  });

  it('e-mails through SMTP with the idempotency key', async () => {
    const smtp = await startSmtpReceiver();
    const mailer = await createTestApp(new FixedClock('2026-11-23T12:00:00Z'), { SMTP_URL: smtp.url });
    try {
      const orgId = (await mailer.http.post('/api/organisations').send(organisationBody({ roles: ['controller'] })).expect(201)).body.id;
      await mailer.http.post(`/api/organisations/${orgId}/channels`).send({ type: 'email', name: 'DPO', to: ['dpo@example.test'] }).expect(201);
      const incident = (await mailer.http.post('/api/incidents').send(incidentBody(orgId, { title: 'Phishing <b>mailbox</b>', occurredAt: null, detectedAt: '2026-11-20T13:00:00Z', awareAt: '2026-11-20T14:00:00Z' })).expect(201)).body;
      await mailer.app.get(ClockService).runDue(mailer.clock.now());
      await mailer.app.get(DeliveryService).deliverDue(mailer.clock.now());
      const mail = smtp.mails.find((m) => m.raw.includes(incident.reference));
      expect(mail).toBeDefined();
      expect(mail!.to).toEqual(['dpo@example.test']);
      const rung = (await mailer.http.get(`/api/incidents/${incident.id}/escalations`).expect(200)).body.items.find((e: Escalation) => e.state === 'fired');
      expect(mail!.raw).toMatch(new RegExp(`X-Breach-Delivery: ${rung.deliveries[0].id}`, 'i'));
      expect(mail!.raw).toContain('&lt;b&gt;mailbox&lt;/b&gt;'); // escaped in the HTML part
    } finally {
      await mailer.close();
      await smtp.close();
    }
  });
});
