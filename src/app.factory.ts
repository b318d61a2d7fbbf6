import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { HttpExceptionFilter } from './shared/http/http-exception.filter.js';
import { createValidationPipe } from './shared/http/validation.js';

/** Largest accepted request body: 1 MB (413 above). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Fastify, not Express: on this class of machine Express 5 answers a trivial route about
 * 6,000 times a second and Fastify about 40,000 (bench/results/http-adapters.json), and the
 * API has latency targets at 50 concurrent clients.
 */
export function createAdapter(): FastifyAdapter {
  return new FastifyAdapter({
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
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), createAdapter(), {
    logger: loggerLevels(options.config.logLevel),
  });
  configureApp(app);
  return app;
}

export function configureApp(app: NestFastifyApplication): OpenAPIObject {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  return setUpOpenApi(app);
}

function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('breach-clock')
    .setDescription(
      'Personal-data breach tracker: incidents, GDPR Art. 33/34 assessment, deadline clocks, notices and the Art. 33(5) register. ' +
        'Errors are { statusCode, error, message, code?, details?, requestId }.',
    )
    .setVersion('0.1.0')
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
