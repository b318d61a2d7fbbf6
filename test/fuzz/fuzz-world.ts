import fc from 'fast-check';
import { ClockService } from '../../src/modules/obligations/clock.service.js';
import { highRiskFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import type { TestApp } from '../setup/test-app.js';
import { dateTime, FUZZ_NOW, type Hints } from './json-schema-arbitrary.js';


/** One organisation's records, for one route: what one route's bodies change cannot disturb another's. */
export interface World {
  readonly organisation: string;
  readonly incident: string;
  readonly assessment: string;
  readonly obligation: string;
  readonly escalation: string;
  readonly channel: string;
  readonly user: string;
  readonly userEmail: string;
  readonly token: string;
}

let worlds = 0;

/** An organisation with an incident, its assessment and duties, an alert channel, a member and their token. */
export async function createWorld(t: TestApp): Promise<Omit<World, 'escalation'>> {
  worlds += 1;
  const http = t.http;
  const organisation = (await http.post('/api/organisations').send(organisationBody({ legalName: `Fuzz ${worlds} Oy` })).expect(201)).body.id as string;
  const incident = (
    await http
      .post('/api/incidents')
      .send(incidentBody(organisation, { occurredAt: '2026-11-22T08:00:00Z', detectedAt: '2026-11-22T09:00:00Z', awareAt: '2026-11-22T10:00:00Z', recordsApprox: 1200, subjectCategories: ['customers'], likelyConsequences: 'Phishing.', measuresTaken: 'Passwords reset.', measuresProposed: 'MFA.' }))
      .expect(201)
  ).body.id as string;
  const assessment = (await http.post(`/api/incidents/${incident}/assessments`).send(highRiskFacts()).expect(201)).body.id as string;
  const obligation = (await http.get(`/api/incidents/${incident}/obligations`).expect(200)).body.items[0].id as string;
  const channel = (await http.post(`/api/organisations/${organisation}/channels`).send({ type: 'webhook', name: 'On-call', url: 'http://127.0.0.1:9/hook', secret: 'a-fuzz-webhook-secret' }).expect(201)).body.id as string;
  const userEmail = `member-${worlds}@fuzz.test`;
  const user = (await http.post('/api/users').send({ email: userEmail, displayName: `Member ${worlds}`, role: 'dpo', organisationIds: [organisation] }).expect(201)).body.id as string;
  const token = (await http.post(`/api/users/${user}/tokens`).send({ name: 'fuzz' }).expect(201)).body.id as string;
  return { organisation, incident, assessment, obligation, channel, user, userEmail, token };
}

/** Moves the clock past the first rungs and fires them (as the scheduler would), then each world gets its escalation. */
export async function fireEscalations(t: TestApp, partial: ReadonlyArray<Omit<World, 'escalation'>>): Promise<World[]> {
  t.clock.set(new Date(FUZZ_NOW));
  await t.app.get(ClockService).runDue(t.clock.now());
  const complete: World[] = [];
  for (const w of partial) {
    const escalation = (await t.http.get(`/api/incidents/${w.incident}/escalations`).expect(200)).body.items[0].id as string;
    complete.push({ ...w, escalation });
  }
  return complete;
}

/** The path with each `{param}` replaced by the world's record of the collection before it. */
export function fillPath(template: string, world: World): string {
  const byCollection: Record<string, string> = {
    organisations: world.organisation,
    incidents: world.incident,
    assessments: world.assessment,
    obligations: world.obligation,
    escalations: world.escalation,
    channels: world.channel,
    users: world.user,
    tokens: world.token,
  };
  const segments = template.split('/');
  return segments
    .map((s, i) => {
      if (!s.startsWith('{')) return s;
      const id = byCollection[segments[i - 1] as string];
      if (!id) throw new Error(`no record for ${s} after /${segments[i - 1]} in ${template}: add one to the fuzz world`);
      return id;
    })
    .join('/');
}

const COUNTRIES = ['FI', 'SE', 'DE', 'FR', 'IE', 'GB', 'US', 'CH', 'NO', 'XX', 'fi', 'EU', 'ZZZ', ''];
const TIME_ZONES = ['Europe/Helsinki', 'UTC', 'Etc/GMT+12', 'Etc/GMT-14', 'America/St_Johns', 'Asia/Kathmandu', 'Mars/Olympus_Mons', 'europe/helsinki', '+02:00', ''];
const URLS = ['http://127.0.0.1:9/hook', 'https://hooks.example.com/breach', 'https://hooks.slack.com/services/T0/B0/x', 'ftp://example.com/x', 'javascript:alert(1)', 'http://[::1]:9/', 'http://user:pw@host/', 'not a url', 'http://', 'https://example.com/' + 'a'.repeat(3000)];
const HOURS = [48, 24, 12, 6, 1, 0.5, 1 / 60, 0.01, 720, 721, 0, -1, 1.5];

/** Real ids and plausible values by property name, so generated bodies reach the services. */
export function hintsFor(world: World, knownEmails: readonly string[]): Hints {
  const nowMs = Date.parse(FUZZ_NOW);
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    organisationId: fc.oneof({ weight: 5, arbitrary: fc.constant(world.organisation) }, { weight: 1, arbitrary: fc.uuid() }),
    organisationIds: fc.oneof({ weight: 5, arbitrary: fc.constant([world.organisation]) }, { weight: 1, arbitrary: fc.array(fc.oneof(fc.constant(world.organisation), fc.uuid()), { minLength: 1, maxLength: 3 }) }),
    country: fc.constantFrom(...COUNTRIES),
    mainEstablishmentCountry: fc.constantFrom(...COUNTRIES),
    representativeCountry: fc.constantFrom(...COUNTRIES),
    otherEstablishmentCountries: fc.array(fc.constantFrom(...COUNTRIES), { maxLength: 4 }),
    affectedCountries: fc.array(fc.constantFrom(...COUNTRIES), { maxLength: 4 }),
    timeZone: fc.constantFrom(...TIME_ZONES),
    email: fc.oneof(fc.emailAddress(), fc.constantFrom(...knownEmails)),
    to: fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 10 })), { maxLength: 3 }),
    url: fc.constantFrom(...URLS),
    rungsBeforeHours: fc.array(fc.constantFrom(...HOURS), { maxLength: 8 }),
    overdueEveryHours: fc.constantFrom(...HOURS),
    unavailableHours: fc.constantFrom(...HOURS),
    // Tokens must expire in the future: mostly the coming weeks, sometimes the past.
    expiresAt: fc.oneof(fc.integer({ min: nowMs - 86_400_000, max: nowMs + 400 * 86_400_000 }).map((ms) => new Date(ms).toISOString()), dateTime()),
  };
  return (property) => byName[property];
}
