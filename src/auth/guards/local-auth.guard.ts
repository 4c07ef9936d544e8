import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createValidationPipe } from '../../common/http/validation';
import { LoginDto } from '../dtos/login.dto';
import { AuthService } from '../auth.service';
import { LoginAttemptsService, TooManyLoginAttempts } from '../login-attempts.service';

const validation = createValidationPipe();

/**
 * Login: validates the body like any DTO (400 with details), refuses rate-limited emails/IPs (429 + Retry-After),
 * then lets passport-local check the credentials and counts a failure.
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
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const { email } = (await validation.transform(request.body, { type: 'body', metatype: LoginDto })) as LoginDto;
    try {
      await this.attempts.assertAllowed(email, request.ip);
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof UnauthorizedException) {
        await this.attempts.recordFailure(email, request.ip);
        await this.auth.recordRefusedLogin(email, request.ip, 'bad_credentials');
      }
      if (error instanceof TooManyLoginAttempts) {
        void reply.header('Retry-After', String(error.retryAfterSeconds));
        await this.auth.recordRefusedLogin(email, request.ip, 'rate_limited');
      }
      throw error;
    }
  }
}
