import { AuditAction, AuditEntity } from './audit-action';

/** One row to write: what an actor did to which entity, with the state before and after. */
export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** One row of the trail as stored (`id` is the bigint as a string). */
export interface AuditRecord {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** A row of the admins' log, with who acted in words (and whose account, when the subject is one). */
export interface AuditLogRecord extends AuditRecord {
  actorName: string | null;
  actorEmail: string | null;
  subjectName: string | null;
}

/** What the admins' log is searched by (every field optional; an action ending in "." is a prefix). */
export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  involving?: string;
}
