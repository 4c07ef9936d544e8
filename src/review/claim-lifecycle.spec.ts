import {
  allowedFrom,
  ClaimStateException,
  ClaimStatus,
  isFinal,
  PULLABLE,
  sqlFrom,
  sqlStatuses,
  sqlTo,
  transition,
} from './claim-lifecycle';

describe('claim lifecycle', () => {
  it('should follow the review path pending → queued → in_review → final', () => {
    expect(transition('route', ClaimStatus.Pending)).toBe(ClaimStatus.Queued);
    expect(transition('start_review', ClaimStatus.Queued)).toBe(ClaimStatus.InReview);
    expect(transition('consensus', ClaimStatus.InReview, ClaimStatus.Disputed)).toBe(ClaimStatus.Disputed);
  });

  it('should send disagreement to adjudication and let an editor settle it', () => {
    expect(transition('escalate', ClaimStatus.InReview)).toBe(ClaimStatus.NeedsAdjudication);
    expect(transition('resolve', ClaimStatus.NeedsAdjudication, ClaimStatus.Verified)).toBe(ClaimStatus.Verified);
  });

  it('should reopen only final claims', () => {
    expect(transition('reopen', ClaimStatus.Unverifiable)).toBe(ClaimStatus.Queued);
    expect(() => transition('reopen', ClaimStatus.InReview)).toThrow(ClaimStateException);
  });

  it('should refuse illegal transitions with the current state in the details', () => {
    try {
      transition('reject', ClaimStatus.Verified);
      fail('expected an exception');
    } catch (error) {
      expect(error).toBeInstanceOf(ClaimStateException);
      expect((error as ClaimStateException).status).toBe(409);
      expect((error as ClaimStateException).details).toEqual({ status: 'verified', event: 'reject' });
    }
  });

  it('should keep rejected claims out of every flow', () => {
    for (const event of ['route', 'start_review', 'consensus', 'escalate', 'resolve', 'reopen', 'reject'] as const) {
      expect(allowedFrom(event)).not.toContain(ClaimStatus.Rejected);
    }
    expect(isFinal('rejected')).toBe(false);
    expect(isFinal('verified')).toBe(true);
  });

  it('should give statements the same states as SQL lists', () => {
    expect(sqlFrom('route')).toBe("('pending', 'queued')");
    expect(sqlFrom('reopen')).toBe("('verified', 'disputed', 'unverifiable')");
    expect(sqlTo('requeue')).toBe("'queued'");
    expect(sqlStatuses(PULLABLE)).toBe("('queued', 'in_review', 'needs_adjudication')");
  });
});
