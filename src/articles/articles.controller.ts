import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { ErrorBody } from '../common/errors/error-body';
import { ApiErrors, JSON_BODY_ERRORS, SignedIn } from '../common/openapi/api-errors.decorator';
import { AppConfig } from '../config/app-config';
import { mapPage } from '../common/http/page.dto';
import { Role } from '../users/role';
import { ArticleImportService } from './article-import.service';
import {
  toArticleDto,
  toArticleSummaryDto,
  toImportLineResultDto,
  toImportReportDto,
  toImportStopDto,
  toImportTotalsDto,
} from './articles.mapper';
import { ArticlesService } from './articles.service';
import {
  ArticleDto,
  ArticlePageDto,
  ImportLineResultDto,
  ImportReportDto,
  ImportStopDto,
  ImportTotalsDto,
} from './dtos/article.dto';
import { CreateArticleDto } from './dtos/create-article.dto';
import { ListArticlesQuery } from './dtos/list-articles.query';
import { NDJSON, NdjsonOut } from './ndjson-body';

@ApiTags('articles')
@SignedIn()
@ApiExtraModels(ImportReportDto, ImportLineResultDto, ImportTotalsDto, ImportStopDto, ErrorBody)
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly importer: ArticleImportService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Store an article and its extracted claims' })
  @ApiCreatedResponse({ type: ArticleDto, description: 'The article with its extracted claims' })
  @ApiErrors(...JSON_BODY_ERRORS, {
    status: 409,
    description: 'ARTICLE_DUPLICATE: same url or body; details.existingId',
  })
  async create(@Body() dto: CreateArticleDto, @CurrentUser() user: AuthUser): Promise<ArticleDto> {
    return toArticleDto(await this.articles.create(dto, user.id));
  }

  @Post('import')
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiConsumes(NDJSON)
  @ApiBody({
    description: 'One CreateArticleDto JSON object per line; blank lines are skipped',
    schema: { type: 'string' },
  })
  @ApiOperation({ summary: 'Bulk import articles from NDJSON (streamed), with a per-line report' })
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ImportReportDto) } },
      [NDJSON]: {
        schema: {
          description: 'One line of the streamed report',
          oneOf: [
            { $ref: getSchemaPath(ImportLineResultDto) },
            {
              type: 'object',
              required: ['totals'],
              properties: {
                totals: { $ref: getSchemaPath(ImportTotalsDto) },
                stopped: { $ref: getSchemaPath(ImportStopDto) },
              },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['error'],
              properties: { error: { $ref: getSchemaPath(ErrorBody) } },
              additionalProperties: false,
            },
          ],
        },
      },
    },
    description:
      'application/json (default): totals and the first problems, sent once every line is stored. With `Accept: application/x-ndjson` ' +
      'the report streams instead: one ImportLineResult per non-blank line in file order as its batch commits, then a last line ' +
      '`{"totals": …, "stopped"?: …}`, or `{"error": ErrorBody}` when the import failed after the first line was sent.',
  })
  @ApiErrors(
    { status: 413, description: 'Over IMPORT_BODY_LIMIT' },
    { status: 415, description: 'Not application/x-ndjson' },
    {
      status: 503,
      description: 'ARTICLE_IMPORT_BUSY: IMPORT_CONCURRENCY imports already run on this instance; see Retry-After',
    },
  )
  async import(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    const options = { maxLines: this.config.imports.maxLines };
    const body = request.body as Readable;
    if (!request.headers.accept?.includes(NDJSON)) {
      void reply.send(toImportReportDto(await this.importer.import(body, user.id, options)));
      return;
    }
    const out = new NdjsonOut(reply);
    try {
      const { totals, stopped } = await this.importer.import(body, user.id, {
        ...options,
        onLine: (line) => out.write(toImportLineResultDto(line)),
        ready: () => out.ready(),
      });
      out.end({ totals: toImportTotalsDto(totals), ...(stopped ? { stopped: toImportStopDto(stopped) } : {}) });
    } catch (error) {
      if (!out.started) throw error;
      out.end({ error: new AllExceptionsFilter().toBody(error, String(request.id)) });
    }
  }

  @Get()
  @ApiOperation({ summary: 'List articles (filters, full-text search)' })
  @ApiOkResponse({ type: ArticlePageDto, description: 'Newest first (publishedAt, then createdAt); without bodies' })
  @ApiErrors(400)
  async list(@Query() query: ListArticlesQuery): Promise<ArticlePageDto> {
    const filter = {
      source: query.source,
      q: query.q,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    return mapPage(await this.articles.list(filter, query), toArticleSummaryDto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article with its claims' })
  @ApiOkResponse({ type: ArticleDto })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ArticleDto> {
    return toArticleDto(await this.articles.get(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Delete an article while none of its claims has a verdict' })
  @ApiNoContentResponse({ description: 'Deleted with its claims' })
  @ApiErrors(400, 404, { status: 409, description: 'ARTICLE_HAS_VERDICTS: a claim is in or past review' })
  async delete(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.articles.delete(user.id, id);
  }
}
