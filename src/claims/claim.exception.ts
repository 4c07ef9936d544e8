import { DomainException } from '../common/errors/domain.exception';

export type ClaimErrorCode =
  | 'CLAIM_NOT_FOUND'
  | 'CLAIM_FORM_INVALID'
  | 'CLAIM_SPAN_OUT_OF_RANGE'
  | 'CLAIM_TEXT_NOT_FOUND'
  | 'CLAIM_TEXT_AMBIGUOUS'
  | 'CLAIM_DUPLICATE'
  | 'CLAIM_PAST_REVIEW';

export class ClaimException extends DomainException<ClaimErrorCode> {
  get status(): number {
    switch (this.code) {
      case 'CLAIM_NOT_FOUND':
        return 404;
      case 'CLAIM_FORM_INVALID':
        return 400;
      case 'CLAIM_SPAN_OUT_OF_RANGE':
      case 'CLAIM_TEXT_NOT_FOUND':
      case 'CLAIM_TEXT_AMBIGUOUS':
        return 422;
      case 'CLAIM_DUPLICATE':
      case 'CLAIM_PAST_REVIEW':
        return 409;
    }
  }
}
