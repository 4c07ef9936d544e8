/** A WAL position (`pg_lsn` text, e.g. `0/3016D70`) as a number that compares like the position. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const MAX_SAMPLES = 1000;

/**
 * Replay lag in time, from the primary's WAL position sampled now and then and the replica's replay position:
 * how long ago the primary first wrote WAL the replica has still not replayed (0 when it has replayed everything
 * up to the latest sample). Unlike `now() - pg_last_xact_replay_timestamp()` it does not grow while the primary is
 * idle, and unlike comparing receive and replay positions it sees a replica that stopped receiving.
 */
export class ReplicaLag {
  /** Samples the replica had not replayed when last compared, oldest first. */
  private readonly pending: { at: number; lsn: bigint }[] = [];

  /** The primary's current position, read at `at` (ms), before the replica's position it will be compared with. */
  primaryAt(at: number, lsn: string): void {
    const position = parseLsn(lsn);
    const last = this.pending.at(-1);
    // Only the first time a position was seen matters: that is when the replica began to owe it.
    if (last && position <= last.lsn) return;
    this.pending.push({ at, lsn: position });
    // A replica that stays behind for hours: the oldest sample says how long, those after it only refine it.
    if (this.pending.length > MAX_SAMPLES) this.pending.splice(1, 1);
  }

  /** The lag (ms) at `now`, given the replica's replay position. */
  replayedAt(now: number, replayLsn: string): number {
    const replayed = parseLsn(replayLsn);
    while (this.pending.length && this.pending[0].lsn <= replayed) this.pending.shift();
    return this.pending.length ? Math.max(0, now - this.pending[0].at) : 0;
  }
}
