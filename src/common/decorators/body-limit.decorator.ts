import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  /** Set on a route by @BodyLimit (Nest's RouteConfig). */
  interface FastifyContextConfig {
    bodyLimit?: number;
  }
}

/** A route's own body limit in bytes, below BODY_LIMIT (larger → 413 before the body is read or parsed). */
export const BodyLimit = (bytes: number) => RouteConfig({ bodyLimit: bytes });

/** Applies @BodyLimit: fastify takes a route's limit from its options, which Nest does not set. */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = route.config?.bodyLimit;
    if (limit) route.bodyLimit = limit;
  });
}
