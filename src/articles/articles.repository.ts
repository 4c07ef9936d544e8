import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { Article } from './article.entity';
import { ArticleFilter, ArticleSummary, NewArticle } from './article.types';
import { shownAtOrAfter, shownAtOrBefore } from '../common/sql/shown-time-range';

@Injectable()
export class ArticlesRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get articles() {
    return this.tx.manager.getRepository(Article);
  }

  /** One INSERT for all the rows (ids made by the caller), so an import batch costs one round trip here. */
  async insertMany(rows: (NewArticle & { id: string })[]): Promise<Article[]> {
    if (!rows.length) return [];
    const col = <K extends keyof NewArticle | 'id'>(k: K) => rows.map((r) => r[k]);
    const returned = await this.tx.prepared<{ id: string; created_at: Date; updated_at: Date }>(
      'articles_insert',
      `INSERT INTO articles (id, title, body, url, source, author, language, extraction, published_at, body_sha256, created_by)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::char(64)[], $11::uuid[])
       RETURNING id, created_at, updated_at`,
      [
        col('id'),
        col('title'),
        col('body'),
        col('url'),
        col('source'),
        col('author'),
        col('language'),
        col('extraction'),
        col('publishedAt'),
        col('bodySha256'),
        col('createdBy'),
      ],
    );
    const stamps = new Map(returned.map((r) => [r.id, r]));
    return rows.map((row) =>
      Object.assign(new Article(), row, {
        createdAt: stamps.get(row.id)!.created_at,
        updatedAt: stamps.get(row.id)!.updated_at,
      }),
    );
  }

  findById(id: string): Promise<Article | null> {
    return this.articles.findOneBy({ id });
  }

  /** The article a new one would duplicate: same normalized url or same normalized-body hash. */
  async findDuplicateId(url: string | null, bodySha256: string): Promise<string | null> {
    const rows = await this.tx.prepared<{ id: string }>(
      'articles_find_duplicate',
      `SELECT id FROM articles WHERE body_sha256 = $1 OR (url = $2 AND $2 IS NOT NULL) LIMIT 1`,
      [bodySha256, url],
    );
    return rows[0]?.id ?? null;
  }

  /** Stored articles with any of these body hashes or urls (both unique indexes, probed once each). */
  findByIdentity(
    bodySha256s: string[],
    urls: string[],
  ): Promise<{ id: string; bodySha256: string; url: string | null }[]> {
    return this.tx.manager.query(
      `SELECT id, body_sha256 AS "bodySha256", url FROM articles WHERE body_sha256 = ANY($1::char(64)[])
       UNION
       SELECT id, body_sha256, url FROM articles WHERE url = ANY($2::text[])`,
      [bodySha256s, urls],
    );
  }

  /** Savepoints keep one import line's writes atomic inside a batch transaction (names are ours, never input). */
  async savepoint(name: string): Promise<void> {
    await this.tx.manager.query(`SAVEPOINT ${name}`);
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.tx.manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.tx.manager.query(`RELEASE SAVEPOINT ${name}`);
  }

  async list(filter: ArticleFilter, limit: number, offset: number): Promise<[ArticleSummary[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (filter.source !== undefined) add((p) => `a.source = ${p}`, filter.source);
    if (filter.from) add((p) => shownAtOrAfter('a.published_at', p), filter.from);
    if (filter.to) add((p) => shownAtOrBefore('a.published_at', p), filter.to);
    if (filter.q) add((p) => `a.search @@ websearch_to_tsquery('simple', ${p})`, filter.q);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.tx.manager.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM articles a ${clause}`,
      params,
    );
    const items = await this.tx.manager.query<ArticleSummary[]>(
      `SELECT a.id, a.title, a.url, a.source, a.author, a.language, a.extraction, a.published_at AS "publishedAt", a.created_at AS "createdAt",
              (SELECT count(*)::int FROM claims c WHERE c.article_id = a.id) AS "claimCount"
         FROM articles a ${clause}
        ORDER BY a.published_at DESC NULLS LAST, a.created_at DESC, a.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return [items, total];
  }

  /** The verdicts on the article's claims, with a fresh snapshot (callers lock the claims first). */
  async countVerdicts(articleId: string): Promise<number> {
    const [{ n }] = await this.tx.manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM verdicts v JOIN claims c ON c.id = v.claim_id WHERE c.article_id = $1`,
      [articleId],
    );
    return n;
  }

  async delete(id: string): Promise<void> {
    await this.articles.delete({ id });
  }
}
