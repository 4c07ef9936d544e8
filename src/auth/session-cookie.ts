import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';

/** The browser session's cookie (httpOnly: page scripts never see the secret). */
export const SESSION_COOKIE = 'fc_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function cookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/' };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  maxAgeSeconds: number,
): void {
  void reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions(request), maxAge: maxAgeSeconds });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

export const sessionSecret = (request: FastifyRequest): string | undefined =>
  request.cookies?.[SESSION_COOKIE] || undefined;

/**
 * CSRF defence for cookie-authenticated requests, beside SameSite=Strict (which older or misconfigured browsers may
 * not enforce): an unsafe method must come from a page of this service, i.e. its Origin (or, lacking one, its
 * Referer) names the host the request was sent to, or PUBLIC_BASE_URL. Browsers send Origin on every POST, PATCH and
 * DELETE, so a request naming neither is refused. Bearer requests need no such check: no other site can make a
 * browser attach an Authorization header.
 */
@Injectable()
export class SameOriginCheck {
  private readonly publicOrigin: string;

  constructor(config: AppConfig) {
    this.publicOrigin = new URL(config.claimReview.publicBaseUrl).origin;
  }

  assert(request: FastifyRequest): void {
    if (SAFE_METHODS.has(request.method)) return;
    const claimed = request.headers.origin ?? request.headers.referer;
    const origin = typeof claimed === 'string' ? originOf(claimed) : null;
    if (origin && (origin === this.publicOrigin || new URL(origin).host === request.host)) return;
    throw new ForbiddenException({
      message: 'Cross-site request refused: a cookie-authenticated change must come from this site (Origin header)',
      code: 'CSRF_ORIGIN_MISMATCH',
    });
  }
}

function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** For the public session routes (sign-in, sign-out), which the global guard does not check. */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly check: SameOriginCheck) {}

  canActivate(context: ExecutionContext): boolean {
    this.check.assert(context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }
}
