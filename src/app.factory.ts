import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { AuthenticationService } from './modules/auth/authentication.service.js';
import { credentialsOf } from './modules/auth/credentials.js';
import { createPageHandlebars, PAGE_COMPILE_OPTIONS, pagePartials, publicRoot, templatesRoot } from './modules/web/page-engine.js';

const require = createRequire(import.meta.url);
import { HttpExceptionFilter } from './shared/http/http-exception.filter.js';
import { securityHeaders } from './shared/http/security-headers.js';
import { createValidationPipe } from './shared/http/validation.js';

/** Largest accepted request body: 1 MB (413 above). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Fastify, not Express: on this class of machine Express 5 answers a trivial route about
 * 6,000 times a second and Fastify about 40,000 (bench/results/http-adapters.json), and the
 * API has latency targets at 50 concurrent clients.
 */
export function createAdapter(trustProxy = false): FastifyAdapter {
  return new FastifyAdapter({
    // Behind a TLS-terminating proxy (TRUST_PROXY=true): client address and https from X-Forwarded-*.
    trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // Keep the caller's X-Request-Id when it is sane, otherwise make one; echoed on every answer.
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    },
    logger: false,
    return503OnClosing: true,
  });
}

/**
 * Builds the HTTP application exactly as production runs it; main.ts and the e2e tests
 * both call this, so tests exercise the real edges (body limits, pipes, filter, OpenAPI).
 */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), createAdapter(options.config.trustProxy), {
    logger: loggerLevels(options.config.logLevel),
  });
  await configureApp(app, app.get(AuthenticationService));
  return app;
}

/** `auth` absent: a bare application without accounts (tests of the HTTP edges). */
export async function configureApp(app: NestFastifyApplication, auth?: AuthenticationService): Promise<OpenAPIObject> {
  const fastify = app.getHttpAdapter().getInstance();
  const headers = securityHeaders({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers).header('x-request-id', request.id);
    if (formPostToApi(request)) {
      void reply.status(415).header('content-type', 'application/json; charset=utf-8').send({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Send the request body as application/json',
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        requestId: request.id,
      });
      return;
    }
    done();
  });
  await app.register(fastifyCookie);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  if (auth) {
    protectDocs(app, auth);
    setUpPages(app);
  }
  return setUpOpenApi(app);
}

/**
 * The JSON API reads JSON only. The pages' form parser is registered for the whole server, and
 * a form post is what any page on the web can make to us without asking (no CORS preflight):
 * accepted on /api/auth/login it would let a foreign page sign a visitor into another account.
 * So a body on /api/ that is not JSON is refused before any route sees it.
 */
function formPostToApi(request: FastifyRequest): boolean {
  if (!request.url.startsWith('/api/')) return false;
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  return hasBody && !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}

/**
 * Pages and documents load nothing from elsewhere: scripts and styles from this origin only
 * (Swagger UI needs inline styles), no framing, forms post here only.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  baseUri: ["'self'"],
};

/**
 * The pages: templates/pages through Nest's view support (@fastify/view) with a strict
 * private Handlebars, the layout around every page; /assets/ serves our CSS and script and
 * Pico CSS from its package.
 */
const ASSETS: ReadonlySet<string> = new Set(['/app.css', '/app.js', '/pico.min.css']);

function setUpPages(app: NestFastifyApplication): void {
  const pico = path.dirname(require.resolve('@picocss/pico/css/pico.min.css'));
  app.useStaticAssets({ root: [publicRoot(), pico], prefix: '/assets/', index: false, maxAge: '1h', allowedPath: (file) => ASSETS.has(file) });
  app.setViewEngine({
    engine: { handlebars: createPageHandlebars() },
    templates: path.join(templatesRoot(), 'pages'),
    layout: 'layout',
    production: true,
    options: { compileOptions: PAGE_COMPILE_OPTIONS, partials: pagePartials() },
  });
}

/**
 * The OpenAPI document and its UI are served by Swagger outside Nest's guards: the same
 * credentials are checked here (only /api/health answers without them).
 */
function protectDocs(app: NestFastifyApplication, auth: AuthenticationService): void {
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/docs')) return;
    const credentials = credentialsOf(request);
    const principal = credentials.bearer !== undefined ? await auth.byToken(credentials.bearer) : credentials.session !== undefined ? await auth.bySession(credentials.session) : null;
    if (principal) return;
    await reply
      .status(401)
      .header('www-authenticate', 'Bearer realm="breach-clock"')
      .header('content-type', 'application/json; charset=utf-8')
      .send({ statusCode: 401, error: 'Unauthorized', message: 'Authentication required: send Authorization: Bearer <token>, or sign in', code: 'AUTH.UNAUTHENTICATED', requestId: request.id });
  });
}

function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('breach-clock')
    .setDescription(
      'Personal-data breach tracker: incidents, GDPR Art. 33/34 assessment, deadline clocks, notices and the Art. 33(5) register. ' +
        'Errors are { statusCode, error, message, code?, details?, requestId }.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (POST /api/users/:id/tokens)' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
  return document;
}

type Level = 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
const ORDER: Level[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function loggerLevels(level: Level): Level[] {
  return ORDER.slice(0, ORDER.indexOf(level) + 1);
}
