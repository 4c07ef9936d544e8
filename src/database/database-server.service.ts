import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { ensureLoginRole, grantAppPrivileges, roleOf } from './app-role';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedServer, ensureDatabase, readOrCreateSecret, startEmbeddedPostgres } from './embedded-postgres';

const EMBEDDED_DATABASE = 'factcheck';
/** The embedded default's login for the service; its superuser owns the schema and runs the migrations. */
const EMBEDDED_APP_ROLE = 'factcheck_app';

/**
 * Who connects: the service (`app`, least privilege; maybe through a transaction pooler), its LISTEN session
 * (`listen`, as `app` but always a session of its own) and the schema owner who migrates (`owner`).
 */
export interface DatabaseUrls {
  app: string;
  listen: string;
  owner: string;
}

/**
 * Resolves which PostgreSQL the service talks to and as whom: DATABASE_URL (and MIGRATIONS_DATABASE_URL for the
 * owner) when set, otherwise an embedded server under the data folder, started on demand and stopped when the
 * application shuts down.
 */
@Injectable()
export class DatabaseServerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private embedded?: { server: EmbeddedServer; appPassword: string };

  constructor(
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async urls(): Promise<DatabaseUrls> {
    const { databaseUrl, databaseListenUrl, migrationsDatabaseUrl } = this.config;
    if (databaseUrl)
      return {
        app: databaseUrl,
        listen: databaseListenUrl ?? databaseUrl,
        owner: migrationsDatabaseUrl ?? databaseUrl,
      };
    if (!this.embedded) {
      const dir = join(this.config.dataDir, 'postgres');
      this.logger.log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${dir}`);
      const server = await startEmbeddedPostgres({ dir, log: (line) => this.logger.debug(line) });
      this.embedded = { server, appPassword: readOrCreateSecret(join(dir, 'app-password')) };
      await ensureDatabase(server.url('postgres'), EMBEDDED_DATABASE);
      await ensureLoginRole(server.url('postgres'), EMBEDDED_APP_ROLE, this.embedded.appPassword);
    }
    const { server, appPassword } = this.embedded;
    const app = server.url(EMBEDDED_DATABASE, { user: EMBEDDED_APP_ROLE, password: appPassword });
    return { owner: server.url(EMBEDDED_DATABASE), app, listen: app };
  }

  /** The URL the service connects with; first, with MIGRATIONS_RUN, the migrations as the owner (see migrate). */
  async connectionUrl(): Promise<string> {
    const urls = await this.urls();
    if (this.config.runMigrations) await this.migrate(urls);
    return urls.app;
  }

  /** Applies pending migrations as the schema owner, then grants the service's role what it needs; returns their names. */
  async migrate(urls: DatabaseUrls): Promise<string[]> {
    const owner = new DataSource(dataSourceOptions(urls.owner, { poolSize: 1 }));
    await owner.initialize();
    try {
      const applied = await owner.runMigrations({ transaction: 'each' });
      await grantAppPrivileges(owner, roleOf(urls.app), (message) => this.logger.warn(message));
      return applied.map((m) => m.name);
    } finally {
      await owner.destroy();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    // The pool must close before its server goes away; Nest gives no order between the two global modules.
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource?.isInitialized) await dataSource.destroy();
    await this.embedded.server.stop();
    this.embedded = undefined;
    this.logger.log('embedded PostgreSQL stopped');
  }
}
