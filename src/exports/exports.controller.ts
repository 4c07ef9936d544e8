import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse, getSchemaPath } from '@nestjs/swagger';
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
    description:
      'Streamed attachment; json is {cursor, claims: ExportedClaim[]}, ndjson one ExportedClaim per line, claimreview schema.org JSON-LD. ' +
      'A failure after the headers (or a reader that stalls for EXPORT_IDLE_TIMEOUT_SECONDS) aborts the connection without ' +
      'the final chunk, so the file is never mistaken for complete',
    schema: { $ref: getSchemaPath(ExportedClaimDto) },
    headers: { 'X-Export-Cursor': { description: 'Pass as ?since= to get only claims changed after this export', schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Unknown format, bad filter (EXPORT_BAD_FILTER: a date PostgreSQL cannot store) or malformed cursor; always before the first byte' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown queue' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'This user already runs EXPORT_LIMIT_PER_USER exports (EXPORT_USER_LIMIT); see Retry-After' })
  @ApiServiceUnavailableResponse({ type: ErrorBody, description: 'Too many exports running on this instance (EXPORT_BUSY); see Retry-After' })
  async verdicts(@CurrentUser() user: AuthUser, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.exports.open(user, query);
    void reply.header('x-export-cursor', file.cursor);
    return new StreamableFile(file.stream, { type: file.contentType, disposition: `attachment; filename="${file.filename}"` });
  }
}
