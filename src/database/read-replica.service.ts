import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { isDatabaseUnavailable } from '../common/errors/pg-errors';
import { AppConfig } from '../config/app-config';
import { GuardedPgClient } from './guarded-pg-client';
import { ReplicaLag } from './replica-lag';

/** How often the replica's replay position is compared with the primary's. */
const CHECK_INTERVAL_MS = 1000;
/**
 * A replica that does not answer is passed over sooner than the primary's 10 s (the primary can serve the read), but
 * not so soon that a busy machine's slow connect counts as an outage (2 s did, under a load average of 20).
 */
const REPLICA_CONNECT_TIMEOUT_MS = 5000;

/** What the last check found: `off` without DATABASE_REPLICA_URL, `down` when it failed or the server is no standby. */
export type ReplicaState = 'off' | 'ok' | 'lagging' | 'down';

/**
 * Reads that may lag (exports, statistics) go to DATABASE_REPLICA_URL's hot standby while it answers and its replay
 * lag is within REPLICA_MAX_LAG_MS, else to the primary. Whatever the source, these reads must hold on both: the
 * export cursor takes its horizon from the snapshot of the server it reads (see ExportSnapshot), so a poll may read
 * the replica after the primary or the other way round.
 */
@Injectable()
export class ReadReplica implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadReplica');
  private readonly storage = new AsyncLocalStorage<PoolClient>();
  private readonly replica?: Pool;
  private readonly lag = new ReplicaLag();
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private current: { state: ReplicaState; lagMs: number | null } = { state: 'off', lagMs: null };

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    if (!config.replica) return;
    this.current = { state: 'down', lagMs: null };
    this.replica = new Pool({
      connectionString: config.replica.url,
      max: config.dbPoolSize,
      Client: GuardedPgClient,
      application_name: 'factcheck-replica-reads',
      connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
      // no startup `options` (a pooler in front of the replica would refuse them): jit = off is the database's
      // default, replicated from the primary (JitOffAsDatabaseDefault migration)
    });
    this.replica.on('error', () => undefined); // idle connections that die: GuardedPgClient logs them
  }

  async onModuleInit(): Promise<void> {
    if (!this.replica) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await this.replica?.end();
  }

  /** For health and metrics: the replica's state and replay lag (ms) as of the last check (at most a second ago). */
  get status(): { state: ReplicaState; lagMs: number | null } {
    return this.current;
  }

  /**
   * A connection for a read that may lag, on the replica when it is usable, else the primary's pool (a replica that
   * fails to give one is marked down and the primary serves). The caller releases it.
   */
  async connect(): Promise<{ client: PoolClient; onReplica: boolean }> {
    if (this.replica && this.current.state === 'ok') {
      try {
        return { client: await this.replica.connect(), onReplica: true };
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.markDown(error as Error);
      }
    }
    return { client: await this.connectPrimary(), onReplica: false };
  }

  /** A connection to the primary, for a read the replica cannot answer yet (see ExportsRepository.openSnapshot). */
  connectPrimary(): Promise<PoolClient> {
    return this.primary.connect();
  }

  /** Runs `work` in one READ ONLY transaction on the replica (or the primary); `query` inside it joins it. */
  async run<T>(work: () => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    if (this.storage.getStore()) return work();
    const { client } = await this.connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation} READ ONLY`);
      const result = await this.storage.run(client, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** One statement, in the transaction `run` opened or on a connection of its own. */
  async query<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const open = this.storage.getStore();
    if (open) return (await open.query(text, values)).rows as T[];
    const { client } = await this.connect();
    let broken: Error | undefined;
    try {
      return (await client.query(text, values)).rows as T[];
    } catch (error) {
      if (isDatabaseUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private get primary(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** The primary's position first, then the replica's: a replica caught up with that sample had all of it then. */
  private check(): Promise<void> {
    this.checking ??= this.compare().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async compare(): Promise<void> {
    const replica = this.replica!;
    try {
      const [primary] = (await this.primary.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`)).rows;
      this.lag.primaryAt(Date.now(), primary.lsn);
    } catch {
      // The primary is down: the replica may still serve reads; its lag then grows from what it already owes.
    }
    try {
      const [row] = (
        await replica.query<{ standby: boolean; lsn: string | null }>(
          `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn`,
        )
      ).rows;
      if (!row.standby || !row.lsn) {
        this.setState(
          'down',
          null,
          'DATABASE_REPLICA_URL is not a standby in recovery (promoted?): reading the primary',
        );
        return;
      }
      const lagMs = this.lag.replayedAt(Date.now(), row.lsn);
      this.setState(lagMs > this.config.replica!.maxLagMs ? 'lagging' : 'ok', lagMs);
    } catch (error) {
      this.markDown(error as Error);
    }
  }

  private markDown(error: Error): void {
    this.setState('down', null, `replica unavailable, reading the primary: ${error.message}`);
  }

  private setState(state: ReplicaState, lagMs: number | null, why?: string): void {
    const previous = this.current.state;
    this.current = { state, lagMs };
    if (state === previous) return;
    if (state === 'ok') this.logger.log(`replica in use (lag ${lagMs} ms)`);
    else if (state === 'lagging')
      this.logger.warn(`replica lag ${lagMs} ms exceeds REPLICA_MAX_LAG_MS: reading the primary`);
    else this.logger.warn(why ?? 'replica down');
  }
}
