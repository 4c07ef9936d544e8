import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { AppConfig } from '../config/app-config';

/**
 * The one transaction helper. `run` opens a transaction (or joins the one already open in this async context) and
 * repositories read `manager`, so they take part in it without any manager being passed around.
 */
@Injectable()
export class TransactionContext {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  /** Transactions (by their manager) already told to prefer index scans. */
  private readonly indexScansPreferred = new WeakSet<EntityManager>();
  /** Work that waits for its transaction's commit (by the transaction's manager); dropped on rollback. */
  private readonly committed = new WeakMap<EntityManager, (() => void)[]>();
  /**
   * Behind a transaction pooler a named statement would be prepared on whichever server connection ran it and be
   * missing (or already there) on the next: pgbouncer 1.18 does not track them. Unnamed, each call is planned anew.
   */
  private readonly namedStatements: boolean;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.namedStatements = config.dbPoolMode === 'session';
  }

  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * Runs a named prepared statement on the transaction's connection, or the pool outside one. For the hot
   * statements: PostgreSQL then plans them once per connection instead of on every call (planning the pull
   * costs more than running it). With DB_POOL_MODE=transaction the statement runs unnamed (see namedStatements).
   * Errors arrive as TypeORM's QueryFailedError, like every other query's.
   */
  async prepared<T>(name: string, text: string, params: unknown[]): Promise<T[]> {
    const runner = this.storage.getStore()?.queryRunner;
    // TypeORM releases a transaction's runner when its connection fails, but connect() would still hand out the dead connection.
    if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
    // TypeORM types both as any: the runner's connection is a pg PoolClient, the driver's master a pg Pool.
    const target = runner
      ? ((await runner.connect()) as PoolClient)
      : ((this.dataSource.driver as PostgresDriver).master as Pool);
    try {
      return (await target.query({ name: this.namedStatements ? name : undefined, text, values: params })).rows as T[];
    } catch (error) {
      throw new QueryFailedError(text, params, error as Error);
    }
  }

  /**
   * For the rest of the current transaction the planner uses an index wherever one applies. For statements that
   * only ever look rows up by key but run while their tables grow from empty (ingestion): with the statistics of a
   * small or never-analyzed table the planner picks sequential scans, and a prepared statement keeps that plan
   * (seen in CI: a 5,000-line import took 209 s instead of 27 s; planning each call picked scans too, 580 ms per
   * post). Every caller of such a statement must ask first, since a connection plans a prepared statement under the
   * settings of the call that planned it. Once per transaction; only inside one (`SET LOCAL`).
   */
  async preferIndexScans(): Promise<void> {
    const transaction = this.storage.getStore();
    if (!transaction) throw new Error('preferIndexScans() needs a transaction');
    if (this.indexScansPreferred.has(transaction)) return;
    await transaction.query('SET LOCAL enable_seqscan = off');
    this.indexScansPreferred.add(transaction);
  }

  /**
   * Runs `then` once the current transaction has committed (at once outside a transaction: the statement before
   * committed by itself), never when it rolls back. For announcing writes: a listener acting on the news must see them.
   */
  afterCommit(then: () => void): void {
    const transaction = this.storage.getStore();
    if (!transaction) return then();
    const waiting = this.committed.get(transaction);
    if (waiting) waiting.push(then);
    else this.committed.set(transaction, [then]);
  }

  /** Without `isolation` the server default (READ COMMITTED) applies, saving TypeORM's extra SET TRANSACTION round trip. */
  async run<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (this.storage.getStore()) return work();
    let manager: EntityManager | undefined;
    const inContext = (transaction: EntityManager) => {
      manager = transaction;
      return this.storage.run(transaction, work);
    };
    const result = await (isolation
      ? this.dataSource.transaction(isolation, inContext)
      : this.dataSource.transaction(inContext));
    for (const then of (manager && this.committed.get(manager)) ?? []) then();
    return result;
  }
}
