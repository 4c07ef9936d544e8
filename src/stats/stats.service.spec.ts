import { ReadReplica } from '../database/read-replica.service';
import { AgreementQuery } from './stats.types';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

const QUEUE_ID = '00000000-0000-4000-8000-000000000001';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

function setup() {
  const repo = {
    queueIdBySlug: jest.fn().mockResolvedValue(QUEUE_ID),
    coincidences: jest.fn().mockResolvedValue([]),
    unitCounts: jest.fn().mockResolvedValue([]),
    pairTables: jest.fn().mockResolvedValue([]),
    reviewers: jest.fn().mockResolvedValue([]),
    workload: jest.fn().mockResolvedValue([]),
  };
  const tx = { run: jest.fn((work: () => Promise<unknown>) => work()) };
  const sut = new StatsService(repo as unknown as StatsRepository, tx as unknown as ReadReplica);
  return { sut, repo, tx };
}

const query = (q: Partial<AgreementQuery> = {}): AgreementQuery => ({ minSharedUnits: 5, ...q });

describe('StatsService', () => {
  describe('agreement', () => {
    it('should answer zeros and nulls, not NaN, when there is nothing to compare', async () => {
      const { sut, tx } = setup();
      const result = await sut.agreement(query());
      expect(result).toEqual({
        queue: null,
        from: null,
        to: null,
        minSharedUnits: 5,
        units: 0,
        verdicts: 0,
        alpha: null,
        kappa: { kappa: null, pairs: 0, units: 0 },
        pairs: [],
        queues: [],
        reviewers: [],
      });
      expect(tx.run).toHaveBeenCalledWith(expect.any(Function), 'REPEATABLE READ');
    });

    it('should reject a range whose from is after its to with STATS_INVALID_RANGE', async () => {
      const { sut, repo } = setup();
      await expect(sut.agreement(query({ from: '2025-02-01', to: '2025-01-01' }))).rejects.toMatchObject({
        code: 'STATS_INVALID_RANGE',
        status: 400,
      });
      expect(repo.coincidences).not.toHaveBeenCalled();
    });

    it('should answer STATS_QUEUE_NOT_FOUND for an unknown queue', async () => {
      const { sut, repo } = setup();
      repo.queueIdBySlug.mockResolvedValue(null);
      await expect(sut.agreement(query({ queue: 'nope' }))).rejects.toMatchObject({
        code: 'STATS_QUEUE_NOT_FOUND',
        status: 404,
      });
    });

    it('should pass the queue id and dates to every query', async () => {
      const { sut, repo } = setup();
      await sut.agreement(
        query({ queue: 'politics', from: '2025-01-01T00:00:00Z', to: '2025-01-31T00:00:00Z', minSharedUnits: 3 }),
      );
      const filter = {
        queueId: QUEUE_ID,
        from: new Date('2025-01-01T00:00:00Z'),
        to: new Date('2025-01-31T00:00:00Z'),
      };
      expect(repo.coincidences).toHaveBeenCalledWith(filter);
      expect(repo.pairTables).toHaveBeenCalledWith(filter, 3);
      expect(repo.reviewers).toHaveBeenCalledWith(filter);
    });

    it("should build each pair's confusion table from its cells and the alphas per scope", async () => {
      const { sut, repo } = setup();
      // Wikipedia's yes/no example (κ = 0.4) with verified as yes and disputed as no.
      const pair = { queueId: null, reviewerA: A, reviewerB: B };
      // In the queue's own scope they agreed on all 10 of their units there (κ = 1): scopes must not mix.
      const inQueue = { ...pair, queueId: QUEUE_ID };
      repo.pairTables.mockResolvedValue([
        { ...pair, labelA: 'verified', labelB: 'verified', n: 20 },
        { ...pair, labelA: 'verified', labelB: 'disputed', n: 5 },
        { ...pair, labelA: 'disputed', labelB: 'verified', n: 10 },
        { ...pair, labelA: 'disputed', labelB: 'disputed', n: 15 },
        { ...inQueue, labelA: 'verified', labelB: 'verified', n: 6 },
        { ...inQueue, labelA: 'disputed', labelB: 'disputed', n: 4 },
      ]);
      // Krippendorff (2011) binary example's coincidences: α = 0.095, under both scopes.
      const binary = (queueId: string | null) => [
        { queueId, a: 'verified', b: 'verified', count: 10 },
        { queueId, a: 'verified', b: 'disputed', count: 4 },
        { queueId, a: 'disputed', b: 'verified', count: 4 },
        { queueId, a: 'disputed', b: 'disputed', count: 2 },
      ];
      repo.coincidences.mockResolvedValue([...binary(null), ...binary(QUEUE_ID)]);
      repo.unitCounts.mockResolvedValue([
        { queueId: null, queue: null, units: 10, verdicts: 20 },
        { queueId: QUEUE_ID, queue: 'politics', units: 10, verdicts: 20 },
      ]);
      const result = await sut.agreement(query());
      expect(result.pairs).toEqual([
        { reviewerA: A, reviewerB: B, units: 50, observed: 0.7, kappa: expect.closeTo(0.4, 12) },
      ]);
      expect(result.kappa).toEqual({ kappa: expect.closeTo(0.4, 12), pairs: 1, units: 50 });
      expect(result.alpha).toBeCloseTo(0.095, 3);
      expect(result.queues).toEqual([
        {
          queue: 'politics',
          units: 10,
          verdicts: 20,
          alpha: expect.closeTo(0.095, 3),
          kappa: { kappa: 1, pairs: 1, units: 10 },
        },
      ]);
    });

    it('should give a reviewer without final verdicts a null agreement with the final label', async () => {
      const { sut, repo } = setup();
      repo.reviewers.mockResolvedValue([
        {
          reviewerId: A,
          displayName: 'A',
          verdicts: 4,
          finalVerdicts: 4,
          agreeingVerdicts: 3,
          medianSecondsToVerdict: 12.5,
        },
        {
          reviewerId: B,
          displayName: 'B',
          verdicts: 2,
          finalVerdicts: 0,
          agreeingVerdicts: 0,
          medianSecondsToVerdict: null,
        },
      ]);
      const noPairs = { kappa: null, pairs: 0, units: 0 };
      expect((await sut.agreement(query())).reviewers).toEqual([
        {
          reviewerId: A,
          displayName: 'A',
          verdicts: 4,
          finalVerdicts: 4,
          agreementWithFinal: 0.75,
          medianSecondsToVerdict: 12.5,
          kappa: noPairs,
        },
        {
          reviewerId: B,
          displayName: 'B',
          verdicts: 2,
          finalVerdicts: 0,
          agreementWithFinal: null,
          medianSecondsToVerdict: null,
          kappa: noPairs,
        },
      ]);
    });
  });

  describe('workload', () => {
    it("should turn the last 24 hours' verdicts into a per-hour rate", async () => {
      const { sut, repo } = setup();
      const row = {
        queue: 'default',
        active: true,
        depth: 3,
        inReview: 1,
        awaitingAdjudication: 0,
        oldestWaitingSeconds: 60,
        verdictsLastHour: 2,
      };
      repo.workload.mockResolvedValue([{ ...row, verdictsLast24h: 36 }]);
      expect(await sut.workload()).toEqual([{ ...row, verdictsPerHourLast24h: 1.5 }]);
    });
  });
});
