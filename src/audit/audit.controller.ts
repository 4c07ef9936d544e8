import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { Role } from '../users/role';
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
  list(@Query() query: ListAuditQuery): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
