import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppModule } from './app.module';
import { registerNdjsonParser } from './articles/ndjson-body';
import { applyRouteBodyLimits } from './common/decorators/body-limit.decorator';
import { frameworkErrors } from './common/errors/framework-errors';
import { useBoundedJsonParser } from './common/http/bounded-json';
import { createValidationPipe } from './common/http/validation';
import { buildOpenApiDocument } from './common/openapi/openapi-document';
import { AppConfig } from './config/app-config';
import { MetricsService } from './metrics/metrics.service';

const CALLER_REQUEST_ID = /^[\w.:-]{1,64}$/;

const DOCS_CSP = {
  directives: {
    defaultSrc: [`'self'`],
    styleSrc: [`'self'`, `'unsafe-inline'`],
    imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
    scriptSrc: [`'self'`, `'unsafe-inline'`],
  },
};

/** The workbench (/app): only our own scripts, styles and connections; no inline script, no framing. */
const APP_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: [`'self'`],
    scriptSrc: [`'self'`],
    styleSrc: [`'self'`],
    imgSrc: [`'self'`, 'data:'],
    fontSrc: [`'self'`],
    connectSrc: [`'self'`],
    objectSrc: [`'none'`],
    baseUri: [`'self'`],
    formAction: [`'self'`],
    frameAncestors: [`'none'`],
  },
};

/**
 * One log line per request (what, who asked from where, how it ended, how long it took), from a fastify hook
 * rather than pino-http as Nest middleware: Nest runs middleware under Fastify through @fastify/middie, and the
 * pair cost about 5 % of bench/queue's HTTP throughput. Nothing is built when the level is above info.
 */
function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const log = PinoLogger.root;
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (log?.isLevelEnabled(level) && !request.url.startsWith('/health')) {
      log[level](
        // flat keys: the root logger's req/res serializers expect Node's raw objects
        {
          reqId: request.id,
          method: request.method,
          url: request.url,
          remoteAddress: request.ip,
          statusCode: reply.statusCode,
          responseTime: Math.round(reply.elapsedTime),
        },
        reply.statusCode >= 500 ? 'request errored' : 'request completed',
      );
    }
    done();
  });
}

/**
 * The headers helmet sets with these options, read once from its middleware: every one of them is a constant (no
 * nonce), so a request only copies them. The X-Powered-By it removes is never set (fastify sends none).
 */
function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return headers;
}

/** Reuses a well-formed X-Request-Id from the caller, otherwise makes one; written back so pino-http sees it. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}

/** Builds the fully configured application (used by main.ts, the CLI-less tests and benchmarks alike). */
export async function createApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const { bodyLimit, importBodyLimit, trustProxy, webDistDir, claimReview } = AppConfig.fromEnvironment();
  const adapter = new FastifyAdapter({ bodyLimit, genReqId: requestId, trustProxy, frameworkErrors });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);

  const fastify = app.getHttpAdapter().getInstance();
  applyRouteBodyLimits(fastify);
  useBoundedJsonParser(app, bodyLimit);
  registerNdjsonParser(fastify, importBodyLimit);
  // The browser session cookie (see auth/session-cookie.ts) and reply.sendFile for the web app (web-app/); the
  // files are served by WebAppController, so serve: false (no route of the plugin's own).
  await app.register(fastifyCookie);
  await app.register(fastifyStatic, { root: webDistDir, serve: false, suppressWarning: true });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // helmet's headers, computed once (@fastify/helmet built its middlewares per request: with the policy that cost
  // about 8 % of bench/queue's HTTP throughput; running the 13 built middlewares per request still cost 3 % of the
  // server's CPU in a profile). A content security policy only where a browser renders our pages (Swagger UI under
  // /docs): JSON answers are not documents, and nosniff keeps them from being read as such.
  const apiHeaders = helmetHeaders({ contentSecurityPolicy: false });
  const docsHeaders = helmetHeaders({ contentSecurityPolicy: DOCS_CSP });
  const appHeaders = helmetHeaders({ contentSecurityPolicy: APP_CSP });
  const headersFor = (url: string) =>
    url.startsWith('/docs') ? docsHeaders : /^\/app(\/|\?|$)/.test(url) ? appHeaders : apiHeaders;
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headersFor(request.url));
    done();
  });
  logRequests(fastify);
  app.get(MetricsService).observeRequests(fastify);
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app, claimReview.publicBaseUrl);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return app;
}
