import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// For the TypeORM CLI (`npx typeorm -d dist/src/database/data-source.js ...`) as the schema owner
// (MIGRATIONS_DATABASE_URL, else DATABASE_URL). `npm run migration:*` wraps this, also works on the embedded default
// and grants the service's role its privileges after running migrations (this does not).
const url = process.env.MIGRATIONS_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) throw new Error('MIGRATIONS_DATABASE_URL or DATABASE_URL must be set for the TypeORM CLI');
export default new DataSource(dataSourceOptions(url));
