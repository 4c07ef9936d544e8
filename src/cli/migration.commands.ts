import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { DatabaseServerService } from '../database/database-server.service';

/** Connects to DATABASE_URL, or to the embedded default (started for the duration of the command). */
async function withDataSource(work: (ds: DataSource) => Promise<void>): Promise<void> {
  const config = AppConfig.fromEnvironment();
  const server = new DatabaseServerService(config, { get: () => undefined } as never);
  const ds = new DataSource(dataSourceOptions(await server.connectionUrl()));
  await ds.initialize();
  try {
    await work(ds);
  } finally {
    await ds.destroy();
    await server.onApplicationShutdown();
  }
}

export function registerMigrationCommands(program: Command): void {
  program
    .command('migration:run')
    .description('Apply pending migrations')
    .action(() =>
      withDataSource(async (ds) => {
        const applied = await ds.runMigrations({ transaction: 'each' });
        console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations');
      }),
    );

  program
    .command('migration:revert')
    .description('Revert the last applied migration')
    .action(() =>
      withDataSource(async (ds) => {
        const [last] = await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
        await ds.undoLastMigration({ transaction: 'each' });
        console.log(last ? `Reverted: ${last.name}` : 'Nothing to revert');
      }),
    );

  program
    .command('migration:generate <name>')
    .description('Write migrations/<timestamp>-<name>.ts from the difference between the entities and the database')
    .action((name: string) =>
      withDataSource(async (ds) => {
        const { upQueries, downQueries } = await ds.driver.createSchemaBuilder().log();
        if (!upQueries.length) return console.log('No changes between the entities and the database');
        const timestamp = Date.now();
        const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${timestamp}`;
        const sql = (qs: { query: string }[]) => qs.map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
        const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
        writeFileSync(
          file,
          `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(q: QueryRunner): Promise<void> {\n${sql(upQueries)}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${sql(downQueries.reverse())}\n  }\n}\n`,
        );
        console.log(`Wrote ${file}: review the SQL, name constraints, and add ${className} to migrations/index.ts`);
      }),
    );
}
