import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { InvalidatedCache } from '../database/invalidated-cache';
import { InvalidationListener } from '../database/invalidation-listener.service';
import { TransactionContext } from '../database/transaction-context';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { UserException } from '../users/user.exception';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from '../users/password-hasher.service';
import type { User } from '../users/user.entity';
import { IssuedToken, PasswordChange } from './auth.types';
import { LoginAttemptsService } from './login-attempts.service';
import { TokenPayload } from './token-payload';

@Injectable()
export class AuthService {
  readonly tokenTtlSeconds: number;
  /** Unknown emails are verified against this hash of a random password, so they take as long as known ones. */
  private readonly timingDecoy: Promise<string>;
  /** Every request checks its token's user; changes to role, active or token version evict it (cluster-wide). */
  private readonly tokenUsers: InvalidatedCache<User | null>;

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly tx: TransactionContext,
    private readonly attempts: LoginAttemptsService,
    invalidation: InvalidationListener,
    config: AppConfig,
  ) {
    this.tokenUsers = new InvalidatedCache(invalidation, 30_000, (key) =>
      key.startsWith('user:') ? key.slice(5) : null,
    );
    this.tokenTtlSeconds = parseDuration(config.jwt.ttl);
    this.timingDecoy = hasher.hash(randomUUID());
  }

  /** Returns the user for valid credentials of an active account, otherwise null (no hint which part was wrong). */
  async validateCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.users.findForSignIn(email.trim().toLowerCase());
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.timingDecoy), password);
    return user && valid && user.active ? user : null;
  }

  async issueToken(user: User, ip: string): Promise<IssuedToken> {
    const now = await this.recordLogin(user, ip, 'token');
    const payload: TokenPayload = { sub: user.id, role: user.role, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.tokenTtlSeconds });
    return { accessToken, expiresIn: this.tokenTtlSeconds, user: { ...user, lastLoginAt: now } };
  }

  /** A successful sign-in (bearer token or browser session): the user's last login time and its audit row. */
  async recordLogin(user: User, ip: string, via: 'token' | 'session'): Promise<Date> {
    const now = new Date();
    await this.tx.run(async () => {
      await this.users.recordLastLogin(user.id, now);
      await this.audit.record({
        actorId: user.id,
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        after: via === 'token' ? { ip } : { ip, via },
      });
    });
    return now;
  }

  /**
   * POST /auth/password: the current password is a guess like a login's, so it is counted and delayed the same way
   * (same counters: guesses here and at login share one budget per account and address).
   */
  async changeOwnPassword(user: AuthUser, change: PasswordChange, ip: string): Promise<IssuedToken> {
    const attempt = await this.attempts.reserve(user.email, ip);
    let updated: User;
    try {
      updated = await this.users.changeOwnPassword(user.id, change.currentPassword, change.password);
    } catch (error) {
      await (error instanceof UserException && error.code === 'CURRENT_PASSWORD_INCORRECT'
        ? attempt.failed()
        : attempt.abandoned());
      throw error;
    }
    await attempt.succeeded();
    return this.issueToken(updated, ip);
  }

  /**
   * Failed logins are kept too: they are what an admin looks for after an incident (their number is bounded by the
   * login limits; attempts refused unchecked are audited as counts by LoginAttemptsService).
   */
  async recordRefusedLogin(email: string, ip: string): Promise<void> {
    const user = await this.users.findForSignIn(email.trim().toLowerCase());
    await this.audit.record({
      actorId: null,
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user?.id ?? null,
      after: { email: email.trim().toLowerCase(), ip },
    });
  }

  /**
   * A token is honoured only while its user is active and neither role nor token version changed since it was issued.
   * A failed lookup propagates (503 when the database is down): only an answer from the database may revoke a token.
   */
  async verifyPayload(payload: TokenPayload): Promise<AuthUser> {
    const id = payload.sub;
    const user = isUUID(id) ? await this.tokenUsers.get(id, () => this.users.find(id)) : null;
    if (!user || !user.active || user.tokenVersion !== payload.tv || user.role !== payload.role) {
      throw new UnauthorizedException('Token revoked or user inactive');
    }
    return { id: user.id, email: user.email, role: user.role };
  }
}

export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value);
  if (!match) throw new Error(`Invalid duration: ${value}`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
