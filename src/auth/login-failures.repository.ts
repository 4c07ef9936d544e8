import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { DelayPolicy, LoginCounter, RefusalSummary, Reservation } from './login-limits.types';

interface LockedCounter {
  key: string;
  email: string | null;
  ip: string;
  user_id: string | null;
  /** Failures still inside the window (0 once it has ended). */
  failures: number;
  /** Checks reserved and not settled yet (lapsed reservations of a crashed instance not counted). */
  pending: number;
  /** Seconds until the counter accepts its next attempt (0 when it does now). */
  wait: number;
  refused: number;
  refused_since: Date | null;
  /** When the delay that refused them ended. */
  next_at: Date | null;
}

/** A reservation left unsettled this long (its instance died mid-check) no longer holds anything back. */
const RESERVATION_SECONDS = 30;

const sortedByKey = (counters: LoginCounter[]) => [...counters].sort((a, b) => a.key.localeCompare(b.key));

/**
 * Login counters in PostgreSQL (UNLOGGED table login_failures), so every instance counts the same attempts. An attempt
 * is reserved here before its password is hashed, and settled once the hash has said whether it was right: no number
 * of parallel guesses gets more checks than the counters allow, and parallel right passwords are never refused for
 * each other's sake (they wait for the checks ahead of them instead).
 */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Reserves one check on every counter, or on none: refused while any counter is delayed (the refusal is counted
   * there), busy while checks already reserved could bring one to its delay (free minus failures of them running,
   * or any one once the free attempts are used up). Runs in the caller's transaction; rows are locked in key order,
   * so concurrent reservations never deadlock.
   */
  async reserve(counters: LoginCounter[], policy: DelayPolicy): Promise<Reservation> {
    const sorted = sortedByKey(counters);
    const locked: LockedCounter[] = await this.tx.manager.query(
      `INSERT INTO login_failures AS f (key, email, ip, failures, window_ends_at)
       SELECT k, e, i, 0, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, e, i)
       ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
       RETURNING f.key, f.email, f.ip, f.refused, f.refused_since, f.next_at,
         (SELECT u.id FROM users u WHERE u.email = f.email) AS user_id,
         CASE WHEN f.window_ends_at > now() THEN f.failures ELSE 0 END AS failures,
         CASE WHEN f.pending_until > now() THEN f.pending ELSE 0 END AS pending,
         CASE WHEN f.window_ends_at > now() THEN greatest(0, extract(epoch FROM f.next_at - now()))::float8 ELSE 0 END AS wait`,
      [sorted.map((c) => c.key), sorted.map((c) => c.email), sorted.map((c) => c.ip)],
    );
    const byKey = new Map(locked.map((row) => [row.key, row]));
    const delayed = locked.filter((row) => row.wait > 0);
    if (delayed.length) {
      await this.tx.manager.query(
        `UPDATE login_failures SET refused = refused + 1, refused_since = coalesce(refused_since, now()) WHERE key = ANY($1::text[])`,
        [delayed.map((row) => row.key)],
      );
      return { outcome: 'refused', retryAfterSeconds: Math.max(...delayed.map((row) => row.wait)) };
    }
    if (
      sorted.some((c) => {
        const row = byKey.get(c.key)!;
        return row.pending > 0 && row.failures + row.pending >= c.free;
      })
    ) {
      return { outcome: 'busy' };
    }
    await this.tx.manager.query(
      `UPDATE login_failures f SET failures = t.failures, pending = t.pending + 1, pending_until = now() + make_interval(secs => $4),
         refused = 0, refused_since = NULL, next_at = CASE WHEN t.failures = 0 THEN NULL ELSE f.next_at END,
         window_ends_at = greatest(f.window_ends_at, now() + make_interval(secs => $5))
       FROM unnest($1::text[], $2::int[], $3::int[]) AS t(key, failures, pending) WHERE f.key = t.key`,
      [
        sorted.map((c) => c.key),
        sorted.map((c) => byKey.get(c.key)!.failures),
        sorted.map((c) => byKey.get(c.key)!.pending),
        RESERVATION_SECONDS,
        policy.windowSeconds,
      ],
    );
    return { outcome: 'reserved', summaries: locked.filter((row) => row.refused > 0).map(summary) };
  }

  /**
   * The reserved check found the password wrong: one more failure, and from the `free`-th on a delay of
   * policy.delaySeconds doubling with each further one (up to maxDelaySeconds). The window outlasts the delay.
   */
  async settleFailure(counters: LoginCounter[], policy: DelayPolicy): Promise<void> {
    // FOR UPDATE: the new count is computed from the row as the lock finds it, not from the statement's snapshot
    // (two failures settling at once would otherwise both write failures + 1).
    const sorted = sortedByKey(counters);
    await this.tx.manager.query(
      `WITH n AS (
         SELECT f.key, f.failures + 1 AS failures,
                CASE WHEN f.failures + 1 >= t.free
                     THEN now() + make_interval(secs => least($3::float8 * 2::float8 ^ (f.failures + 1 - t.free), $4::float8)) END AS next_at
         FROM login_failures f JOIN unnest($1::text[], $2::int[]) AS t(key, free) ON f.key = t.key
         ORDER BY f.key FOR UPDATE OF f)
       UPDATE login_failures f SET pending = greatest(f.pending - 1, 0), failures = n.failures, next_at = coalesce(n.next_at, f.next_at),
         window_ends_at = greatest(f.window_ends_at, coalesce(n.next_at, now()) + make_interval(secs => $5::float8))
       FROM n WHERE f.key = n.key`,
      [
        sorted.map((c) => c.key),
        sorted.map((c) => c.free),
        policy.delaySeconds,
        policy.maxDelaySeconds,
        policy.windowSeconds,
      ],
    );
  }

  /**
   * The reserved check is over without a failure: its reservation is released (a refund: it never counted as a
   * failure), and on success the counters that reset forget their failures and delay.
   */
  async release(counters: LoginCounter[], succeeded: boolean): Promise<void> {
    const sorted = sortedByKey(counters);
    // Locked in key order like every other statement here: an UPDATE … FROM locks in its join's order, which the
    // planner may choose differently, and two such releases deadlocked with reservations (seen with 10 parallel logins).
    await this.tx.manager.query(
      `WITH t AS (
         SELECT f.key, t.reset FROM login_failures f JOIN unnest($1::text[], $2::bool[]) AS t(key, reset) ON f.key = t.key
         ORDER BY f.key FOR UPDATE OF f)
       UPDATE login_failures f SET pending = greatest(f.pending - 1, 0),
         failures = CASE WHEN t.reset THEN 0 ELSE f.failures END,
         next_at = CASE WHEN t.reset THEN NULL ELSE f.next_at END
       FROM t WHERE f.key = t.key`,
      [sorted.map((c) => c.key), sorted.map((c) => succeeded && c.onSuccess === 'reset')],
    );
  }

  /**
   * Drops counters whose window and delay have both ended (they no longer limit anyone) and returns what they had
   * refused since their last summary, for the audit log. DELETE … RETURNING: of several instances purging at once,
   * each summary goes to exactly one.
   */
  async purgeExpired(): Promise<RefusalSummary[]> {
    const gone: LockedCounter[] = await this.tx.manager.query(
      `DELETE FROM login_failures f WHERE window_ends_at < now() AND (next_at IS NULL OR next_at < now())
       RETURNING f.email, f.ip, f.refused, f.refused_since, f.next_at, (SELECT u.id FROM users u WHERE u.email = f.email) AS user_id`,
    );
    return gone.filter((row) => row.refused > 0).map(summary);
  }
}

function summary(row: LockedCounter): RefusalSummary {
  const to = row.next_at ?? row.refused_since ?? new Date();
  return {
    email: row.email,
    ip: row.ip,
    userId: row.user_id,
    refused: row.refused,
    from: (row.refused_since ?? to).toISOString(),
    to: to.toISOString(),
  };
}
