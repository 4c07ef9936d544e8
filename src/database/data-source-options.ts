import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { GuardedPgClient } from './guarded-pg-client';
import { MIGRATIONS } from '../../migrations';

/** The one DataSource definition, shared by the app, the CLI and the tests. `synchronize` is never on. */
export function dataSourceOptions(url: string, overrides: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // run by DatabaseServerService.migrate as the schema owner, never by the service's own connection
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: overrides.poolSize ?? 10,
    applicationName: 'factcheck',
    // Waiting for a connection (a free one, or a new one from a server that is down) ends in a 503, not a hang.
    connectTimeoutMS: 10_000,
    // Nothing beyond what a transaction pooler accepts in the startup packet: session settings (jit = off) are the
    // database's defaults (JitOffAsDatabaseDefault migration).
    extra: { Client: GuardedPgClient },
  };
}
