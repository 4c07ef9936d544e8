import { ClaimStatus } from '../claim-lifecycle';
import { AssignmentState } from '../assignments/assignment.types';
import { AssignmentsService } from '../assignments/assignments.service';
import { Role } from '../../users/role';
import { VerdictException } from './verdict.exception';
import { QueuesService } from '../queues/queues.service';
import { ReviewStateRepository } from '../review-state.repository';
import { VerdictWrite } from '../review-state.types';
import { VerdictInput } from './verdict.types';
import { VerdictsRepository } from './verdicts.repository';
import { VerdictsService } from './verdicts.service';

/** The retry loop alone; the guarded statement itself is tested against PostgreSQL in test/workflow.e2e-spec.ts. */
describe('VerdictsService.submit retries', () => {
  const user = { id: 'reviewer-1', email: 'r@example.org', role: Role.Reviewer };
  const input: VerdictInput = { label: ClaimStatus.Verified, sources: [], confidence: 3 };
  const row = (labels: string[]): AssignmentState =>
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
    }) as unknown as AssignmentState;

  function serviceWith(reads: AssignmentState[], inserts: (w: VerdictWrite) => unknown) {
    const assignments = {
      findMine: jest.fn(async () => (reads.length > 1 ? reads.shift()! : reads[0])),
      assertOpen: jest.fn(),
    };
    const reviewState = { recordVerdict: jest.fn(async (w: VerdictWrite) => inserts(w)) };
    const service = new VerdictsService(
      assignments as unknown as AssignmentsService,
      {} as VerdictsRepository,
      reviewState as unknown as ReviewStateRepository,
      { find: jest.fn(async () => ({ id: 'adjudication-queue-id' })) } as unknown as QueuesService,
    );
    return { service, verdicts: reviewState };
  }

  it('should decide again on fresh rows after losing a race, and settle on the second try', async () => {
    // first read: no labels yet; meanwhile the other reviewer's verdict lands, so the guarded write finds none
    const { service, verdicts } = serviceWith([row([]), row(['disputed'])], (w) =>
      w.decidedOn.roundLabels.length ? { id: 'v-1', label: w.label } : null,
    );
    const verdict = await service.submit(user, 'a-1', input, null);
    expect(verdicts.recordVerdict).toHaveBeenCalledTimes(2);
    expect(verdicts.recordVerdict.mock.calls[1][0]).toMatchObject({
      decidedOn: { roundLabels: ['disputed'] },
      claim: { status: 'needs_adjudication', moveToQueueId: 'adjudication-queue-id' },
    });
    expect(verdict.claimStatus).toBe('needs_adjudication');
  });

  it('should give up with 409 VERDICT_CONFLICT when every write loses', async () => {
    const { service, verdicts } = serviceWith([row([])], () => null);
    const error = await service.submit(user, 'a-1', input, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerdictException);
    expect((error as VerdictException).code).toBe('VERDICT_CONFLICT');
    expect((error as VerdictException).status).toBe(409);
    expect(verdicts.recordVerdict).toHaveBeenCalledTimes(20);
  });
});
