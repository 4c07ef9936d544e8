import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes audit rows through the current transaction, so a change and its record commit or roll back together.
 * (The hottest statements — pull and verdict — write their audit rows inside their own SQL instead.)
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionContext) {}

  async record(...entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.tx.manager.query(
      `INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[])`,
      [
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.entity),
        entries.map((e) => e.entityId),
        entries.map((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
        entries.map((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
      ],
    );
  }

  historyOf(entity: string, entityId: string): Promise<AuditRow[]> {
    return this.tx.manager.query(
      `SELECT id::text, at, actor_id AS "actorId", action, entity, entity_id AS "entityId", before, after
       FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
      [entity, entityId],
    );
  }
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}
