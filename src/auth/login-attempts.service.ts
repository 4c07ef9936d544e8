import { HttpException, HttpStatus, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LoginFailuresRepository } from './login-failures.repository';

export class TooManyLoginAttempts extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super({ message: 'Too many failed logins; retry later', code: 'LOGIN_RATE_LIMITED' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** How often each instance deletes counters that have run out (idempotent, so instances need not agree). */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Counts FAILED logins per email and per client IP; once either reaches its limit within the window, every attempt
 * (even with the right password) is refused until the block ends. The counts live in the database, so all
 * instances share them.
 */
@Injectable()
export class LoginAttemptsService implements OnModuleInit, OnModuleDestroy {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly failures: LoginFailuresRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.failures.purgeExpired().catch(() => undefined), PURGE_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const seconds = await this.failures.blockedFor(this.counters(email, ip).map((c) => c.key));
    if (seconds > 0) throw new TooManyLoginAttempts(seconds);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const { windowSeconds } = this.config.loginLimits;
    for (const { key, limit } of this.counters(email, ip)) await this.failures.count(key, limit, windowSeconds);
  }

  private counters(email: string, ip: string) {
    const { perEmail, perIp } = this.config.loginLimits;
    return [
      { key: `email:${email.trim().toLowerCase()}`, limit: perEmail },
      { key: `ip:${ip}`, limit: perIp },
    ];
  }
}
