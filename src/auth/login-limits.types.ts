/** One login counter: per (account, address) or per address; `free` attempts are checked before delays begin. */
export interface LoginCounter {
  key: string;
  email: string | null;
  ip: string;
  free: number;
  /** What a successful attempt does to it: forget every failure (the account's owner is back), or nothing. */
  onSuccess: 'reset' | 'keep';
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

export type Reservation =
  | { outcome: 'reserved'; summaries: RefusalSummary[] }
  | { outcome: 'refused'; retryAfterSeconds: number }
  /** Checks still running could bring the counter to its delay: ask again once they have settled. */
  | { outcome: 'busy' };
