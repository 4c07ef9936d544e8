import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { EmbeddedServer, ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

const EMBEDDED_DATABASE = 'factcheck';

/**
 * Resolves which PostgreSQL the service talks to: DATABASE_URL when set, otherwise an embedded server
 * under the data folder, started on demand and stopped when the application shuts down.
 */
@Injectable()
export class DatabaseServerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private embedded?: EmbeddedServer;

  constructor(
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async connectionUrl(): Promise<string> {
    if (this.config.databaseUrl) return this.config.databaseUrl;
    if (!this.embedded) {
      const dir = join(this.config.dataDir, 'postgres');
      this.logger.log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${dir}`);
      this.embedded = await startEmbeddedPostgres({ dir, log: (line) => this.logger.debug(line) });
      await ensureDatabase(this.embedded.url('postgres'), EMBEDDED_DATABASE);
    }
    return this.embedded.url(EMBEDDED_DATABASE);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    // The pool must close before its server goes away; Nest gives no order between the two global modules.
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource?.isInitialized) await dataSource.destroy();
    await this.embedded.stop();
    this.embedded = undefined;
    this.logger.log('embedded PostgreSQL stopped');
  }
}
