import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { ArticleException } from './article.exception';
import { bodySha256, normalizeUrl } from './article-identity';
import { ArticlesService } from './articles.service';
import { CreateArticleDto } from './dtos/create-article.dto';
import { ImportLineResultDto, ImportReportDto } from './dtos/article.dto';

/** Lines stored at once: enough to overlap database round trips, few enough to leave the pool to other requests. */
const IN_FLIGHT = 4;
// A line longer than this cannot hold a valid article (body ≤ 500k characters); it is not even parsed.
const MAX_LINE_LENGTH = 1_100_000;

type Parsed = { dto: CreateArticleDto; keys: string[] } | { error: string };

/** One code path for POST /articles/import and `cli articles:import`: each line is stored (or refused) on its own. */
@Injectable()
export class ArticleImportService {
  constructor(private readonly articles: ArticlesService) {}

  async import(input: Readable, createdBy: string, onLine?: (result: ImportLineResultDto) => void): Promise<ImportReportDto> {
    if (!(input instanceof Readable)) throw new ArticleException('ARTICLE_IMPORT_NOT_NDJSON', 'Send the import as application/x-ndjson');
    const results: ImportLineResultDto[] = [];
    const inFlight = new Set<Promise<void>>();
    // Same url or body hash as a line still being stored: wait for it, so the earlier line is the one created.
    const pendingByKey = new Map<string, Promise<void>>();
    const settle = (slot: number, result: ImportLineResultDto) => {
      results[slot] = result;
      onLine?.(result);
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
      const before = parsed.keys.map((k) => pendingByKey.get(k));
      const lineNo = line;
      const task = Promise.all(before).then(async () => settle(slot, await this.store(lineNo, parsed.dto, createdBy)));
      parsed.keys.forEach((k) => pendingByKey.set(k, task));
      inFlight.add(task);
      const done = () => {
        inFlight.delete(task);
        parsed.keys.forEach((k) => pendingByKey.get(k) === task && pendingByKey.delete(k));
      };
      task.then(done, done);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const count = (status: ImportLineResultDto['status']) => results.filter((r) => r.status === status).length;
    return { totals: { created: count('created'), duplicate: count('duplicate'), invalid: count('invalid'), lines: results.length }, results };
  }

  private async store(line: number, dto: CreateArticleDto, createdBy: string): Promise<ImportLineResultDto> {
    try {
      const { article } = await this.articles.create(dto, createdBy);
      return { line, status: 'created', id: article.id };
    } catch (error) {
      if (error instanceof ArticleException && error.code === 'ARTICLE_DUPLICATE') {
        return { line, status: 'duplicate', existingId: error.details?.existingId as string };
      }
      // A value the database refuses is this line's problem; anything else (e.g. the database is down) stops the import.
      if (error instanceof QueryFailedError) return { line, status: 'invalid', error: `Refused by the database: ${error.message}` };
      throw error;
    }
  }
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
  const url = normalizeUrl(dto.url);
  return { dto, keys: [`sha:${bodySha256(dto.body)}`, ...(url ? [`url:${url}`] : [])] };
}
