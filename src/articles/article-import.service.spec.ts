import { Readable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { TransactionContext } from '../database/transaction-context';
import { ArticleImportService } from './article-import.service';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService, PreparedArticle } from './articles.service';
import { ArticleInput } from './article.types';

/**
 * The import's scheduling alone (batches in flight, waiting on a duplicate, redoing a deadlocked batch), with the
 * storage stubbed; storing itself is tested against PostgreSQL in test/import.e2e-spec.ts.
 */
describe('ArticleImportService scheduling', () => {
  const ndjson = (bodies: string[]) =>
    Readable.from([bodies.map((body, i) => JSON.stringify({ title: `T${i}`, body })).join('\n')]);
  const deadlock = () =>
    new QueryFailedError('INSERT …', [], Object.assign(new Error('deadlock detected'), { code: '40P01' }));

  function importer(storeMany: (items: PreparedArticle[]) => Promise<unknown[]>) {
    const articles = {
      prepare: (input: ArticleInput): PreparedArticle => ({
        input,
        url: null,
        hash: input.body,
        extraction: 'extracted',
        sentences: [],
      }),
      storeMany: jest.fn(storeMany),
    };
    const repository = {
      savepoint: jest.fn(async () => undefined),
      releaseSavepoint: jest.fn(async () => undefined),
      rollbackToSavepoint: jest.fn(async () => undefined),
    };
    const config = { imports: { maxLineBytes: 2_000_000, maxLines: Infinity, concurrency: 2 } } as AppConfig;
    const tx = { run: <T>(work: () => Promise<T>) => work(), preferIndexScans: jest.fn(async () => undefined) };
    const service = new ArticleImportService(
      articles as unknown as ArticlesService,
      repository as unknown as ArticlesRepository,
      tx as unknown as TransactionContext,
      config,
    );
    return { service, articles, repository };
  }
  const created = (items: PreparedArticle[]) => items.map((p) => ({ article: { id: `id-${p.hash}` }, claims: [] }));

  it('should store two batches at once, but start a batch repeating a body still in flight only after that batch', async () => {
    const events: string[] = [];
    let thirdStarted: () => void = () => undefined;
    const third = new Promise<void>((r) => (thirdStarted = r));
    const { service } = importer(async (items) => {
      const first = items[0].hash;
      events.push(`start ${first}`);
      if (first === 'body 200') thirdStarted();
      // The second batch holds on until the third has started (or 2 s have passed, if it never can beside it).
      await (first === 'body 100'
        ? Promise.race([third, new Promise((r) => setTimeout(r, 2000))])
        : new Promise((r) => setTimeout(r, 30)));
      events.push(`end ${first}`);
      return created(items);
    });
    const bodies = Array.from({ length: 300 }, (_, i) => `body ${i}`);
    bodies[150] = 'body 3'; // the second batch repeats a line of the first
    const report = await service.import(ndjson(bodies), 'user-1');
    expect(report.totals.lines).toBe(300);
    expect(events.indexOf('start body 100')).toBeGreaterThan(events.indexOf('end body 0'));
    // the third batch repeats nothing in flight: it runs beside the second
    expect(events.indexOf('start body 200')).toBeLessThan(events.indexOf('end body 100'));
  });

  it('should redo a deadlocked batch whole, not report its lines as refused', async () => {
    let calls = 0;
    const { service, articles, repository } = importer(async (items) => {
      if (calls++ === 0) throw deadlock();
      return created(items);
    });
    const report = await service.import(ndjson(['one', 'two', 'three']), 'user-1');
    expect(report.totals).toEqual({ created: 3, duplicate: 0, invalid: 0, lines: 3 });
    expect(articles.storeMany).toHaveBeenCalledTimes(2);
    expect(articles.storeMany.mock.calls[1][0]).toHaveLength(3);
    expect(repository.rollbackToSavepoint).toHaveBeenCalledWith('import_batch');
  });
});
