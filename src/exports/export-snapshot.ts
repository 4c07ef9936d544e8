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
 * The horizon H, read as this transaction's first statement (so from its snapshot): the oldest transaction still in
 * progress, or the snapshot's xmax when none is. Transaction ids are cluster-wide, so in-progress transactions
 * seen running in another database (they cannot have changed our claims) are passed over; one that has already
 * ended, or whose database we may not see, counts as ours. Every transaction below H has therefore ended and its
 * committed changes are visible here, and H never decreases from one poll to the next.
 */
const HORIZON_SQL = `
  SELECT coalesce(
    (SELECT min(x) FROM pg_snapshot_xip(s.snap) x
     WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.backend_xid = x::xid AND a.datname IS DISTINCT FROM current_database())),
    pg_snapshot_xmax(s.snap))::text AS horizon
  FROM (SELECT pg_current_snapshot() AS snap) s`;

/**
 * One read-only REPEATABLE READ transaction on a dedicated pool connection: the horizon, the count and the rows
 * all come from the same snapshot. `close` must be called exactly when the caller is done with it.
 */
export class ExportSnapshot {
  private closed = false;

  constructor(
    private readonly client: PoolClient,
    /** Every transaction below it has ended (see HORIZON_SQL). */
    readonly horizon: string,
  ) {}

  static async open(client: PoolClient): Promise<ExportSnapshot> {
    // A checked-out client has no pool listener: without this a backend killed mid-export would crash the process
    // (the running query fails on its own).
    client.on('error', ignore);
    try {
      // READ ONLY and no writes: this transaction never takes an xid, so it never holds back other exports' horizons.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query(HORIZON_SQL);
      return new ExportSnapshot(client, rows[0].horizon);
    } catch (error) {
      client.off('error', ignore);
      client.release(error as Error);
      throw error;
    }
  }

  async count(filters: ExportFilters): Promise<number> {
    const q = exportCountQuery(filters);
    return (await this.client.query(q.text, q.values)).rows[0].n;
  }

  /** Rows as arrays of text; destroying the stream closes the portal (Postgres stops producing rows). */
  rows(filters: ExportFilters, projection: Projection): QueryStream {
    const q = exportQuery(filters, projection);
    return this.client.query(new QueryStream(q.text, q.values, { batchSize: FETCH_ROWS, highWaterMark: FETCH_ROWS, rowMode: 'array', types: TEXT_AS_IS }));
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
    this.client.off('error', ignore);
    this.client.release(failure);
  }
}
