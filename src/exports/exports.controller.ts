import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { Role } from '../users/role';
import { ExportQueryDto } from './dtos/export-query.dto';
import { ClaimReviewSkippedDto, ExportCountDto, ExportDocumentDto, ExportedClaimDto } from './dtos/exported-claim.dto';
import { CLAIM_REVIEW_DOCUMENT_SCHEMA } from './dtos/claim-review.schema';
import { toClaimReviewSkippedDto, toExportCountDto } from './exports.mapper';
import { ExportsService } from './exports.service';

@ApiTags('exports')
@Roles(Role.Editor, Role.Admin)
@ApiExtraModels(ExportedClaimDto, ExportDocumentDto)
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('verdicts')
  @ApiOperation({
    summary: 'Export settled claims with their lineage (CSV, JSON, NDJSON or ClaimReview JSON-LD), streamed',
  })
  @ApiOkResponse({
    description:
      "Streamed attachment; the media type follows `format`. NDJSON: one ExportedClaim per line (the schema is a line's). " +
      'A failure after the headers (or a reader that stalls for EXPORT_IDLE_TIMEOUT_SECONDS) aborts the connection without ' +
      'the final chunk, so the file is never mistaken for complete',
    headers: {
      'X-Export-Cursor': {
        description: 'Pass as ?since= to get only claims changed after this export',
        schema: { type: 'string' },
      },
    },
    content: {
      'text/csv': {
        schema: {
          type: 'string',
          description: 'RFC 4180, CRLF; the article flattened (articleTitle, …), lists joined with spaces',
        },
      },
      'application/json': { schema: { $ref: getSchemaPath(ExportDocumentDto) } },
      'application/x-ndjson': { schema: { $ref: getSchemaPath(ExportedClaimDto) } },
      'application/ld+json': { schema: CLAIM_REVIEW_DOCUMENT_SCHEMA },
    },
  })
  @ApiErrors(
    {
      status: 400,
      description:
        'Unknown format, bad filter (EXPORT_BAD_FILTER: a date PostgreSQL cannot store) or malformed cursor; always before the first byte',
    },
    { status: 404, description: 'Unknown queue' },
    {
      status: 429,
      description: 'This user already runs EXPORT_LIMIT_PER_USER exports (EXPORT_USER_LIMIT); see Retry-After',
    },
    { status: 503, description: 'Too many exports running on this instance (EXPORT_BUSY); see Retry-After' },
  )
  async verdicts(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exports.open(user, query);
    void reply.header('x-export-cursor', file.cursor);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Get('count')
  @ApiOperation({
    summary: 'How many claims an export with these filters selects, and its cursor',
    description:
      'Same filters as GET /exports/verdicts (format and output options are ignored); nothing is exported or audited.',
  })
  @ApiOkResponse({ type: ExportCountDto })
  @ApiErrors(
    { status: 400, description: 'Bad filter or malformed cursor' },
    { status: 404, description: 'Unknown queue' },
  )
  async count(@Query() query: ExportQueryDto): Promise<ExportCountDto> {
    return toExportCountDto(await this.exports.count(query));
  }

  @Get('claimreview/skipped')
  @ApiOperation({
    summary: 'The final claims a ClaimReview export leaves out, and why',
    description:
      "Same filters as GET /exports/verdicts (format is ignored). Pass the export's X-Export-Cursor as `until` (and its `since`) to cover exactly its window.",
  })
  @ApiOkResponse({ type: ClaimReviewSkippedDto })
  @ApiErrors(
    { status: 400, description: 'Bad filter or malformed cursor' },
    { status: 404, description: 'Unknown queue' },
    { status: 503, description: 'Too many exports running (EXPORT_BUSY)' },
  )
  async claimReviewSkipped(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportQueryDto,
  ): Promise<ClaimReviewSkippedDto> {
    return toClaimReviewSkippedDto(await this.exports.claimReviewSkipped(user, query));
  }
}
