import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ErrorBody } from '../common/errors/error-body';
import { Role } from '../users/role';
import { ExportQueryDto } from './dtos/export-query.dto';
import { ExportedClaimDto } from './dtos/exported-claim.dto';
import { ExportsService } from './exports.service';

@ApiTags('exports')
@Roles(Role.Editor, Role.Admin)
@ApiExtraModels(ExportedClaimDto)
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('verdicts')
  @ApiProduces('text/csv', 'application/json', 'application/x-ndjson', 'application/ld+json')
  @ApiOkResponse({
    description: 'Streamed attachment; json is {cursor, claims: ExportedClaim[]}, ndjson one ExportedClaim per line, claimreview schema.org JSON-LD',
    schema: { $ref: getSchemaPath(ExportedClaimDto) },
    headers: { 'X-Export-Cursor': { description: 'Pass as ?since= to get only claims changed after this export', schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Unknown format, bad filter or malformed cursor' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown queue' })
  @ApiServiceUnavailableResponse({ type: ErrorBody, description: 'Too many exports running (EXPORT_BUSY)' })
  async verdicts(@CurrentUser() user: AuthUser, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.exports.open(user, query);
    void reply.header('x-export-cursor', file.cursor);
    return new StreamableFile(file.stream, { type: file.contentType, disposition: `attachment; filename="${file.filename}"` });
  }
}
