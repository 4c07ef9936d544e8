import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { AuthService } from '../auth.service';
import { TokenPayload } from '../token-payload';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject (the typings only name string | Buffer): given a string, jsonwebtoken first tries to parse it as a
      // public key on every request, which costs more than the HMAC itself.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
      ignoreExpiration: false,
      algorithms: ['HS256'],
    });
  }

  validate(payload: TokenPayload): Promise<AuthUser> {
    return this.auth.verifyPayload(payload);
  }
}
