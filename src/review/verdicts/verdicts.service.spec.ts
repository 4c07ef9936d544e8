import { ClaimStatus } from '../claim-lifecycle';
import { AssignmentRow } from '../assignments/assignments.repository';
import { AssignmentsService } from '../assignments/assignments.service';
import { Role } from '../../users/role';
import { SubmitVerdictDto } from './dtos/verdict.dto';
import { VerdictException } from './verdict.exception';
import { ReviewStateRepository, VerdictWrite } from '../review-state.repository';
import { VerdictsRepository } from './verdicts.repository';
import { VerdictsService } from './verdicts.service';

/** The retry loop alone; the guarded statement itself is tested against PostgreSQL in test/workflow.e2e-spec.ts. */
describe('VerdictsService.submit retries', () => {
  const user = { id: 'reviewer-1', email: 'r@example.org', role: Role.Reviewer };
  const dto = { label: ClaimStatus.Verified, sources: [], confidence: 3 } as SubmitVerdictDto;
  const row = (labels: string[]): AssignmentRow =>
    ({
      id: 'a-1',
      userId: user.id,
      status: 'active',
      live: true,
      round: 1,
      claimRound: 1,
      claimStatus: 'in_review',
      roundLabels: labels,
      verdictsRequired: 2,
    }) as unknown as AssignmentRow;

  function serviceWith(reads: AssignmentRow[], inserts: (w: VerdictWrite) => unknown) {
    const assignments = {
      findMine: jest.fn(async () => (reads.length > 1 ? reads.shift()! : reads[0])),
      assertOpen: jest.fn(),
    };
    const reviewState = { recordVerdict: jest.fn(async (w: VerdictWrite) => inserts(w)) };
    const service = new VerdictsService(
      assignments as unknown as AssignmentsService,
      {} as VerdictsRepository,
      reviewState as unknown as ReviewStateRepository,
    );
    return { service, verdicts: reviewState };
  }

  it('should decide again on fresh rows after losing a race, and settle on the second try', async () => {
    // first read: no labels yet; meanwhile the other reviewer's verdict lands, so the guarded write finds none
    const { service, verdicts } = serviceWith([row([]), row(['disputed'])], (w) =>
      w.decidedOn.roundLabels.length ? { id: 'v-1', label: w.label } : null,
    );
    const verdict = await service.submit(user, 'a-1', dto, null);
    expect(verdicts.recordVerdict).toHaveBeenCalledTimes(2);
    expect(verdicts.recordVerdict.mock.calls[1][0]).toMatchObject({
      decidedOn: { roundLabels: ['disputed'] },
      claim: { status: 'needs_adjudication', moveToQueue: 'adjudication' },
    });
    expect(verdict.claimStatus).toBe('needs_adjudication');
  });

  it('should give up with 409 VERDICT_CONFLICT when every write loses', async () => {
    const { service, verdicts } = serviceWith([row([])], () => null);
    const error = await service.submit(user, 'a-1', dto, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerdictException);
    expect((error as VerdictException).code).toBe('VERDICT_CONFLICT');
    expect((error as VerdictException).status).toBe(409);
    expect(verdicts.recordVerdict).toHaveBeenCalledTimes(20);
  });
});
