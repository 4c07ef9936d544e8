import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { AuthService } from '../auth.service';
import { TokenPayload } from '../token-payload';
import { bearerToken, VerifiedTokens } from '../verified-tokens';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
    private readonly verified: VerifiedTokens,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // A KeyObject (the typings only name string | Buffer): given a string, jsonwebtoken first tries to parse it as a
      // public key on every request, which costs more than the HMAC itself.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
      ignoreExpiration: false,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  /** Called once passport-jwt has verified the token's signature and expiry (which it checks only when there is one). */
  async validate(
    request: Pick<IncomingMessage, 'headers'>,
    payload: TokenPayload & { exp?: number },
  ): Promise<AuthUser> {
    // We never issue one without: a token that never expires was signed by someone else holding the secret.
    if (typeof payload.exp !== 'number') throw new UnauthorizedException('Token has no expiry');
    const user = await this.auth.verifyPayload(payload);
    this.verified.remember(bearerToken(request)!, payload);
    return user;
  }
}
