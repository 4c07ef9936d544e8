import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../../app.module';
import { SESSION_COOKIE } from '../../auth/session-cookie';

/** The OpenAPI document served at /docs-json; the server list names this deployment's public base URL. */
export function buildOpenApiDocument(app: INestApplication, serverUrl: string): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fact-check workflow API')
      .setDescription('Articles, claim extraction, review queues, verdicts and exports for newsroom fact-checking.')
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
      .addServer(serverUrl, 'This deployment')
      .addBearerAuth()
      .addCookieAuth(SESSION_COOKIE)
      .build(),
    // Tags are chosen by resource on each controller or route, never derived from a controller's class name.
    { autoTagControllers: false },
  );
}

/**
 * The same document without a database: Nest's preview mode builds the module graph and routes but instantiates
 * no provider, so nothing connects. Used by `npm run lint:openapi`.
 */
export async function buildOpenApiDocumentOffline(serverUrl: string): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildOpenApiDocument(app, serverUrl);
  } finally {
    await app.close();
  }
}
