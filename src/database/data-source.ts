import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// For the TypeORM CLI (`npx typeorm -d dist/src/database/data-source.js ...`) against DATABASE_URL.
// `npm run migration:*` wraps this and also works on the embedded default.
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must be set for the TypeORM CLI');
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL));
