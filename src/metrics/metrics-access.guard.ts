import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { compile } from '@fastify/proxy-addr';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../auth/verified-tokens';
import { AppConfig } from '../config/app-config';
import { MetricsException } from './metrics.exception';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics is for the scraper, not for users: open to METRICS_TOKEN as a bearer token from anywhere, and without
 * it only to clients from METRICS_ALLOW (by default loopback). The address is request.ip, so behind a proxy it is the
 * client's only when TRUST_PROXY names that proxy; otherwise every proxied request comes from the proxy's address.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly token?: Buffer;
  private readonly allowed: (address: string, hop: number) => boolean;

  constructor(config: AppConfig) {
    this.token = config.metrics.token === undefined ? undefined : digest(config.metrics.token);
    this.allowed = compile(config.metrics.allow);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const given = bearerToken(request.raw);
    // Compared as digests: equal lengths, and the time taken says nothing about the token.
    if (this.token && given && timingSafeEqual(digest(given), this.token)) return true;
    if (this.allowed(request.ip, 0)) return true;
    if (this.token) throw new MetricsException('METRICS_TOKEN_REQUIRED', 'Send METRICS_TOKEN as a bearer token');
    throw new MetricsException('METRICS_NOT_ALLOWED', 'Metrics are served to METRICS_ALLOW addresses only');
  }
}
