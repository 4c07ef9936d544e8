import { DomainException } from '../common/errors/domain.exception';

export type MetricsErrorCode = 'METRICS_TOKEN_REQUIRED' | 'METRICS_NOT_ALLOWED';

export class MetricsException extends DomainException<MetricsErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'METRICS_TOKEN_REQUIRED':
        return 401;
      case 'METRICS_NOT_ALLOWED':
        return 403;
    }
  }
}
