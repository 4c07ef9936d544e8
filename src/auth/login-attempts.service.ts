import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';

export class TooManyLoginAttempts extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super({ message: 'Too many failed logins; retry later', code: 'LOGIN_RATE_LIMITED' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Counts FAILED logins per email and per client IP in @nestjs/throttler's storage; once either passes its limit
 * within the window, every attempt (even with the right password) is refused until the block expires.
 * The storage is per process: with several instances each enforces its own count.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    private readonly storage: ThrottlerStorageService,
    private readonly config: AppConfig,
  ) {}

  assertAllowed(email: string, ip: string): void {
    const now = Date.now();
    for (const { key } of this.counters(email, ip)) {
      const record = this.storage.storage.get(key);
      if (record?.isBlocked && record.blockExpiresAt > now) throw new TooManyLoginAttempts(Math.ceil((record.blockExpiresAt - now) / 1000));
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const { windowMs } = this.config.loginLimits;
    // The storage blocks once hits exceed `limit`: limit - 1 makes the limit-th failure the last one allowed.
    await Promise.all(this.counters(email, ip).map(({ key, limit }) => this.storage.increment(key, windowMs, limit - 1, windowMs, 'login')));
  }

  private counters(email: string, ip: string) {
    const { perEmail, perIp } = this.config.loginLimits;
    return [
      { key: `login:email:${email.trim().toLowerCase()}`, limit: perEmail },
      { key: `login:ip:${ip}`, limit: perIp },
    ];
  }
}
