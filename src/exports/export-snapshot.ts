import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { ExportFilters, Projection } from './export-filters';
import { exportCountQuery, exportQuery } from './export-query.sql';

// Every column arrives as the text Postgres sent: the formatters forward it, nothing is parsed into Dates.
const ignore = () => undefined;
const TEXT_AS_IS = { getTypeParser: () => (value: string) => value };
/**
 * Rows per cursor fetch (and the stream's buffer): enough to amortize round trips, few enough that little is
 * still buffered when V8 scavenges; buffered rows get promoted to the old generation as garbage (see FormatStream).
 */
const FETCH_ROWS = 500;

/**
 * The horizon H, read as this transaction's first statement (so from its snapshot): every transaction below H has
 * ended and its committed changes are visible here, and H never decreases from one poll to the next on one server.
 * - On the primary: the oldest transaction still in progress, or the snapshot's xmax when none is. Transaction ids
 *   are cluster-wide, so in-progress transactions seen running in another database (they cannot have changed our
 *   claims) are passed over; one that has already ended, or whose database we may not see, counts as ours.
 * - On a hot standby the snapshot lists no transactions in progress (pg_snapshot_xip is empty: the standby keeps
 *   the primary's running xids apart from snapshots' xip) and xmax is past transactions still running on the
 *   primary, so xmax would skip their rows for good. The snapshot's xmin is the oldest xid the standby still counts
 *   as running, whatever its database (also xids it has not seen yet below the newest one it has): below it every
 *   transaction's end has been replayed. A replica behind a cursor from the primary gives a lower H than `since`;
 *   the service then keeps `since` (an empty window), see ExportsService.
 */
const HORIZON_SQL = `
  SELECT CASE WHEN pg_is_in_recovery() THEN pg_snapshot_xmin(s.snap) ELSE coalesce(
    (SELECT min(x) FROM pg_snapshot_xip(s.snap) x
     WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.backend_xid = x::xid AND a.datname IS DISTINCT FROM current_database())),
    pg_snapshot_xmax(s.snap)) END::text AS horizon
  FROM (SELECT pg_current_snapshot() AS snap) s`;

/**
 * One read-only REPEATABLE READ transaction on a dedicated pool connection: the horizon, the count and the rows
 * all come from the same snapshot. `close` must be called exactly when the caller is done with it.
 */
export class ExportSnapshot {
  private closed = false;
  private lost?: (error: Error) => void;
  private readonly connectionLost = (error?: Error) => {
    const handler = this.lost;
    this.lost = undefined;
    handler?.(error ?? new Error('export connection ended'));
  };

  constructor(
    private readonly client: PoolClient,
    /** Every transaction below it has ended (see HORIZON_SQL). */
    readonly horizon: string,
  ) {
    client.off('error', ignore);
    client.on('error', this.connectionLost);
    client.on('end', this.connectionLost);
  }

  /**
   * `idleInTransactionMs`: PostgreSQL ends the session when it waits that long for the next fetch (a client that
   * stopped reading while the process could not notice), so no snapshot is held forever.
   */
  static async open(client: PoolClient, idleInTransactionMs: number): Promise<ExportSnapshot> {
    // A checked-out client has no pool listener: without this a backend killed mid-export would crash the process
    // (the running query fails on its own).
    client.on('error', ignore);
    try {
      // READ ONLY and no writes: this transaction never takes an xid, so it never holds back other exports' horizons.
      await client.query(
        `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.round(idleInTransactionMs))}`,
      );
      const { rows } = await client.query<{ horizon: string }>(HORIZON_SQL);
      return new ExportSnapshot(client, rows[0].horizon);
    } catch (error) {
      client.off('error', ignore);
      client.release(error as Error);
      throw error;
    }
  }

  /**
   * Takes one of `slots` transaction-level advisory locks named after `owner` (released with the transaction, on
   * whichever instance it runs), or none when all are held: a concurrency limit shared by every instance.
   */
  async takeSlot(owner: string, slots: number): Promise<boolean> {
    for (let slot = 0; slot < slots; slot++) {
      const { rows } = await this.client.query<{ taken: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtext($1), $2) AS taken`,
        [owner, slot],
      );
      if (rows[0].taken) return true;
    }
    return false;
  }

  async count(filters: ExportFilters): Promise<number> {
    const q = exportCountQuery(filters);
    return (await this.client.query<{ n: number }>(q.text, q.values)).rows[0].n;
  }

  /** Rows as arrays of text; destroying the stream closes the portal (Postgres stops producing rows). */
  rows(filters: ExportFilters, projection: Projection): QueryStream {
    const q = exportQuery(filters, projection);
    return this.client.query(
      new QueryStream(q.text, q.values, {
        batchSize: FETCH_ROWS,
        highWaterMark: FETCH_ROWS,
        rowMode: 'array',
        types: TEXT_AS_IS,
      }),
    );
  }

  /**
   * Called once if the connection dies (backend terminated, idle-in-transaction timeout, network). The rows stream
   * cannot be relied on then: pg does not always fail a cursor waiting between fetches, and destroying it waits for
   * a Close the dead connection never confirms, so it would neither error nor end and its response would hang.
   */
  onConnectionLost(handler: (error: Error) => void): void {
    this.lost = handler;
  }

  /** Ends the transaction and returns the connection to the pool; one in an unknown state is discarded instead. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let failure: Error | undefined;
    try {
      // pg queues this behind the cursor's Close, so it runs once the portal is gone.
      await this.client.query('ROLLBACK');
    } catch (error) {
      failure = error as Error;
    }
    this.lost = undefined;
    this.client.off('end', this.connectionLost);
    this.client.release(failure);
    // A discarded connection may still report errors: keep a listener on it, or they would crash the process.
    if (!failure) this.client.off('error', this.connectionLost);
  }
}
