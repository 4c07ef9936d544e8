import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { TokenPayload } from './token-payload';

/** Cookie sessions of the browser workbench (table browser_sessions); secrets are stored as their SHA-256 only. */
@Injectable()
export class BrowserSessionsRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Opens a session and drops the user's sessions that have ended or run out (they can never be used again). */
  async open(secretHash: Buffer, payload: TokenPayload, ttlSeconds: number): Promise<{ expiresAt: Date }> {
    await this.tx.manager.query(
      `DELETE FROM browser_sessions WHERE user_id = $1 AND (ended_at IS NOT NULL OR expires_at <= now())`,
      [payload.sub],
    );
    const [row] = await this.tx.manager.query<{ expiresAt: Date }[]>(
      `INSERT INTO browser_sessions (secret_hash, user_id, role, token_version, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at AS "expiresAt"`,
      [secretHash, payload.sub, payload.role, payload.tv, ttlSeconds],
    );
    return row;
  }

  /** What the live session with this secret was opened for (user, role, token version), or null. */
  async findLive(secretHash: Buffer): Promise<(TokenPayload & { sessionId: string }) | null> {
    const [row] = await this.tx.prepared<TokenPayload & { sessionId: string }>(
      'browser_session_live',
      `SELECT id AS "sessionId", user_id AS sub, role, token_version AS tv FROM browser_sessions
        WHERE secret_hash = $1 AND ended_at IS NULL AND expires_at > now()`,
      [secretHash],
    );
    return row ?? null;
  }

  /** Ends the live session with this secret; returns its user, or null when there was none. */
  async end(secretHash: Buffer): Promise<{ userId: string; sessionId: string } | null> {
    const [row] = await this.tx.prepared<{ userId: string; sessionId: string }>(
      'browser_session_end',
      `UPDATE browser_sessions SET ended_at = now() WHERE secret_hash = $1 AND ended_at IS NULL
       RETURNING id AS "sessionId", user_id AS "userId"`,
      [secretHash],
    );
    return row ?? null;
  }
}
