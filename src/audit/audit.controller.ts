import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { mapPage } from '../common/http/page.dto';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { Role } from '../users/role';
import { toAuditLogEntryDto } from './audit.mapper';
import { AuditService } from './audit.service';
import { AuditPageDto, ListAuditQuery } from './dtos/list-audit.query';

@ApiTags('audit')
@Roles(Role.Admin)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Search the audit trail' })
  @ApiOkResponse({ type: AuditPageDto, description: 'Who did what, newest first' })
  @ApiErrors(400)
  async list(@Query() q: ListAuditQuery): Promise<AuditPageDto> {
    const filter = {
      actorId: q.actor,
      entity: q.entity,
      entityId: q.entityId,
      action: q.action,
      from: q.from,
      to: q.to,
      involving: q.involving,
    };
    const page = await this.audit.list(filter, { order: q.order, limit: q.limit, offset: q.offset });
    return mapPage(page, toAuditLogEntryDto);
  }
}
