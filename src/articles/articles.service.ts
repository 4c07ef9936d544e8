import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Page } from '../common/http/page.dto';
import { isUniqueViolation } from '../common/errors/pg-errors';
import { AuditService } from '../audit/audit.service';
import { AuditEntry } from '../audit/audit.types';
import { TransactionContext } from '../database/transaction-context';
import { ClaimsService } from '../claims/claims.service';
import { ClaimExtractor, ExtractedSentence } from '../extraction/claim-extractor';
import { ArticleExtraction } from './article.entity';
import { ArticleException } from './article.exception';
import { bodySha256, identityKeys, normalizeUrl } from './article-identity';
import { ArticleFilter, ArticleInput, ArticleSummary, ArticleWithClaims, NewArticle } from './article.types';
import { ArticlesRepository } from './articles.repository';

export interface PreparedArticle {
  input: ArticleInput;
  url: string | null;
  hash: string;
  extraction: ArticleExtraction;
  sentences: ExtractedSentence[];
}

/** The extraction model is trained on English only: en, en-GB, en-US… */
const isEnglish = (language: string | undefined): boolean => language === undefined || /^en(-|$)/i.test(language);

/** Stored, or not written because it repeats the article `existingId`. */
export type StoreOutcome = ArticleWithClaims | { existingId: string };

export const IDENTITY_CONSTRAINTS = ['articles_body_sha256_key', 'articles_url_key'];

const duplicate = (existingId: string) =>
  new ArticleException('ARTICLE_DUPLICATE', 'This article was already stored (same url or same body)', { existingId });

@Injectable()
export class ArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly claims: ClaimsService,
    private readonly extractor: ClaimExtractor,
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
  ) {}

  /** Extraction and identity: CPU only, done before any transaction so no connection is held during it. */
  prepare(input: ArticleInput): PreparedArticle {
    const english = isEnglish(input.language);
    return {
      input,
      url: normalizeUrl(input.url),
      hash: bodySha256(input.body),
      extraction: english ? 'extracted' : 'unsupported language',
      sentences: english ? this.extractor.extract(input.body) : [],
    };
  }

  /** The article, its extracted claims and their similarity links commit together or not at all. */
  async create(input: ArticleInput, createdBy: string): Promise<ArticleWithClaims> {
    const prepared = this.prepare(input);
    try {
      const [outcome] = await this.tx.run(() => this.storeMany([prepared], createdBy));
      if ('existingId' in outcome) throw duplicate(outcome.existingId);
      return outcome;
    } catch (error) {
      // Lost a race with an identical post: the winner has committed by now, so it can be named.
      if (IDENTITY_CONSTRAINTS.some((c) => isUniqueViolation(error, c)))
        await this.rejectDuplicate(prepared.url, prepared.hash);
      throw error;
    }
  }

  /**
   * Stores prepared articles in the caller's transaction, in order: one that repeats a stored article or an earlier
   * one of `items` (same url or body hash) is not written and names that article. A few statements for the whole
   * list whatever its length; a database error aborts all of it (the caller decides what to retry).
   */
  async storeMany(items: PreparedArticle[], createdBy: string): Promise<StoreOutcome[]> {
    const known = new Map<string, string>();
    const stored = await this.articles.findByIdentity(
      items.map((p) => p.hash),
      items.flatMap((p) => (p.url ? [p.url] : [])),
    );
    for (const a of stored) identityKeys({ hash: a.bodySha256, url: a.url }).forEach((k) => known.set(k, a.id));
    const outcomes: ({ existingId: string } | { row: NewArticle & { id: string }; prepared: PreparedArticle })[] =
      items.map((p) => {
        const keys = identityKeys(p);
        const existingId = keys.map((k) => known.get(k)).find(Boolean);
        if (existingId) return { existingId };
        const { input } = p;
        const row = {
          id: randomUUID(),
          title: input.title,
          body: input.body,
          url: p.url,
          source: input.source ?? null,
          author: input.author ?? null,
          language: input.language ?? 'en',
          extraction: p.extraction,
          publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
          bodySha256: p.hash,
          createdBy,
        };
        keys.forEach((k) => known.set(k, row.id));
        return { row, prepared: p };
      });
    const fresh = outcomes.filter((o) => 'row' in o);
    const articles = await this.articles.insertMany(fresh.map((o) => o.row));
    const claims = await this.claims.addExtractedMany(
      articles.map((article, i) => ({ article, sentences: fresh[i].prepared.sentences })),
      createdBy,
    );
    await this.audit.record(
      ...articles.map((a, i): AuditEntry => ({
        actorId: createdBy,
        action: 'article.create',
        entity: 'article',
        entityId: a.id,
        after: { title: a.title, url: a.url, source: a.source, claims: claims[i].length },
      })),
    );
    const created = new Map(articles.map((article, i) => [article.id, { article, claims: claims[i] }]));
    return outcomes.map((o) => ('row' in o ? created.get(o.row.id)! : o));
  }

  async list(filter: ArticleFilter, page: { limit: number; offset: number }): Promise<Page<ArticleSummary>> {
    const [items, total] = await this.articles.list(filter, page.limit, page.offset);
    return { items, total, limit: page.limit, offset: page.offset };
  }

  async get(id: string): Promise<ArticleWithClaims> {
    const article = await this.articles.findById(id);
    if (!article) throw new ArticleException('ARTICLE_NOT_FOUND', `Article ${id} not found`);
    return { article, claims: await this.claims.listForArticle(id) };
  }

  /** Only while no claim of it has a verdict: a verdict is a reviewer's work and the audit trail points at it. */
  delete(actorId: string, id: string): Promise<void> {
    return this.tx.run(async () => {
      const article = await this.articles.findById(id);
      if (!article) throw new ArticleException('ARTICLE_NOT_FOUND', `Article ${id} not found`);
      await this.claims.lockClaimsOfArticle(id);
      const verdicts = await this.articles.countVerdicts(id);
      if (verdicts) {
        throw new ArticleException('ARTICLE_HAS_VERDICTS', `Article ${id} has ${verdicts} verdict(s) on its claims`, {
          verdicts,
        });
      }
      await this.articles.delete(id);
      await this.audit.record({
        actorId,
        action: 'article.delete',
        entity: 'article',
        entityId: id,
        before: { title: article.title, url: article.url },
      });
    });
  }

  /** Throws ARTICLE_DUPLICATE naming the stored article with this url or body hash, if there is one. */
  private async rejectDuplicate(url: string | null, hash: string): Promise<void> {
    const existingId = await this.articles.findDuplicateId(url, hash);
    if (existingId) throw duplicate(existingId);
  }
}
