import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * The one transaction helper. `run` opens a transaction (or joins the one already open in this async context) and
 * repositories read `manager`, so they take part in it without any manager being passed around.
 */
@Injectable()
export class TransactionContext {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * Runs a named prepared statement on the transaction's connection, or the pool outside one. For the hot
   * statements: PostgreSQL then plans them once per connection instead of on every call (planning the pull
   * costs more than running it). Errors arrive as TypeORM's QueryFailedError, like every other query's.
   */
  async prepared<T>(name: string, text: string, params: unknown[]): Promise<T[]> {
    const runner = this.storage.getStore()?.queryRunner;
    const target: Pool | PoolClient = runner ? await runner.connect() : (this.dataSource.driver as PostgresDriver).master;
    try {
      return (await target.query({ name, text, values: params })).rows as T[];
    } catch (error) {
      throw new QueryFailedError(text, params, error as Error);
    }
  }

  /** Without `isolation` the server default (READ COMMITTED) applies, saving TypeORM's extra SET TRANSACTION round trip. */
  run<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (this.storage.getStore()) return work();
    const inContext = (manager: EntityManager) => this.storage.run(manager, work);
    return isolation ? this.dataSource.transaction(isolation, inContext) : this.dataSource.transaction(inContext);
  }
}
