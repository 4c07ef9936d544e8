import { AuditEntryDto, AuditLogEntryDto } from './dtos/audit-entry.dto';
import { AuditLogRecord, AuditRecord } from './audit.types';

export function toAuditEntryDto(r: AuditRecord): AuditEntryDto {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
  };
}

export function toAuditLogEntryDto(r: AuditLogRecord): AuditLogEntryDto {
  return { ...toAuditEntryDto(r), actorName: r.actorName, actorEmail: r.actorEmail, subjectName: r.subjectName };
}
