import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';

/** Failed-login counters in PostgreSQL, so every instance counts the same attempts (table login_failures). */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Seconds until the latest block among `keys` ends; 0 when none of them is blocked. */
  async blockedFor(keys: string[]): Promise<number> {
    const [row] = await this.tx.manager.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS seconds
         FROM login_failures WHERE key = ANY($1::text[]) AND blocked_until > now()`,
      [keys],
    );
    return row?.seconds ?? 0;
  }

  /**
   * Counts one failure against `key` in its fixed window (a new window starts with the first failure after the
   * last one ended); the `limit`-th failure within a window blocks the key for `windowSeconds`. One statement, so
   * concurrent failures on several instances are each counted.
   */
  async count(key: string, limit: number, windowSeconds: number): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO login_failures AS f (key, failures, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $3), CASE WHEN $2 <= 1 THEN now() + make_interval(secs => $3) END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_ends_at > now() THEN f.failures + 1 ELSE 1 END,
         window_ends_at = CASE WHEN f.window_ends_at > now() THEN f.window_ends_at ELSE EXCLUDED.window_ends_at END,
         blocked_until = CASE WHEN (CASE WHEN f.window_ends_at > now() THEN f.failures + 1 ELSE 1 END) >= $2
                              THEN now() + make_interval(secs => $3) ELSE f.blocked_until END`,
      [key, limit, windowSeconds],
    );
  }

  /** Drops counters whose window and block have both ended: they no longer limit anyone. */
  async purgeExpired(): Promise<void> {
    await this.tx.manager.query(`DELETE FROM login_failures WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`);
  }
}
