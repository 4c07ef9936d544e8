import { DomainException } from '../common/errors/domain.exception';

export type ExportErrorCode = 'EXPORT_BAD_CURSOR' | 'EXPORT_QUEUE_NOT_FOUND' | 'EXPORT_BUSY';

export class ExportException extends DomainException<ExportErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'EXPORT_BAD_CURSOR':
        return 400;
      case 'EXPORT_QUEUE_NOT_FOUND':
        return 404;
      case 'EXPORT_BUSY':
        return 503;
    }
  }
}
