import { AuditAction } from './audit-action';

/**
 * The one INSERT into audit_log, for AuditRepository.record and for statements that write their audit rows in
 * the same SQL as the change (pull, verdict, skip, routing, ingestion): `rows` is a query giving
 * actor_id, action, entity, entity_id, before, after, in that order.
 */
export const insertAuditRows = (rows: string): string =>
  `INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)\n${rows}`;

/** An action as an SQL literal: checked against AuditAction like every other writer's. */
export const sqlAuditAction = (action: AuditAction): string => `'${action}'`;
