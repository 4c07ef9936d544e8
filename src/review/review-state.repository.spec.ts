import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_STATUSES, sqlFrom, sqlTo } from './claim-lifecycle';
import { CLAIM_LOCK, TRANSITION_STATEMENTS } from './review-state.repository';

/** The statements' states come from claim-lifecycle.ts; this holds them to it. */
describe('review state statements', () => {
  it('should name no claim status themselves: every state comes from the life-cycle table', () => {
    const source = readFileSync(join(__dirname, 'review-state.repository.ts'), 'utf8');
    for (const status of CLAIM_STATUSES) expect(source).not.toContain(`'${status}'`);
  });

  it('should guard each transition with the states the table allows it from', () => {
    for (const [event, statements] of Object.entries(TRANSITION_STATEMENTS)) {
      for (const text of statements)
        expect(text).toContain(`status IN ${sqlFrom(event as keyof typeof TRANSITION_STATEMENTS)}`);
    }
    expect(TRANSITION_STATEMENTS.start_review[0]).toContain(`THEN ${sqlTo('start_review')}`);
    expect(TRANSITION_STATEMENTS.requeue[0]).toContain(`THEN ${sqlTo('requeue')}`);
    expect(TRANSITION_STATEMENTS.reopen[0]).toContain(`status = ${sqlTo('reopen')}`);
    expect(TRANSITION_STATEMENTS.reject[0]).toContain(`status = ${sqlTo('reject')}`);
  });

  it('should lock claim rows one way: every lock on a claim is CLAIM_LOCK', () => {
    const source = readFileSync(join(__dirname, 'review-state.repository.ts'), 'utf8');
    // `c` is the claims alias in every statement here; the one FOR UPDATE left locks an assignment
    expect(source).not.toMatch(/FOR (UPDATE|SHARE|KEY SHARE|NO KEY UPDATE) OF (\w+, )*c\b/);
    expect(source).not.toMatch(/FROM claims [^`]*FOR (UPDATE|SHARE|KEY SHARE|NO KEY UPDATE)/);
    expect(source.match(/\$\{CLAIM_LOCK\}/g)).toHaveLength(5);
    expect(CLAIM_LOCK).toBe('FOR NO KEY UPDATE');
  });
});
