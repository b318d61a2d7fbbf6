import fc from 'fast-check';
import type { LoggerService } from '@nestjs/common';
import type { Response } from 'supertest';
import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { createTestApp, TEST_ADMIN_EMAIL, type TestApp } from '../setup/test-app.js';
import { bodies, describeBody, type FuzzBody, toJsonText } from './body-mutations.js';
import { changedTables, type Fingerprint, fingerprinter } from './db-fingerprint.js';
import { createWorld, fillPath, fireEscalations, hintsFor, type World } from './fuzz-world.js';
import { arbitraryFor, resolve, type SchemaContext, type SchemaObject } from './json-schema-arbitrary.js';

type Method = 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method | 'get', Operation>>>;
  components: { schemas: Record<string, SchemaObject> };
}

/** Bodies per route; with a fixed seed per route, every run sends the same ones. */
const RUNS_PER_ROUTE = 1000;
/**
 * Triage: FUZZ_COLLECT=1 lists every distinct 5xx (by route and logged error) with the
 * shortest body that caused it, instead of stopping each route at its first (shrunk) one.
 */
const COLLECT = process.env.FUZZ_COLLECT === '1';
const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'code', 'details', 'requestId']);

/**
 * 4xx answers that write by design (docs/security.md): a failed login is counted in
 * login_failures, and a login refused for too many failures is written to the audit trail.
 */
const ALLOWED_4XX_WRITES: Record<string, Record<number, { tables: string[]; auditActions?: string[] }>> = {
  'POST /api/auth/login': {
    401: { tables: ['login_failures'] },
    429: { tables: ['audit_entries', 'audit_heads'], auditActions: ['auth.locked_out'] },
  },
};

/** A logged error's first line, without its request and record ids. */
const signatureOf = (logged: string): string => (logged.split('\n')[0] ?? '').replace(/\[request [^\]]+\]/, '').replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 300);

/** Seed from the route's name: adding a route does not change the bodies of the others. */
function seedOf(route: string): number {
  let h = 0x811c9dc5;
  for (const c of route) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h | 0;
}

function errorShapeProblems(res: Response): string[] {
  const problems: string[] = [];
  if (!String(res.headers['content-type']).startsWith('application/json')) problems.push(`content-type ${res.headers['content-type']}`);
  const body = res.body as Record<string, unknown>;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [...problems, 'body is not an object'];
  if (body.statusCode !== res.status) problems.push(`statusCode ${String(body.statusCode)} for a ${res.status}`);
  if (typeof body.error !== 'string' || body.error === '') problems.push('error is not a string');
  if (typeof body.message !== 'string' || body.message === '') problems.push('message is not a string');
  if (body.code !== undefined && typeof body.code !== 'string') problems.push('code is not a string');
  if (typeof body.requestId !== 'string' || body.requestId === '') problems.push('requestId missing');
  const unknown = Object.keys(body).filter((k) => !ERROR_KEYS.has(k));
  if (unknown.length > 0) problems.push(`unknown keys ${unknown.join(', ')}`);
  return problems;
}

/**
 * Issue 8: over every request body in the OpenAPI document, 1,000 generated or mutated
 * bodies per route never produce a 5xx, every 4xx is the documented error shape, and a 4xx
 * leaves the database (the audit trail included) as it was.
 */
describe('fuzz: every request body of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let fingerprint: () => Promise<Fingerprint>;
  const serverErrors: string[] = [];
  /** FUZZ_COLLECT: each distinct failure, with the shortest body seen for it. */
  const collected = new Map<string, string>();
  const collect = (signature: string, sent: string): void => {
    const shortest = collected.get(signature);
    if (shortest === undefined || shortest.length > sent.length) collected.set(signature, sent.slice(0, 400));
  };
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

  beforeAll(async () => {
    t = await createTestApp();
    // The 500s' stack traces, for the failure report (and nothing else on the console).
    const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: (...parts: unknown[]) => void serverErrors.push(parts.map(String).join(' ')) };
    t.app.useLogger(logger);
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    fingerprint = await fingerprinter(t.db);
  }, 60_000);
  afterAll(async () => {
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  function routesWithBodies(): Array<{ route: string; method: Method; template: string; schema: SchemaObject }> {
    const routes = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations) as Array<[Method, Operation]>) {
        const content = operation.requestBody?.content;
        if (!content) continue;
        const json = content['application/json'];
        if (!json) throw new Error(`${method.toUpperCase()} ${template} takes no application/json body: teach the fuzzer its media type`);
        routes.push({ route: `${method.toUpperCase()} ${template}`, method, template, schema: json.schema });
      }
    }
    return routes;
  }

  async function send(method: Method, url: string, body: FuzzBody, anonymous: boolean): Promise<Response> {
    const req = (anonymous ? t.anon : t.http)[method](url);
    if (body.kind === 'json') return req.set('content-type', 'application/json').send(toJsonText(body.value));
    if (body.contentType !== null) req.set('content-type', body.contentType);
    return req.send(body.text);
  }

  /** The tables a 4xx changed, less those it may change by design; and audit entries it must not add. */
  async function forbiddenChanges(route: string, status: number, before: Fingerprint, after: Fingerprint): Promise<string[]> {
    const allowed = ALLOWED_4XX_WRITES[route]?.[status];
    const changed = changedTables(before, after).filter((table) => !allowed?.tables.includes(table));
    if (allowed?.auditActions && changedTables(before, after).includes('audit_entries')) {
      const newestBefore = Number((before.audit_entries ?? '0/0').split('/')[1]);
      const rows: Array<{ action: string }> = await t.db.query(`SELECT action FROM audit_entries WHERE xmin::text::bigint > $1`, [newestBefore]);
      const unexpected = rows.filter((r) => !allowed.auditActions?.includes(r.action)).map((r) => `audit_entries(${r.action})`);
      changed.push(...unexpected);
    }
    return changed;
  }

  it('never answers 5xx, answers 4xx in the documented shape, and a 4xx changes nothing', async () => {
    const routes = routesWithBodies();
    expect(routes.length).toBeGreaterThanOrEqual(17);
    const partial = [];
    for (let i = 0; i < routes.length; i += 1) partial.push(await createWorld(t));
    const worlds: World[] = await fireEscalations(t, partial);
    // The first request at the new time records each token's last use: not a fuzz request's doing.
    await t.http.get('/api/users/me').expect(200);

    const ctx = (world: World): SchemaContext => ({ components: doc.components.schemas, hints: hintsFor(world, [TEST_ADMIN_EMAIL, ...worlds.map((w) => w.userEmail)]) });
    const failures: string[] = [];
    const summary: Array<Record<string, string | number>> = [];
    for (const [i, { route, method, template, schema }] of routes.entries()) {
      const world = worlds[i] as World;
      const url = fillPath(template, world);
      const context = ctx(world);
      const valid = arbitraryFor(schema, context);
      const keys = Object.keys(resolve(schema, context).properties ?? {});
      const anonymous = route === 'POST /api/auth/login';
      const statuses = new Map<string, number>();
      const started = Date.now();
      let requests = 0;

      const property = fc.asyncProperty(bodies(valid, keys), async (body) => {
        const before = await fingerprint();
        const errorsBefore = serverErrors.length;
        const res = await send(method, url, body, anonymous);
        requests += 1;
        const key = `${res.status}${typeof res.body?.code === 'string' ? ` ${res.body.code}` : ''}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const sent = describeBody(body);
        if (res.status >= 500) {
          const logged = serverErrors.slice(errorsBefore).map((e) => e.split('\n').slice(0, 6).join('\n'));
          if (COLLECT) return collect(`${route} ${res.status}: ${logged.map(signatureOf).join(' | ')}`, sent);
          throw new Error(`${route} answered ${res.status} ${JSON.stringify(res.body)} to ${sent}\nserver: ${logged.join('\n') || '(nothing logged)'}`);
        }
        if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys || ({} as Record<string, unknown>).polluted !== undefined) {
          throw new Error(`${route}: Object.prototype polluted by ${sent}`);
        }
        if (res.status < 400) return;
        const shape = errorShapeProblems(res);
        if (shape.length > 0) throw new Error(`${route} ${res.status} body not in the error shape (${shape.join('; ')}): ${res.text.slice(0, 300)} for ${sent}`);
        const changed = await forbiddenChanges(route, res.status, before, await fingerprint());
        if (changed.length > 0) throw new Error(`${route} ${res.status} ${String(res.body.code)} changed ${changed.join(', ')} for ${sent}`);
      });
      try {
        await fc.assert(property, { seed: seedOf(route), numRuns: RUNS_PER_ROUTE, includeErrorInReport: true });
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      const byClass = [...statuses.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}: ${n}`);
      summary.push({ route, requests, seconds: Math.round((Date.now() - started) / 100) / 10, statuses: byClass.join(', ') });
    }
    if (COLLECT) failures.push(...[...collected].map(([signature, body]) => `${signature}\n   shortest body: ${body}`));
    console.log(summary.map((s) => `${s.route}: ${s.requests} requests in ${s.seconds} s\n    ${s.statuses}`).join('\n'));
    expect(failures).toEqual([]);
  }, 900_000);
});
