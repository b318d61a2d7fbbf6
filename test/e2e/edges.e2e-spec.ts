import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { configureApp, createAdapter } from '../../src/app.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('HTTP edges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database health without authentication', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up', error: null }, browser: { status: expect.stringMatching(/^(idle|running)$/) } });
    expect(typeof res.body.database.latencyMs).toBe('number');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await t.http.get('/api/no-such-thing').expect(404).expect('Content-Type', /json/);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'ROUTE.NOT_FOUND' });
    await t.http.delete('/api/incidents').expect(404);
  });

  it('keeps the caller request id when it is sane and replaces it otherwise', async () => {
    const kept = await t.http.get('/api/health').set('X-Request-Id', 'trace-abc.123').expect(200);
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const replaced = await t.http.get('/api/health').set('X-Request-Id', '<script>').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI document with every route and its schemas', async () => {
    await t.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /api/health',
        'GET /api/organisations',
        'POST /api/organisations',
        'GET /api/organisations/{id}',
        'PATCH /api/organisations/{id}',
        'GET /api/incidents',
        'POST /api/incidents',
        'GET /api/incidents/{id}',
        'PATCH /api/incidents/{id}',
        'POST /api/incidents/{id}/status',
        'GET /api/incidents/{id}/timeline',
        'POST /api/assessments/evaluate',
        'POST /api/incidents/{id}/assessments',
        'GET /api/incidents/{id}/assessments',
        'GET /api/incidents/{id}/assessments/{aid}',
        'POST /api/incidents/{id}/assessments/{aid}/override',
        'GET /api/organisations/{id}/escalation-ladder',
        'PUT /api/organisations/{id}/escalation-ladder',
        'POST /api/organisations/{id}/channels',
        'GET /api/organisations/{id}/channels',
        'DELETE /api/organisations/{id}/channels/{cid}',
        'GET /api/incidents/{id}/obligations',
        'POST /api/incidents/{id}/obligations/{oid}/fulfil',
        'POST /api/incidents/{id}/obligations/{oid}/waive',
        'GET /api/incidents/{id}/escalations',
        'POST /api/incidents/{id}/escalations/{eid}/ack',
        'GET /api/deliveries',
        'POST /api/deliveries/{did}/retry',
        'POST /api/incidents/{id}/documents',
        'GET /api/incidents/{id}/documents',
        'GET /api/documents/{id}',
        'GET /api/documents/{id}/pdf',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'GET /api/auth/session',
        'POST /api/users',
        'GET /api/users',
        'GET /api/users/me',
        'PUT /api/users/me/password',
        'GET /api/users/{id}',
        'PATCH /api/users/{id}',
        'POST /api/users/{id}/tokens',
        'GET /api/users/{id}/tokens',
        'DELETE /api/tokens/{id}',
        'GET /api/audit',
        'GET /api/audit/verify',
        'GET /api/register',
      ].sort(),
    );
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: unknown }>; requestBody?: unknown }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses).find(([code]) => code.startsWith('2'));
        const noContent = success?.[0] === '204';
        expect({ route: `${method} ${path}`, hasSchema: noContent || Boolean(success?.[1].content) }).toEqual({ route: `${method} ${path}`, hasSchema: true });
        if (['post', 'patch', 'put'].includes(method) && !/\/(ack|retry|logout)$/.test(path)) expect({ route: `${method} ${path}`, body: Boolean(op.requestBody) }).toEqual({ route: `${method} ${path}`, body: true });
      }
    }
    expect(doc.components.schemas.CreateIncidentDto.required).toEqual(expect.arrayContaining(['organisationId', 'title', 'detectedAt']));
  });
});

@Controller('api/boom')
class BoomController {
  @Get()
  boom(): never {
    throw new Error('connection to 10.0.0.5 refused for user breach_admin');
  }
}

@Module({ controllers: [BoomController] })
class BoomModule {}

describe('unexpected errors', () => {
  it('become a 500 with a request id and no internals', async () => {
    const app = await NestFactory.create<NestFastifyApplication>(BoomModule, createAdapter(), { logger: false });
    await configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const res = await request(app.getHttpServer()).get('/api/boom').expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Unexpected error. Quote the request id to your administrator.',
        requestId: res.headers['x-request-id'],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/10\.0\.0\.5|breach_admin|Error:/);
    } finally {
      await app.close();
    }
  });
});
