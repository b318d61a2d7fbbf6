import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { HttpExceptionFilter } from './shared/http/http-exception.filter.js';
import { requestIdMiddleware } from './shared/http/request-context.js';
import { createValidationPipe } from './shared/http/validation.js';

export const BODY_LIMIT = '1mb';

/**
 * Builds the HTTP application exactly as production runs it; main.ts and the e2e tests
 * both call this, so tests exercise the real edges (body limits, pipes, filter, OpenAPI).
 */
export async function createApp(options: AppModuleOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    logger: loggerLevels(options.config.logLevel),
  });
  configureApp(app);
  return app;
}

export function configureApp(app: NestExpressApplication): OpenAPIObject {
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
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
