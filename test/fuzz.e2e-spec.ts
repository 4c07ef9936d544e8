import { describeRequest } from '../bench/lib/openapi-fuzz';
import { fuzzSession } from './support/fuzz-session';
import { TestApp, withEnvironment } from './support/test-app';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);

/**
 * Property-based requests from the OpenAPI document (fast-check, fixed seed) for every operation × caller: no
 * answer ≥ 500, every error in the one shape without PostgreSQL's words, and afterwards no partial write (spans
 * exact, every article with its extracted claims, one audit row per success). `npm run bench:fuzz` sends 50,000.
 */
describe('fuzzing every operation from the OpenAPI document (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await withEnvironment({ TRUST_PROXY: 'loopback' }, () => TestApp.start());
  });
  afterAll(() => t.close());

  it(`should answer ${REQUESTS} hostile requests over every operation and caller without a 5xx or a partial write`, async () => {
    const outcome = await fuzzSession(t, { seed: 20261201, requests: REQUESTS });
    expect(outcome.operations).toBeGreaterThanOrEqual(40);
    expect(outcome.report.sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(outcome.report.violations.slice(0, 10).map(describeRequest)).toEqual([]);
    // Not only refusals: generated requests get through to the handlers and succeed too.
    expect(Object.keys(outcome.report.successes).length).toBeGreaterThan(15);
    expect(outcome.inexactSpans).toBe(0);
    expect(outcome.articlesWithoutTheirClaims).toEqual([]);
    for (const [what, { rows, successes }] of Object.entries(outcome.audit))
      expect({ what, rows }).toEqual({ what, rows: successes });
  }, 300_000);
});
