import { DomainException } from '../common/errors/domain.exception';

export type ExportErrorCode =
  'EXPORT_BAD_CURSOR' | 'EXPORT_BAD_FILTER' | 'EXPORT_QUEUE_NOT_FOUND' | 'EXPORT_BUSY' | 'EXPORT_USER_LIMIT';

/** How long a refused export is told to wait (Retry-After): about one small export's duration. */
const RETRY_AFTER_SECONDS = 5;

export class ExportException extends DomainException<ExportErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'EXPORT_BAD_CURSOR':
      case 'EXPORT_BAD_FILTER':
        return 400;
      case 'EXPORT_QUEUE_NOT_FOUND':
        return 404;
      case 'EXPORT_USER_LIMIT':
        return 429;
      case 'EXPORT_BUSY':
        return 503;
    }
  }

  /** Sent as Retry-After by the exception filter. */
  get retryAfterSeconds(): number | undefined {
    return this.code === 'EXPORT_BUSY' || this.code === 'EXPORT_USER_LIMIT' ? RETRY_AFTER_SECONDS : undefined;
  }
}
