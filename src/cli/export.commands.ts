import { plainToInstance } from 'class-transformer';
import { validateOrReject } from 'class-validator';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ExportQueryDto } from '../exports/dtos/export-query.dto';
import { EXPORT_FORMATS } from '../exports/export.types';
import { ExportsModule } from '../exports/exports.module';
import { ExportsService } from '../exports/exports.service';
import { withCliContext } from './cli-context';

interface ExportOptions {
  format: string;
  out: string;
  status?: string;
  from?: string;
  to?: string;
  source?: string;
  article?: string;
  queue?: string;
  reviewer?: string;
  since?: string;
  includeVerdicts?: boolean;
  safe: boolean;
  bom?: boolean;
}

/** `export`: the same service and stream as GET /exports/verdicts, written to a file with a progress bar. */
export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('Export settled claims (as GET /exports/verdicts does) to a file')
    .addOption(new Option('--format <format>').choices(EXPORT_FORMATS).default('csv'))
    .requiredOption('--out <file>')
    .option('--status <labels>', 'comma list of final labels and/or needs_adjudication')
    .option('--from <iso>', 'finalized at or after')
    .option('--to <iso>', 'finalized at or before')
    .option('--source <source>')
    .option('--article <id>')
    .option('--queue <slug>')
    .option('--reviewer <id>')
    .option('--since <cursor>', 'cursor printed by a previous export')
    .option('--include-verdicts', "add every reviewer's verdicts")
    .option('--no-safe', 'CSV: keep cells that start like a spreadsheet formula verbatim (neutralised by default)')
    .option('--bom', 'CSV: start the file with a UTF-8 byte-order mark')
    .action(async (o: ExportOptions) => {
      const query = plainToInstance(ExportQueryDto, {
        format: o.format,
        status: o.status,
        from: o.from,
        to: o.to,
        source: o.source,
        articleId: o.article,
        queue: o.queue,
        reviewer: o.reviewer,
        since: o.since,
        include: o.includeVerdicts ? 'verdicts' : undefined,
        safe: o.safe,
        bom: o.bom === true,
      });
      await validateOrReject(query).catch((errors: { property: string; constraints?: Record<string, string> }[]) => {
        throw new Error(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
      });
      await withCliContext([ExportsModule], async (ctx) => {
        const file = await ctx.get(ExportsService).open(null, query, { count: true });
        const bar = new SingleBar(
          { format: 'export [{bar}] {percentage}% | {value}/{total} rows | {duration}s', stream: process.stderr },
          Presets.shades_classic,
        );
        bar.start(file.total ?? 0, 0);
        const tick = setInterval(() => bar.update(file.stream.rows), 200);
        try {
          await pipeline(file.stream, createWriteStream(o.out));
        } finally {
          clearInterval(tick);
          bar.update(file.stream.rows);
          bar.stop();
        }
        console.log(
          `Wrote ${file.stream.rows} claims to ${o.out} (${o.format}). Cursor for the next run: --since ${file.cursor}`,
        );
        for (const { claimId, problems } of file.skipped ?? [])
          console.log(`Skipped ${claimId} (no valid ClaimReview): ${problems.join('; ')}`);
      });
    });
}
