import { Injectable } from '@nestjs/common';
import { Page } from '../common/http/page.dto';
import { isUniqueViolation } from '../common/errors/pg-errors';
import { TransactionContext } from '../database/transaction-context';
import { Claim } from '../claims/claim.entity';
import { ClaimsService } from '../claims/claims.service';
import { ClaimExtractor } from '../extraction/claim-extractor';
import { Article } from './article.entity';
import { ArticleException } from './article.exception';
import { bodySha256, normalizeUrl } from './article-identity';
import { ArticleSummary, ArticlesRepository } from './articles.repository';
import { CreateArticleDto } from './dtos/create-article.dto';
import { ListArticlesQuery } from './dtos/list-articles.query';

export interface ArticleWithClaims {
  article: Article;
  claims: Claim[];
}

const IDENTITY_CONSTRAINTS = ['articles_body_sha256_key', 'articles_url_key'];

@Injectable()
export class ArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly claims: ClaimsService,
    private readonly extractor: ClaimExtractor,
    private readonly tx: TransactionContext,
  ) {}

  /** The article, its extracted claims and their similarity links commit together or not at all. */
  async create(dto: CreateArticleDto, createdBy: string): Promise<ArticleWithClaims> {
    const url = normalizeUrl(dto.url);
    const hash = bodySha256(dto.body);
    // Extraction is CPU only: done before the transaction so no connection is held during it.
    const sentences = this.extractor.extract(dto.body);
    try {
      return await this.tx.run(async () => {
        await this.rejectDuplicate(url, hash);
        const article = await this.articles.insert({
          title: dto.title,
          body: dto.body,
          url,
          source: dto.source ?? null,
          author: dto.author ?? null,
          language: dto.language ?? 'en',
          publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : null,
          bodySha256: hash,
          createdBy,
        });
        return { article, claims: await this.claims.addExtracted(article, sentences, createdBy) };
      });
    } catch (error) {
      // Lost a race with an identical post: the winner has committed by now, so it can be named.
      if (IDENTITY_CONSTRAINTS.some((c) => isUniqueViolation(error, c))) await this.rejectDuplicate(url, hash);
      throw error;
    }
  }

  async list(query: ListArticlesQuery): Promise<Page<ArticleSummary>> {
    const filter = { source: query.source, q: query.q, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
    const [items, total] = await this.articles.list(filter, query.limit, query.offset);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<ArticleWithClaims> {
    const article = await this.articles.findById(id);
    if (!article) throw new ArticleException('ARTICLE_NOT_FOUND', `Article ${id} not found`);
    return { article, claims: await this.claims.listForArticle(id) };
  }

  /** Only while no claim of it has a verdict: a verdict is a reviewer's work and the audit trail points at it. */
  delete(id: string): Promise<void> {
    return this.tx.run(async () => {
      if (!(await this.articles.findById(id))) throw new ArticleException('ARTICLE_NOT_FOUND', `Article ${id} not found`);
      const verdicts = await this.articles.lockAndCountVerdicts(id);
      if (verdicts) {
        throw new ArticleException('ARTICLE_HAS_VERDICTS', `Article ${id} has ${verdicts} verdict(s) on its claims`, { verdicts });
      }
      await this.articles.delete(id);
    });
  }

  private async rejectDuplicate(url: string | null, hash: string): Promise<void> {
    const existingId = await this.articles.findDuplicateId(url, hash);
    if (existingId) throw new ArticleException('ARTICLE_DUPLICATE', 'This article was already stored (same url or same body)', { existingId });
  }
}
