import { highRiskFacts } from '../../factories/breach-facts.factory.js';
import { incidentBody } from '../../factories/incident.factory.js';
import { call, type Exchange, expectStatus } from './http.js';
import { descendants, type FaultService, hoursAgo } from './service.js';

/** The browser the Chromium fault tests run the service with. */
export const CHROMIUM = '/usr/bin/chromium-headless-shell';
export const NOTICE = { kind: 'authority_notification', language: 'en', phase: 'initial' };

/** The facts a complete initial notice draws on (test/e2e/documents.e2e-spec.ts). */
const FACTS = {
  recordsApprox: 3600,
  subjectCategories: ['customers', 'customer employees'],
  likelyConsequences: 'Targeted phishing against the employees whose contact details were copied.',
  measuresTaken: 'Session closed, credentials rotated, logs preserved.',
  measuresProposed: 'Enforce session time-outs on remote-support tools.',
};

/** The Chromium processes under the service. */
export const chromiumOf = (service: FaultService) => descendants(service.pid, /chrom/i).map((p) => p.pid);

/** `count` incidents of the organisation, aware an hour ago and assessed high risk: each can have an authority notification. */
export async function noticeReadyIncidents(base: string, token: string, orgId: string, count: number): Promise<string[]> {
  const incidents: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = incidentBody(orgId, { role: 'controller', affectedCountries: ['FI', 'SE'], occurredAt: hoursAgo(3), detectedAt: hoursAgo(2), awareAt: hoursAgo(1), ...FACTS });
    const id = expectStatus(await call(base, token, 'POST', '/api/incidents', 'incident', { body }), 201).body.id as string;
    expectStatus(await call(base, token, 'POST', `/api/incidents/${id}/assessments`, 'assess', { body: highRiskFacts({ subjectsCount: 1200 }) }), 201);
    incidents.push(id);
  }
  return incidents;
}

/** POST a notice for the incident (tagged with its id); a minute before it counts as a hang. */
export const renderNotice = (base: string, token: string, incident: string): Promise<Exchange> =>
  call(base, token, 'POST', `/api/incidents/${incident}/documents`, 'render', { body: NOTICE, tag: incident, timeoutMs: 60_000 });
