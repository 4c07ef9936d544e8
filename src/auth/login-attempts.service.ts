import { HttpException, HttpStatus, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuditEntry } from '../audit/audit.types';
import { AppConfig } from '../config/app-config';
import { TransactionContext } from '../database/transaction-context';
import { LoginFailuresRepository } from './login-failures.repository';
import { LoginCounter, RefusalSummary } from './login-limits.types';

export class TooManyLoginAttempts extends HttpException {
  readonly retryAfterSeconds: number;

  constructor(waitSeconds: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitSeconds));
    super(
      { message: 'Too many failed attempts; retry later', code: 'LOGIN_RATE_LIMITED', details: { retryAfterSeconds } },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** How often each instance deletes counters that have run out (idempotent, so instances need not agree). */
const PURGE_EVERY_MS = 10 * 60_000;

/** A reserved password check; exactly one of its ends must be called. */
export interface PasswordAttempt {
  /** The password was right: the (account, address) counter forgets its failures. */
  succeeded(): Promise<void>;
  /** The password was wrong: counted, and delayed from the free attempts on. */
  failed(): Promise<void>;
  /** The check did not happen or said nothing about the password (an error): the reservation is given back. */
  abandoned(): Promise<void>;
}

/** While checks ahead are settling, a reservation asks again this often, for at most RESERVE_PATIENCE_MS. */
const RESERVE_RETRY_MS = 25;
const RESERVE_PATIENCE_MS = 10_000;

/**
 * Limits password guesses (POST /auth/login and POST /auth/password) with progressive delays per (account, address)
 * and per address, instead of locking an account anyone can name: after LOGIN_LIMIT_PER_EMAIL failures for one account
 * from one address the next attempt from there waits LOGIN_DELAY_SECONDS, doubling with each further failure (up to
 * LOGIN_DELAY_MAX_SECONDS), while the owner signing in from elsewhere is not slowed at all; LOGIN_LIMIT_PER_IP
 * failures from one address, whatever the accounts, delay that address the same way. Each check is reserved in
 * PostgreSQL before its password is hashed and settled after, and no more checks run at once than could fail before
 * the delay begins, so parallel guesses on any number of instances get no more checks than the limits allow. Refused attempts are audited as one count per delay.
 */
@Injectable()
export class LoginAttemptsService implements OnModuleInit, OnModuleDestroy {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly failures: LoginFailuresRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionContext,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), PURGE_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  /**
   * Reserves a password check for `email` from `ip`, or throws TooManyLoginAttempts (429, Retry-After) unreserved.
   * While checks already running could bring a counter to its delay, it waits for them (a few hash times) rather
   * than refuse an attempt that may be right.
   */
  async reserve(email: string, ip: string): Promise<PasswordAttempt> {
    const counters = this.counters(email, ip);
    const policy = this.config.loginLimits;
    const deadline = Date.now() + RESERVE_PATIENCE_MS;
    for (;;) {
      const reservation = await this.tx.run(async () => {
        const result = await this.failures.reserve(counters, policy);
        if (result.outcome === 'reserved') await this.recordRefusals(result.summaries);
        return result;
      });
      if (reservation.outcome === 'reserved') break;
      if (reservation.outcome === 'refused') throw new TooManyLoginAttempts(reservation.retryAfterSeconds);
      if (Date.now() > deadline) throw new TooManyLoginAttempts(1);
      await new Promise((resolve) => setTimeout(resolve, RESERVE_RETRY_MS * (0.5 + Math.random())));
    }
    return {
      succeeded: () => this.tx.run(() => this.failures.release(counters, true)),
      failed: () => this.tx.run(() => this.failures.settleFailure(counters, policy)),
      abandoned: () => this.tx.run(() => this.failures.release(counters, false)),
    };
  }

  /** Drops counters that no longer limit anyone, auditing what they refused (also run every 10 minutes). */
  purgeExpired(): Promise<void> {
    return this.tx.run(async () => this.recordRefusals(await this.failures.purgeExpired()));
  }

  private recordRefusals(summaries: RefusalSummary[]): Promise<void> {
    return this.audit.record(
      ...summaries.map((s): AuditEntry => ({
        actorId: null,
        action: 'auth.login_blocked',
        entity: 'user',
        entityId: s.userId,
        after: { email: s.email, ip: s.ip, refused: s.refused, from: s.from, to: s.to },
      })),
    );
  }

  private counters(email: string, ip: string): LoginCounter[] {
    const { perEmail, perIp } = this.config.loginLimits;
    const account = email.trim().toLowerCase();
    return [
      { key: `account:${account} ip:${ip}`, email: account, ip, free: perEmail, onSuccess: 'reset' },
      { key: `ip:${ip}`, email: null, ip, free: perIp, onSuccess: 'keep' },
    ];
  }
}
