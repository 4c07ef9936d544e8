import { BadRequestException, Injectable } from '@nestjs/common';
import { Page } from '../common/http/page.dto';
import { AuditLogRow, AuditRepository } from './audit.repository';
import { ListAuditQuery } from './dtos/list-audit.query';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(q: ListAuditQuery): Promise<Page<AuditLogRow>> {
    if (q.from && q.to && q.from > q.to) throw new BadRequestException('from must not be after to');
    const [items, total] = await this.audit.search(
      { actorId: q.actor, entity: q.entity, entityId: q.entityId, action: q.action, from: q.from, to: q.to, involving: q.involving },
      q.order,
      q.limit,
      q.offset,
    );
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
