import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { registerNdjsonParser } from './articles/ndjson-body';
import { createValidationPipe } from './common/http/validation';
import { AppConfig } from './config/app-config';

const CALLER_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Reuses a well-formed X-Request-Id from the caller, otherwise makes one; written back so pino-http sees it. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}

/** Builds the fully configured application (used by main.ts, the CLI-less tests and benchmarks alike). */
export async function createApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const { bodyLimit, importBodyLimit } = AppConfig.fromEnvironment();
  const adapter = new FastifyAdapter({ bodyLimit, genReqId: requestId, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true, abortOnError: false });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);

  const fastify = app.getHttpAdapter().getInstance();
  registerNdjsonParser(fastify, importBodyLimit);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
  });
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fact-check workflow API')
      .setDescription('Articles, claim extraction, review queues, verdicts and exports for newsroom fact-checking.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return app;
}
