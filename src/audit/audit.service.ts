import { BadRequestException, Injectable } from '@nestjs/common';
import { Page } from '../common/http/page.dto';
import { AuditEntity } from './audit-action';
import { AuditEntry, AuditLogRow, AuditRepository, AuditRow } from './audit.repository';
import { ListAuditQuery } from './dtos/list-audit.query';

export type { AuditEntry, AuditRow } from './audit.repository';

/** The audit trail for every other module: they record and read it here, never through AuditRepository. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Writes the entries in the caller's transaction, so a change and its record commit or roll back together. */
  record(...entries: AuditEntry[]): Promise<void> {
    return this.audit.record(...entries);
  }

  /** One entity's trail, oldest first. */
  historyOf(entity: AuditEntity, entityId: string): Promise<AuditRow[]> {
    return this.audit.historyOf(entity, entityId);
  }

  async list(q: ListAuditQuery): Promise<Page<AuditLogRow>> {
    if (q.from && q.to && q.from > q.to) throw new BadRequestException('from must not be after to');
    const [items, total] = await this.audit.search(
      {
        actorId: q.actor,
        entity: q.entity,
        entityId: q.entityId,
        action: q.action,
        from: q.from,
        to: q.to,
        involving: q.involving,
      },
      q.order,
      q.limit,
      q.offset,
    );
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
