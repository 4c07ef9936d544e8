import { Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { TransactionContext } from '../database/transaction-context';
import type { User } from '../users/user.entity';
import { AuthService } from './auth.service';
import { OpenedSession } from './auth.types';
import { BrowserSessionsRepository } from './browser-sessions.repository';

const hashOf = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/**
 * The browser's sign-in: a random secret in an httpOnly cookie instead of a bearer token a page script could read.
 * A session is checked on every request exactly like a token (AuthService.verifyPayload: active, same role, same
 * token version), so whatever revokes a user's tokens ends their sessions too.
 */
@Injectable()
export class BrowserSessionsService {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: BrowserSessionsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionContext,
  ) {}

  async open(user: User, ip: string): Promise<OpenedSession> {
    const secret = randomBytes(32).toString('base64url');
    const maxAgeSeconds = this.auth.tokenTtlSeconds;
    const { expiresAt, lastLoginAt } = await this.tx.run(async () => {
      const signedIn = await this.auth.recordLogin(user, ip, 'session');
      const opened = await this.sessions.open(
        hashOf(secret),
        { sub: user.id, role: user.role, tv: user.tokenVersion },
        maxAgeSeconds,
      );
      return { ...opened, lastLoginAt: signedIn };
    });
    return { secret, expiresAt, maxAgeSeconds, user: { ...user, lastLoginAt } };
  }

  async authenticate(secret: string): Promise<AuthUser> {
    const session = await this.sessions.findLive(hashOf(secret));
    if (!session) throw new UnauthorizedException('Session ended or expired; sign in again');
    return this.auth.verifyPayload(session);
  }

  /** Signing out ends this session only (the user's other sessions and tokens stay valid). */
  async end(secret: string, ip: string): Promise<void> {
    await this.tx.run(async () => {
      const ended = await this.sessions.end(hashOf(secret));
      if (ended)
        await this.audit.record({
          actorId: ended.userId,
          action: 'auth.logout',
          entity: 'user',
          entityId: ended.userId,
          after: { ip, sessionId: ended.sessionId },
        });
    });
  }
}
