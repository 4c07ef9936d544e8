import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';

/** The one DataSource definition, shared by the app, the CLI and the tests. `synchronize` is never on. */
export function dataSourceOptions(url: string, overrides: { poolSize?: number; runMigrations?: boolean } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: overrides.runMigrations ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: overrides.poolSize ?? 10,
    applicationName: 'factcheck',
  };
}
