import { AUDIT_ACTIONS } from './audit-action';
import { insertAuditRows, sqlAuditAction } from './audit-sql';

describe('audit SQL', () => {
  it('should quote a known action as an SQL literal', () => {
    expect(sqlAuditAction('claim.route')).toBe("'claim.route'");
    // @ts-expect-error an action outside AuditAction does not compile (tsc -p . checks specs too)
    sqlAuditAction('claim.nonsense');
  });

  it('should list each action once, as entity.verb (quoting needs no escaping)', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
  });

  it('should insert the six columns in one order', () => {
    const sql = insertAuditRows('SELECT 1');
    expect(sql).toContain('audit_log (actor_id, action, entity, entity_id, before, after)\nSELECT 1');
    expect(sql.startsWith('INSERT INTO')).toBe(true);
  });
});
