import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ArticleImportService } from '../articles/article-import.service';
import { ArticlesModule } from '../articles/articles.module';
import { Role } from '../users/role';
import { UsersModule } from '../users/users.module';
import { UsersService } from '../users/users.service';
import { withCliContext } from './cli-context';

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    if (line.trim()) n++;
  return n;
}

/** The importing user: --as <email>, else the oldest active admin. */
async function resolveImporter(users: UsersService, email?: string): Promise<string> {
  const filter = email ? { emailContains: email } : { role: Role.Admin, active: true };
  const page = await users.list(filter, { limit: 200, offset: 0 });
  const user = email ? page.items.find((u) => u.email === email.toLowerCase()) : page.items[0];
  if (!user) throw new Error(email ? `No user ${email}` : 'No active admin: pass --as <email>');
  return user.id;
}

export function registerArticleCommands(program: Command): void {
  program
    .command('articles:import <file>')
    .description('Import an NDJSON file (one article per line) through the same code path as POST /articles/import')
    .option('--as <email>', 'the user recorded as creator (default: the first admin)')
    .action(async (file: string, opts: { as?: string }) => {
      const total = await countLines(file);
      const report = await withCliContext([ArticlesModule, UsersModule], async (ctx) => {
        const createdBy = await resolveImporter(ctx.get(UsersService), opts.as);
        const bar = new SingleBar(
          { format: 'import [{bar}] {value}/{total} lines | {eta_formatted} left' },
          Presets.shades_classic,
        );
        bar.start(total, 0);
        try {
          return await ctx
            .get(ArticleImportService)
            .import(createReadStream(file), createdBy, { onLine: () => bar.increment() });
        } finally {
          bar.stop();
        }
      });
      const { created, duplicate, invalid, lines } = report.totals;
      console.log(`${lines} lines: ${created} created, ${duplicate} duplicate, ${invalid} invalid`);
      for (const r of report.problems) {
        console.log(
          `  line ${r.line}: ${r.status}${r.existingId ? ` of ${r.existingId}` : ''}${r.error ? ` — ${r.error}` : ''}`,
        );
      }
      if (report.problemsOmitted) console.log(`  … and ${report.problemsOmitted} more duplicate or invalid lines`);
      if (invalid) process.exitCode = 2;
    });
}
