import { DomainException } from '../common/errors/domain.exception';

export type StatsErrorCode = 'STATS_QUEUE_NOT_FOUND' | 'STATS_INVALID_RANGE';

export class StatsException extends DomainException<StatsErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'STATS_QUEUE_NOT_FOUND':
        return 404;
      case 'STATS_INVALID_RANGE':
        return 400;
    }
  }
}
