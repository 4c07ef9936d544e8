import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { ErrorBody } from '../common/errors/error-body';
import { AppConfig } from '../config/app-config';
import { Role } from '../users/role';
import { ArticleImportService } from './article-import.service';
import { ArticlesService } from './articles.service';
import { ArticleDto, ArticlePageDto, ImportReportDto } from './dtos/article.dto';
import { CreateArticleDto } from './dtos/create-article.dto';
import { ListArticlesQuery } from './dtos/list-articles.query';
import { NDJSON, NdjsonOut } from './ndjson-body';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly importer: ArticleImportService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles(Role.Editor, Role.Admin)
  @ApiCreatedResponse({ type: ArticleDto, description: 'The article with its extracted claims' })
  @ApiConflictResponse({ type: ErrorBody, description: 'ARTICLE_DUPLICATE: same url or body; details.existingId' })
  async create(@Body() dto: CreateArticleDto, @CurrentUser() user: AuthUser): Promise<ArticleDto> {
    return ArticleDto.from(await this.articles.create(dto, user.id));
  }

  @Post('import')
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiConsumes(NDJSON)
  @ApiProduces('application/json', NDJSON)
  @ApiBody({ description: 'One CreateArticleDto JSON object per line; blank lines are skipped', schema: { type: 'string' } })
  @ApiOkResponse({
    type: ImportReportDto,
    description:
      'application/json (default): totals and the first problems, sent once every line is stored. With `Accept: application/x-ndjson` ' +
      'the report streams instead: one ImportLineResult per non-blank line in file order as its batch commits, then a last line ' +
      '`{"totals": …, "stopped"?: …}`, or `{"error": ErrorBody}` when the import failed after the first line was sent.',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorBody, description: 'Over IMPORT_BODY_LIMIT' })
  @ApiServiceUnavailableResponse({ type: ErrorBody, description: 'ARTICLE_IMPORT_BUSY: IMPORT_CONCURRENCY imports already run on this instance; see Retry-After' })
  async import(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() user: AuthUser): Promise<void> {
    const options = { maxLines: this.config.imports.maxLines };
    const body = request.body as Readable;
    if (!request.headers.accept?.includes(NDJSON)) {
      void reply.send(await this.importer.import(body, user.id, options));
      return;
    }
    const out = new NdjsonOut(reply);
    try {
      const { totals, stopped } = await this.importer.import(body, user.id, { ...options, onLine: (line) => out.write(line), ready: () => out.ready() });
      out.end({ totals, ...(stopped ? { stopped } : {}) });
    } catch (error) {
      if (!out.started) throw error;
      out.end({ error: new AllExceptionsFilter().toBody(error, String(request.id)) });
    }
  }

  @Get()
  @ApiOkResponse({ type: ArticlePageDto, description: 'Newest first (publishedAt, then createdAt); without bodies' })
  list(@Query() query: ListArticlesQuery): Promise<ArticlePageDto> {
    return this.articles.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ArticleDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ArticleDto> {
    return ArticleDto.from(await this.articles.get(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiNoContentResponse({ description: 'Deleted with its claims' })
  @ApiConflictResponse({ type: ErrorBody, description: 'ARTICLE_HAS_VERDICTS: a claim is in or past review' })
  async delete(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.articles.delete(user.id, id);
  }
}
