import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { shownAtOrAfter, shownAtOrBefore } from '../common/sql/shown-time-range';

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
    return this.tx.manager.query(`SELECT ${COLUMNS} FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`, [entity, entityId]);
  }

  /** Newest first. An action ending in "." matches as a prefix. */
  async search(f: AuditFilter, limit: number, offset: number): Promise<[AuditRow[], number]> {
    const where = `($1::uuid IS NULL OR actor_id = $1) AND ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3)
      AND ($4::text IS NULL OR action = $4 OR (right($4, 1) = '.' AND starts_with(action, $4)))
      AND ($5::timestamptz IS NULL OR ${shownAtOrAfter('at', '$5')}) AND ($6::timestamptz IS NULL OR ${shownAtOrBefore('at', '$6')})`;
    const params = [f.actorId ?? null, f.entity ?? null, f.entityId ?? null, f.action ?? null, f.from ?? null, f.to ?? null];
    const [rows, [{ total }]] = await Promise.all([
      this.tx.manager.query(`SELECT ${COLUMNS} FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT $7 OFFSET $8`, [...params, limit, offset]),
      this.tx.manager.query(`SELECT count(*)::int AS total FROM audit_log WHERE ${where}`, params),
    ]);
    return [rows, total];
  }
}

const COLUMNS = `id::text, at, actor_id AS "actorId", action, entity, entity_id AS "entityId", before, after`;

export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
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
