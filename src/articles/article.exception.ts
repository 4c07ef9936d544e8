import { DomainException } from '../common/errors/domain.exception';

export type ArticleErrorCode =
  | 'ARTICLE_NOT_FOUND'
  | 'ARTICLE_DUPLICATE'
  | 'ARTICLE_HAS_VERDICTS'
  | 'ARTICLE_IMPORT_TOO_LARGE'
  | 'ARTICLE_IMPORT_NOT_NDJSON'
  | 'ARTICLE_IMPORT_BUSY';

export class ArticleException extends DomainException<ArticleErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'ARTICLE_NOT_FOUND':
        return 404;
      case 'ARTICLE_DUPLICATE':
      case 'ARTICLE_HAS_VERDICTS':
        return 409;
      case 'ARTICLE_IMPORT_TOO_LARGE':
        return 413;
      case 'ARTICLE_IMPORT_NOT_NDJSON':
        return 415;
      case 'ARTICLE_IMPORT_BUSY':
        return 503;
    }
  }
}
