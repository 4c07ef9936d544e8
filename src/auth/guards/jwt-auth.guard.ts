import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { IS_PUBLIC } from '../../common/decorators/public.decorator';
import { AuthService } from '../auth.service';
import { BrowserSessionsService } from '../browser-sessions.service';
import { SameOriginCheck, sessionSecret } from '../session-cookie';
import { bearerToken, VerifiedTokens } from '../verified-tokens';

/**
 * Global: every route needs a valid bearer token, or else the browser's session cookie, unless marked @Public(). A
 * token verified before (and not expired) skips passport's signature check; its user is checked as on every request.
 * A cookie-authenticated unsafe request must also pass the same-origin (CSRF) check.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokens,
    private readonly auth: AuthService,
    private readonly sessions: BrowserSessionsService,
    private readonly sameOrigin: SameOriginCheck,
  ) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const token = bearerToken(request.raw);
    const secret = token ? undefined : sessionSecret(request);
    if (secret) {
      request.user = await this.sessions.authenticate(secret);
      this.sameOrigin.assert(request);
      return true;
    }
    const payload = token ? this.verified.recall(token) : undefined;
    if (!payload) return super.canActivate(context) as Promise<boolean>;
    request.user = await this.auth.verifyPayload(payload);
    return true;
  }
}
