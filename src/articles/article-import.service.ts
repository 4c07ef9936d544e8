import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { QueryFailedError } from 'typeorm';
import { ArticleException } from './article.exception';
import { identityKeys } from './article-identity';
import { isDeadlock, isUniqueViolation } from '../common/errors/pg-errors';
import { AppConfig } from '../config/app-config';
import { TransactionContext } from '../database/transaction-context';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService, IDENTITY_CONSTRAINTS, PreparedArticle, StoreOutcome } from './articles.service';
import { ImportLineResult, ImportSummary } from './article.types';
import { CreateArticleDto } from './dtos/create-article.dto';
import { ImportReport } from './import-report';
import { ndjsonLines } from './ndjson-lines';
import { findIllFormedString } from '../common/http/input-hygiene';
import { parseBoundedJson } from '../common/http/bounded-json';
const BUSY_RETRY_SECONDS = 5;

/**
 * Lines stored per transaction. Committing every line costs a WAL flush and a dozen round trips per line; a batch
 * costs a handful of statements for all its lines. Big enough to amortize those, small enough that a batch's
 * extraction overlaps the previous batch's database work and a failed batch is cheap to redo line by line.
 */
const BATCH_LINES = 100;

// A batch is also cut at this many body characters, so that a few huge articles do not hold hundreds of MB at once.
const BATCH_CHARS = 4_000_000;
/**
 * Results that may wait for an earlier line's batch before the reading pauses: without a bound, a stored batch
 * followed by a million invalid lines would keep a million results in memory.
 */
const MAX_BACKLOG = 1_000;
/** A 64 KB chunk of short bad lines is ~30,000 lines: without a pause that held /health back for a second. */
const YIELD_EVERY_LINES = 200;

type Parsed = { dto: CreateArticleDto } | { error: string };
interface Pending {
  slot: number;
  line: number;
  prepared: PreparedArticle;
}

export interface ImportOptions {
  /** Lines after this many are not read; the report says where it stopped (IMPORT_MAX_LINES). */
  maxLines?: number;
  /** Every line's result, in file order, once it is final (stored lines once their batch has committed). */
  onLine?: (result: ImportLineResult) => void;
  /** Awaited before each line is read: lets a slow reader of the results hold back the import. */
  ready?: () => Promise<void>;
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
 * once its batch has committed. Memory stays flat in the number of lines: lines are read as they arrive and only
 * the totals and the first problems are kept (see ImportReport).
 */
@Injectable()
export class ArticleImportService {
  private running = 0;

  constructor(
    private readonly articles: ArticlesService,
    private readonly repository: ArticlesRepository,
    private readonly tx: TransactionContext,
    private readonly config: AppConfig,
  ) {}

  async import(input: Readable, createdBy: string, options: ImportOptions = {}): Promise<ImportSummary> {
    if (!(input instanceof Readable))
      throw new ArticleException('ARTICLE_IMPORT_NOT_NDJSON', 'Send the import as application/x-ndjson');
    if (this.running >= this.config.imports.concurrency) {
      throw new ArticleException(
        'ARTICLE_IMPORT_BUSY',
        `${this.running} imports are running on this instance; try again shortly`,
        { retryAfterSeconds: BUSY_RETRY_SECONDS },
      );
    }
    this.running++;
    try {
      return await this.run(input, createdBy, options);
    } finally {
      this.running--;
    }
  }

  private async run(
    input: Readable,
    createdBy: string,
    { maxLines = Infinity, onLine, ready }: ImportOptions,
  ): Promise<ImportSummary> {
    const report = new ImportReport(onLine);
    let batch: Pending[] = [];
    let batchChars = 0;
    // A batch that fails outright (the database went away) ends the import with that error once the others settle.
    let failure: { error: unknown } | undefined;
    const inFlight = new Set<{ done: Promise<void>; identities: Set<string> }>();
    const flush = async () => {
      const pending = batch;
      batch = [];
      batchChars = 0;
      if (!pending.length) return;
      const identities = new Set(pending.flatMap(({ prepared }) => identityKeys(prepared)));
      const overlapping = [...inFlight].filter((b) => [...identities].some((k) => b.identities.has(k)));
      await Promise.all(overlapping.map((b) => b.done));
      while (inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race([...inFlight].map((b) => b.done));
      const entry = { identities, done: Promise.resolve() };
      entry.done = this.storeBatch(pending, createdBy).then(
        (outcomes) => {
          outcomes.forEach((r, i) => report.settle(pending[i].slot, r));
          inFlight.delete(entry);
        },
        (error: unknown) => {
          failure ??= { error };
          inFlight.delete(entry);
        },
      );
      inFlight.add(entry);
    };
    let read = 0;
    try {
      for await (const next of ndjsonLines(input, this.config.imports.maxLineBytes)) {
        if ('text' in next && !next.text.trim()) continue;
        if (read++ >= maxLines) {
          report.stop({
            line: next.line,
            code: 'ARTICLE_IMPORT_TOO_MANY_LINES',
            message: `Stopped after ${maxLines} lines (IMPORT_MAX_LINES); send the rest from line ${next.line} on`,
          });
          discardRest(input);
          break;
        }
        const slot = report.reserve();
        const parsed = 'text' in next ? await parseLine(next.text) : { error: next.problem };
        if ('error' in parsed) {
          report.settle(slot, { line: next.line, status: 'invalid', error: parsed.error });
        } else {
          batch.push({ slot, line: next.line, prepared: this.articles.prepare(parsed.dto) });
          batchChars += parsed.dto.body.length;
          if (batch.length >= BATCH_LINES || batchChars >= BATCH_CHARS) await flush();
        }
        while (report.backlog > MAX_BACKLOG && inFlight.size && !failure)
          await Promise.race([...inFlight].map((b) => b.done));
        if (failure) break;
        await ready?.();
        // Lines already received are read in microtasks alone; other requests get the event loop now and then.
        if (read % YIELD_EVERY_LINES === 0) await yieldToEventLoop();
      }
    } catch (error) {
      // The upload broke off, went over IMPORT_BODY_LIMIT, or the reader of the results went away.
      failure ??= { error };
    }
    if (!failure) await flush();
    while (inFlight.size) await Promise.all([...inFlight].map((b) => b.done));
    if (failure) throw failure.error;
    return report.summary();
  }

  /**
   * The whole batch in one go; if the database refuses any of it (a value it rejects, a race with another writer on
   * a url or body hash), that attempt is rolled back and the batch is redone a line per savepoint, so the bad line
   * alone is reported and the others are stored exactly as they would have been.
   */
  private storeBatch(pending: Pending[], createdBy: string): Promise<ImportLineResult[]> {
    return this.tx.run(async () => {
      // Before any savepoint: a rollback to one would undo the setting for the retries below.
      await this.tx.preferIndexScans();
      for (let attempt = 1; ; attempt++) {
        await this.repository.savepoint('import_batch');
        try {
          const outcomes = await this.articles.storeMany(
            pending.map((p) => p.prepared),
            createdBy,
          );
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
      const results: ImportLineResult[] = [];
      for (const p of pending) results.push(await this.storeLine(p, createdBy));
      return results;
    });
  }

  private async storeLine({ line, prepared }: Pending, createdBy: string): Promise<ImportLineResult> {
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
      return { line, status: 'invalid', error: refusal(error) };
    }
  }
}

function lineResult(line: number, outcome: StoreOutcome): ImportLineResult {
  return 'existingId' in outcome
    ? { line, status: 'duplicate', existingId: outcome.existingId }
    : { line, status: 'created', id: outcome.article.id };
}

/** The rest of an upload we stopped reading goes unread into the void, so the client can finish sending and read the report. */
function discardRest(input: Readable): void {
  input.on('error', () => undefined).resume();
}

/** What the line did wrong, in our words: PostgreSQL's own message names internals and is never passed on. */
function refusal(error: Pick<QueryFailedError, 'driverError'>): string {
  const code = (error.driverError as { code?: string }).code ?? '';
  if (code.startsWith('54'))
    return `Refused by the database: a value is too large to store (e.g. too many distinct words to index) [${code}]`;
  if (code.startsWith('22')) return `Refused by the database: a value it cannot store [${code}]`;
  return `Refused by the database [${code || 'unknown'}]`;
}

async function parseLine(raw: string): Promise<Parsed> {
  let value: unknown;
  try {
    value = parseBoundedJson(raw);
  } catch (error) {
    return { error: `Malformed JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'Each line must be a JSON object' };
  const illFormed = findIllFormedString(value);
  if (illFormed) return { error: illFormed };
  const dto = plainToInstance(CreateArticleDto, value);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length)
    return { error: errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('; ') };
  return { dto };
}
