import { DomainException } from '../common/errors/domain.exception';

export type UserErrorCode = 'USER_NOT_FOUND' | 'USER_EMAIL_TAKEN' | 'LAST_ACTIVE_ADMIN' | 'CURRENT_PASSWORD_INCORRECT';

export class UserException extends DomainException<UserErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'USER_NOT_FOUND':
        return 404;
      case 'USER_EMAIL_TAKEN':
      case 'LAST_ACTIVE_ADMIN':
        return 409;
      case 'CURRENT_PASSWORD_INCORRECT':
        return 403;
    }
  }
}
