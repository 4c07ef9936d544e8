import { DomainException } from '../../common/errors/domain.exception';

export type QueueErrorCode =
  | 'QUEUE_NOT_FOUND'
  | 'QUEUE_SLUG_TAKEN'
  | 'QUEUE_INACTIVE'
  | 'QUEUE_NOT_ALLOWED'
  | 'QUEUE_NOT_ROUTABLE'
  | 'CLAIM_NOT_FOUND'
  | 'CLAIM_NOT_IN_QUEUE'
  | 'USER_NOT_FOUND'
  | 'USER_CANNOT_PULL_QUEUE'
  | 'ASSIGNMENT_NOT_FOUND'
  | 'ASSIGNMENT_NOT_YOURS'
  | 'LEASE_EXPIRED'
  | 'ASSIGNMENT_CLOSED';

export class QueueException extends DomainException<QueueErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'QUEUE_NOT_FOUND':
      case 'CLAIM_NOT_FOUND':
      case 'ASSIGNMENT_NOT_FOUND':
        return 404;
      case 'QUEUE_NOT_ALLOWED':
      case 'ASSIGNMENT_NOT_YOURS':
        return 403;
      case 'USER_NOT_FOUND':
      case 'USER_CANNOT_PULL_QUEUE':
        return 422;
      case 'QUEUE_SLUG_TAKEN':
      case 'QUEUE_INACTIVE':
      case 'QUEUE_NOT_ROUTABLE':
      case 'CLAIM_NOT_IN_QUEUE':
      case 'LEASE_EXPIRED':
      case 'ASSIGNMENT_CLOSED':
        return 409;
    }
  }
}
