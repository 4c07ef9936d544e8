import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';

/** One login counter: per (account, address) or per address; `free` attempts are checked before delays begin. */
export interface LoginCounter {
  key: string;
  email: string | null;
  ip: string;
  free: number;
  /** What a successful attempt does to it: forget every failure (the account's owner is back) or refund its own. */
  onSuccess: 'reset' | 'refund';
}

export interface DelayPolicy {
  /** A counter is forgotten this long after its last attempt (or after its delay, when that ends later). */
  windowSeconds: number;
  /** Delay after the `free`-th attempt; it doubles with each further one, up to `maxDelaySeconds`. */
  delaySeconds: number;
  maxDelaySeconds: number;
}

/** Attempts a counter refused while it was delayed, for the audit log (one summary per delay, not a row per refusal). */
export interface RefusalSummary {
  email: string | null;
  ip: string;
  userId: string | null;
  refused: number;
  from: string;
  to: string;
}

export type Reservation = { reserved: true; summaries: RefusalSummary[] } | { reserved: false; retryAfterSeconds: number };

interface LockedCounter {
  key: string;
  email: string | null;
  ip: string;
  user_id: string | null;
  /** Failures still inside the window (0 once it has ended). */
  failures: number;
  /** Seconds until the counter accepts its next attempt (0 when it does now). */
  wait: number;
  refused: number;
  refused_since: Date | null;
  /** When the delay that refused them ended. */
  next_at: Date | null;
}

/**
 * Login counters in PostgreSQL (UNLOGGED table login_failures), so every instance counts the same attempts. An attempt
 * is reserved here before its password is hashed: the reservation locks the rows, so no number of parallel guesses
 * gets more checks than the counters allow.
 */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Reserves one attempt on every counter, or on none when any of them is still delayed (then it counts the refusal
   * there and says how long the longest delay lasts). A reserved attempt counts as a failure until `settleSuccess`;
   * reaching `free` attempts delays the next one by policy.delaySeconds, doubling from there. Runs in the caller's
   * transaction; rows are locked in key order, so concurrent reservations never deadlock.
   */
  async reserve(counters: LoginCounter[], policy: DelayPolicy): Promise<Reservation> {
    const sorted = [...counters].sort((a, b) => a.key.localeCompare(b.key));
    const locked: LockedCounter[] = await this.tx.manager.query(
      `INSERT INTO login_failures AS f (key, email, ip, failures, window_ends_at)
       SELECT k, e, i, 0, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, e, i)
       ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
       RETURNING f.key, f.email, f.ip, f.refused, f.refused_since, f.next_at,
         (SELECT u.id FROM users u WHERE u.email = f.email) AS user_id,
         CASE WHEN f.window_ends_at > now() THEN f.failures ELSE 0 END AS failures,
         CASE WHEN f.window_ends_at > now() THEN greatest(0, extract(epoch FROM f.next_at - now()))::float8 ELSE 0 END AS wait`,
      [sorted.map((c) => c.key), sorted.map((c) => c.email), sorted.map((c) => c.ip)],
    );
    const delayed = locked.filter((row) => row.wait > 0);
    if (delayed.length) {
      await this.tx.manager.query(
        `UPDATE login_failures SET refused = refused + 1, refused_since = coalesce(refused_since, now()) WHERE key = ANY($1::text[])`,
        [delayed.map((row) => row.key)],
      );
      return { reserved: false, retryAfterSeconds: Math.max(...delayed.map((row) => row.wait)) };
    }
    const failuresOf = new Map(locked.map((row) => [row.key, row.failures]));
    const attempts = sorted.map((c) => (failuresOf.get(c.key) ?? 0) + 1);
    const delays = sorted.map((c, i) =>
      attempts[i] >= c.free ? Math.min(policy.delaySeconds * 2 ** (attempts[i] - c.free), policy.maxDelaySeconds) : null,
    );
    await this.tx.manager.query(
      `UPDATE login_failures f SET failures = t.n, refused = 0, refused_since = NULL,
         next_at = now() + make_interval(secs => t.delay),
         window_ends_at = now() + make_interval(secs => coalesce(t.delay, 0) + $4)
       FROM unnest($1::text[], $2::int[], $3::float8[]) AS t(key, n, delay) WHERE f.key = t.key`,
      [sorted.map((c) => c.key), attempts, delays, policy.windowSeconds],
    );
    return { reserved: true, summaries: locked.filter((row) => row.refused > 0).map(summary) };
  }

  /** The reserved attempt succeeded: counters that reset forget their failures, the others get this one back. */
  async settleSuccess(counters: LoginCounter[]): Promise<void> {
    const sorted = [...counters].sort((a, b) => a.key.localeCompare(b.key));
    await this.tx.manager.query(
      `UPDATE login_failures f SET
         failures = CASE WHEN t.reset THEN 0 ELSE greatest(f.failures - 1, 0) END,
         next_at = CASE WHEN t.reset OR f.failures - 1 < t.free THEN NULL ELSE f.next_at END
       FROM unnest($1::text[], $2::bool[], $3::int[]) AS t(key, reset, free) WHERE f.key = t.key`,
      [sorted.map((c) => c.key), sorted.map((c) => c.onSuccess === 'reset'), sorted.map((c) => c.free)],
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
  return { email: row.email, ip: row.ip, userId: row.user_id, refused: row.refused, from: (row.refused_since ?? to).toISOString(), to: to.toISOString() };
}
