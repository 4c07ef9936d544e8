import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { DatabaseServerService, DatabaseUrls } from '../database/database-server.service';

/** The database of DATABASE_URL / MIGRATIONS_DATABASE_URL, or the embedded default (started for the duration of the command). */
async function withDatabaseServer(
  work: (server: DatabaseServerService, urls: DatabaseUrls) => Promise<void>,
): Promise<void> {
  const server = new DatabaseServerService(AppConfig.fromEnvironment(), { get: () => undefined } as never);
  try {
    await work(server, await server.urls());
  } finally {
    await server.onApplicationShutdown();
  }
}

export function registerMigrationCommands(program: Command): void {
  program
    .command('migration:run')
    .description('Apply pending migrations')
    .action(() =>
      withDatabaseServer(async (server, urls) => {
        const applied = await server.migrate(urls);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations');
      }),
    );

  program
    .command('migration:revert')
    .description('Revert the last applied migration')
    .action(() =>
      withDatabaseServer(async (_server, urls) => {
        const ds = new DataSource(dataSourceOptions(urls.owner, { poolSize: 1 }));
        await ds.initialize();
        try {
          const [last] = await ds.query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
          await ds.undoLastMigration({ transaction: 'each' });
          console.log(last ? `Reverted: ${last.name}` : 'Nothing to revert');
        } finally {
          await ds.destroy();
        }
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
      console.log(
        `Wrote ${file}: write its SQL (named constraints, a real down) and add ${className} to migrations/index.ts`,
      );
    });
}
