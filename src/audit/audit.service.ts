import { BadRequestException, Injectable } from '@nestjs/common';
import { Page } from '../common/http/page.dto';
import { AuditEntity } from './audit-action';
import { AuditRepository } from './audit.repository';
import { AuditEntry, AuditFilter, AuditLogRecord, AuditRecord } from './audit.types';

/** The audit trail for every other module: they record and read it here, never through AuditRepository. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Writes the entries in the caller's transaction, so a change and its record commit or roll back together. */
  record(...entries: AuditEntry[]): Promise<void> {
    return this.audit.record(...entries);
  }

  /** One entity's trail, oldest first. */
  historyOf(entity: AuditEntity, entityId: string): Promise<AuditRecord[]> {
    return this.audit.historyOf(entity, entityId);
  }

  async list(
    filter: AuditFilter,
    page: { order: 'asc' | 'desc'; limit: number; offset: number },
  ): Promise<Page<AuditLogRecord>> {
    if (filter.from && filter.to && filter.from > filter.to) throw new BadRequestException('from must not be after to');
    const [items, total] = await this.audit.search(filter, page.order, page.limit, page.offset);
    return { items, total, limit: page.limit, offset: page.offset };
  }
}
