import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { ArticleException } from './article.exception';
import { identityKeys } from './article-identity';
import { isDeadlock, isUniqueViolation } from '../common/errors/pg-errors';
import { TransactionContext } from '../database/transaction-context';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService, IDENTITY_CONSTRAINTS, PreparedArticle, StoreOutcome } from './articles.service';
import { CreateArticleDto } from './dtos/create-article.dto';
import { ImportLineResultDto, ImportReportDto } from './dtos/article.dto';

/**
 * Lines stored per transaction. Committing every line costs a WAL flush and a dozen round trips per line; a batch
 * costs a handful of statements for all its lines. Big enough to amortize those, small enough that a batch's
 * extraction overlaps the previous batch's database work and a failed batch is cheap to redo line by line.
 */
const BATCH_LINES = 100;
// A line longer than this cannot hold a valid article (body ≤ 500k characters); it is not even parsed.
const MAX_LINE_LENGTH = 1_100_000;

type Parsed = { dto: CreateArticleDto } | { error: string };
interface Pending {
  slot: number;
  line: number;
  prepared: PreparedArticle;
}

/**
 * Batches in the database at once, each its own transaction and connection. One at a time left half of a 2-core
 * machine idle (PostgreSQL ~70 % of a core, Node ~30 %): bench/ingest measured 429 articles/s with one, 612 with
 * two, 665 with three; two keeps most of the gain for one connection less per import.
 */
const BATCHES_IN_FLIGHT = 2;

/**
 * One code path for POST /articles/import and `cli articles:import`: each line is stored (or refused) on its own.
 * Lines are stored a batch per transaction, up to BATCHES_IN_FLIGHT batches at once, while the next batch is
 * parsed and extracted. A batch holding a line with the url or body of a line in a batch still being stored waits
 * for that batch first, so duplicates within the file resolve in file order. A line's result is reported only
 * once its batch has committed.
 */
@Injectable()
export class ArticleImportService {
  constructor(
    private readonly articles: ArticlesService,
    private readonly repository: ArticlesRepository,
    private readonly tx: TransactionContext,
  ) {}

  async import(input: Readable, createdBy: string, onLine?: (result: ImportLineResultDto) => void): Promise<ImportReportDto> {
    if (!(input instanceof Readable)) throw new ArticleException('ARTICLE_IMPORT_NOT_NDJSON', 'Send the import as application/x-ndjson');
    const results: ImportLineResultDto[] = [];
    const settle = (slot: number, result: ImportLineResultDto) => {
      results[slot] = result;
      onLine?.(result);
    };
    let batch: Pending[] = [];
    // A batch that fails outright (the database went away) ends the import with that error once the others settle.
    let failure: { error: unknown } | undefined;
    const inFlight = new Set<{ done: Promise<void>; identities: Set<string> }>();
    const flush = async () => {
      const pending = batch;
      batch = [];
      if (!pending.length) return;
      const identities = new Set(pending.flatMap(({ prepared }) => identityKeys(prepared)));
      const overlapping = [...inFlight].filter((b) => [...identities].some((k) => b.identities.has(k)));
      await Promise.all(overlapping.map((b) => b.done));
      while (inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race([...inFlight].map((b) => b.done));
      const entry = { identities, done: Promise.resolve() };
      entry.done = this.storeBatch(pending, createdBy).then(
        (outcomes) => {
          outcomes.forEach((r, i) => settle(pending[i].slot, r));
          inFlight.delete(entry);
        },
        (error: unknown) => {
          failure ??= { error };
          inFlight.delete(entry);
        },
      );
      inFlight.add(entry);
    };
    let line = 0;
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (!raw.trim()) continue;
      const slot = results.push({ line, status: 'invalid' }) - 1;
      const parsed = await parseLine(raw);
      if ('error' in parsed) {
        settle(slot, { line, status: 'invalid', error: parsed.error });
        continue;
      }
      batch.push({ slot, line, prepared: this.articles.prepare(parsed.dto) });
      if (batch.length >= BATCH_LINES) await flush();
      if (failure) break;
    }
    if (!failure) await flush();
    while (inFlight.size) await Promise.all([...inFlight].map((b) => b.done));
    if (failure) throw failure.error;
    const count = (status: ImportLineResultDto['status']) => results.filter((r) => r.status === status).length;
    return { totals: { created: count('created'), duplicate: count('duplicate'), invalid: count('invalid'), lines: results.length }, results };
  }

  /**
   * The whole batch in one go; if the database refuses any of it (a value it rejects, a race with another writer on
   * a url or body hash), that attempt is rolled back and the batch is redone a line per savepoint, so the bad line
   * alone is reported and the others are stored exactly as they would have been.
   */
  private storeBatch(pending: Pending[], createdBy: string): Promise<ImportLineResultDto[]> {
    return this.tx.run(async () => {
      // Before any savepoint: a rollback to one would undo the setting for the retries below.
      await this.tx.preferIndexScans();
      for (let attempt = 1; ; attempt++) {
        await this.repository.savepoint('import_batch');
        try {
          const outcomes = await this.articles.storeMany(pending.map((p) => p.prepared), createdBy);
          await this.repository.releaseSavepoint('import_batch');
          return outcomes.map((o, i) => lineResult(pending[i].line, o));
        } catch (error) {
          if (!(error instanceof QueryFailedError)) throw error;
          await this.repository.rollbackToSavepoint('import_batch');
          // Two batches in flight waited on each other (say, over a new claim text both insert): no line is at
          // fault, so the whole batch goes again.
          if (isDeadlock(error) && attempt < 3) continue;
          break;
        }
      }
      const results: ImportLineResultDto[] = [];
      for (const p of pending) results.push(await this.storeLine(p, createdBy));
      return results;
    });
  }

  private async storeLine({ line, prepared }: Pending, createdBy: string): Promise<ImportLineResultDto> {
    await this.repository.savepoint('import_line');
    try {
      const [outcome] = await this.articles.storeMany([prepared], createdBy);
      await this.repository.releaseSavepoint('import_line');
      return lineResult(line, outcome);
    } catch (error) {
      // A value the database refuses is this line's problem; anything else (e.g. the database is down) stops the import.
      if (!(error instanceof QueryFailedError)) throw error;
      await this.repository.rollbackToSavepoint('import_line');
      if (IDENTITY_CONSTRAINTS.some((c) => isUniqueViolation(error, c))) {
        // Another writer committed the same url or body meanwhile: name its article.
        const existingId = await this.repository.findDuplicateId(prepared.url, prepared.hash);
        if (existingId) return { line, status: 'duplicate', existingId };
      }
      return { line, status: 'invalid', error: `Refused by the database: ${error.message}` };
    }
  }
}

function lineResult(line: number, outcome: StoreOutcome): ImportLineResultDto {
  return 'existingId' in outcome ? { line, status: 'duplicate', existingId: outcome.existingId } : { line, status: 'created', id: outcome.article.id };
}

async function parseLine(raw: string): Promise<Parsed> {
  if (raw.length > MAX_LINE_LENGTH) return { error: `Line too long (${raw.length} characters)` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { error: `Malformed JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'Each line must be a JSON object' };
  const dto = plainToInstance(CreateArticleDto, value);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) return { error: errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('; ') };
  return { dto };
}
