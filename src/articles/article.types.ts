import type { Claim } from '../claims/claim.entity';
import { Article } from './article.entity';

/** An article as posted (or as one line of an import), validated: `publishedAt` is an ISO time. */
export interface ArticleInput {
  title: string;
  body: string;
  url?: string;
  source?: string;
  author?: string;
  language?: string;
  publishedAt?: string;
}

export type NewArticle = Pick<
  Article,
  | 'title'
  | 'body'
  | 'url'
  | 'source'
  | 'author'
  | 'language'
  | 'extraction'
  | 'publishedAt'
  | 'bodySha256'
  | 'createdBy'
>;

export interface ArticleFilter {
  source?: string;
  from?: Date;
  to?: Date;
  q?: string;
}

export interface ArticleSummary extends Pick<
  Article,
  'id' | 'title' | 'url' | 'source' | 'author' | 'language' | 'extraction' | 'publishedAt' | 'createdAt'
> {
  claimCount: number;
}

/** A stored article with its claims. */
export interface ArticleWithClaims {
  article: Article;
  claims: Claim[];
}

/** What one line of an import did. */
export interface ImportLineResult {
  line: number;
  status: 'created' | 'duplicate' | 'invalid';
  id?: string;
  existingId?: string;
  error?: string;
}

export interface ImportTotals {
  created: number;
  duplicate: number;
  invalid: number;
  lines: number;
}

/** Where an import stopped reading (IMPORT_MAX_LINES). */
export interface ImportStop {
  line: number;
  code: 'ARTICLE_IMPORT_TOO_MANY_LINES';
  message: string;
}

/** An import's report: the totals, the first problems, and where it stopped if it did. */
export interface ImportSummary {
  totals: ImportTotals;
  problems: ImportLineResult[];
  problemsOmitted: number;
  stopped?: ImportStop;
}
