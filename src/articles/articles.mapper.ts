import { toClaimDto } from '../claims/claims.mapper';
import {
  ArticleSummary,
  ArticleWithClaims,
  ImportLineResult,
  ImportStop,
  ImportSummary,
  ImportTotals,
} from './article.types';
import {
  ArticleDto,
  ArticleSummaryDto,
  ImportLineResultDto,
  ImportReportDto,
  ImportStopDto,
  ImportTotalsDto,
} from './dtos/article.dto';

export function toArticleDto({ article, claims }: ArticleWithClaims): ArticleDto {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    url: article.url,
    source: article.source,
    author: article.author,
    language: article.language,
    extraction: article.extraction,
    publishedAt: article.publishedAt,
    bodySha256: article.bodySha256,
    createdBy: article.createdBy,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    claims: claims.map(toClaimDto),
  };
}

export function toArticleSummaryDto(a: ArticleSummary): ArticleSummaryDto {
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    source: a.source,
    author: a.author,
    language: a.language,
    extraction: a.extraction,
    publishedAt: a.publishedAt,
    createdAt: a.createdAt,
    claimCount: a.claimCount,
  };
}

/** Absent fields stay absent (a created line has no `error`), as the streamed report and its CSV expect. */
export function toImportLineResultDto(r: ImportLineResult): ImportLineResultDto {
  return {
    line: r.line,
    status: r.status,
    ...(r.id !== undefined && { id: r.id }),
    ...(r.existingId !== undefined && { existingId: r.existingId }),
    ...(r.error !== undefined && { error: r.error }),
  };
}

export function toImportTotalsDto(t: ImportTotals): ImportTotalsDto {
  return { created: t.created, duplicate: t.duplicate, invalid: t.invalid, lines: t.lines };
}

export function toImportStopDto(s: ImportStop): ImportStopDto {
  return { line: s.line, code: s.code, message: s.message };
}

export function toImportReportDto(r: ImportSummary): ImportReportDto {
  return {
    totals: toImportTotalsDto(r.totals),
    problems: r.problems.map(toImportLineResultDto),
    problemsOmitted: r.problemsOmitted,
    ...(r.stopped && { stopped: toImportStopDto(r.stopped) }),
  };
}
