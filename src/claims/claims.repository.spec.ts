import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_STATUSES } from '../review/claim-lifecycle';

/** The insert routes new claims into their queue; the states it routes from and to come from the life-cycle table. */
describe('claims statements', () => {
  it('should name no claim status themselves: every state comes from claim-lifecycle.ts', () => {
    const source = readFileSync(join(__dirname, 'claims.repository.ts'), 'utf8');
    for (const status of CLAIM_STATUSES) expect(source).not.toContain(`'${status}'`);
  });
});
