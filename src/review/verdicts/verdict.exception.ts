import { DomainException } from '../../common/errors/domain.exception';

export type VerdictErrorCode = 'VERDICT_ALREADY_SUBMITTED' | 'VERDICT_CONFLICT' | 'CLAIM_NOT_FOUND';

export class VerdictException extends DomainException<VerdictErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'VERDICT_ALREADY_SUBMITTED':
      case 'VERDICT_CONFLICT':
        return 409;
      case 'CLAIM_NOT_FOUND':
        return 404;
    }
  }
}
