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
    .description('Write migrations/<timestamp>-<name>.ts, a migration class to fill with plain SQL')
    .action((name: string) => {
      // No entity diff: the schema is hand-written SQL (CHECKs, partial and GIN indexes, triggers) that TypeORM's
      // entity model does not describe, so a generated diff would propose dropping all of it.
      const timestamp = Date.now();
      const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${timestamp}`;
      const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(q: QueryRunner): Promise<void> {\n    await q.query(\`\`);\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n    await q.query(\`\`);\n  }\n}\n`,
      );
      console.log(`Wrote ${file}: write its SQL (named constraints, a real down) and add ${className} to migrations/index.ts`);
    });
}
