import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
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

  /** Without `isolation` the server default (READ COMMITTED) applies, saving TypeORM's extra SET TRANSACTION round trip. */
  run<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (this.storage.getStore()) return work();
    const inContext = (manager: EntityManager) => this.storage.run(manager, work);
    return isolation ? this.dataSource.transaction(isolation, inContext) : this.dataSource.transaction(inContext);
  }
}
