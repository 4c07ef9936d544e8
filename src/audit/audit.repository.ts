import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { shownAtOrAfter, shownAtOrBefore } from '../common/sql/shown-time-range';
import { insertAuditRows } from './audit-sql';
import { AuditEntry, AuditFilter, AuditLogRecord, AuditRecord } from './audit.types';

/**
 * Writes audit rows through the current transaction, so a change and its record commit or roll back together.
 * (Statements that change many rows or run hot — pull, verdict, skip, routing, ingestion — write theirs inside
 * their own SQL, through insertAuditRows.)
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionContext) {}

  async record(...entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.tx.manager.query(
      insertAuditRows(`SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[])`),
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

  historyOf(entity: string, entityId: string): Promise<AuditRecord[]> {
    return this.tx.manager.query(
      `SELECT ${COLUMNS} FROM audit_log a WHERE a.entity = $1 AND a.entity_id = $2 ORDER BY a.id`,
      [entity, entityId],
    );
  }

  /**
   * Newest first, or oldest first for a timeline. An action ending in "." matches as a prefix; `involving` is a
   * user as the actor or as the account acted on. Entries carry the actor's name, and an account's name when the
   * entry is about one (admins only read this).
   */
  async search(
    f: AuditFilter,
    order: 'asc' | 'desc',
    limit: number,
    offset: number,
  ): Promise<[AuditLogRecord[], number]> {
    const where = `($1::uuid IS NULL OR a.actor_id = $1) AND ($2::text IS NULL OR a.entity = $2) AND ($3::text IS NULL OR a.entity_id = $3)
      AND ($4::text IS NULL OR a.action = $4 OR (right($4, 1) = '.' AND starts_with(a.action, $4)))
      AND ($5::timestamptz IS NULL OR ${shownAtOrAfter('a.at', '$5')}) AND ($6::timestamptz IS NULL OR ${shownAtOrBefore('a.at', '$6')})
      AND ($7::uuid IS NULL OR a.actor_id = $7 OR (a.entity = 'user' AND a.entity_id = $7::text))`;
    const params = [
      f.actorId ?? null,
      f.entity ?? null,
      f.entityId ?? null,
      f.action ?? null,
      f.from ?? null,
      f.to ?? null,
      f.involving ?? null,
    ];
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const [rows, [{ total }]] = await Promise.all([
      this.tx.manager.query<AuditLogRecord[]>(
        // the subject's name is looked up for the returned page only (text ids: no join over the whole log)
        `SELECT ${COLUMNS}, u.display_name AS "actorName", u.email AS "actorEmail",
                CASE WHEN a.entity = 'user' THEN (SELECT s.display_name FROM users s WHERE s.id::text = a.entity_id) END AS "subjectName"
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE ${where} ORDER BY a.id ${direction} LIMIT $8 OFFSET $9`,
        [...params, limit, offset],
      ),
      this.tx.manager.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM audit_log a WHERE ${where}`,
        params,
      ),
    ]);
    return [rows, total];
  }
}

const COLUMNS = `a.id::text, a.at, a.actor_id AS "actorId", a.action, a.entity, a.entity_id AS "entityId", a.before, a.after`;
