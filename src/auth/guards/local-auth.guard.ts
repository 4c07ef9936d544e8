import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '../../common/http/validation';
import { LoginDto } from '../dtos/login.dto';
import { AuthService } from '../auth.service';
import { LoginAttemptsService } from '../login-attempts.service';

const validation = createValidationPipe();

/**
 * Login: validates the body like any DTO (400 with details), reserves the password check in the login counters
 * (429 + Retry-After while this account and address, or this address, must wait), then lets passport-local check
 * the credentials; a wrong password counts as a failure and is audited.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  constructor(
    private readonly attempts: LoginAttemptsService,
    private readonly auth: AuthService,
  ) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { email } = (await validation.transform(request.body, { type: 'body', metatype: LoginDto })) as LoginDto;
    const attempt = await this.attempts.reserve(email, request.ip);
    let signedIn: boolean;
    try {
      signedIn = (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof UnauthorizedException) {
        await attempt.failed();
        await this.auth.recordRefusedLogin(email, request.ip);
      } else {
        await attempt.abandoned();
      }
      throw error;
    }
    await attempt.succeeded();
    return signedIn;
  }
}
