import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ErrorBody } from '../common/errors/error-body';
import { Role } from '../users/role';
import { ArticleImportService } from './article-import.service';
import { ArticlesService } from './articles.service';
import { ArticleDto, ArticlePageDto, ImportReportDto } from './dtos/article.dto';
import { CreateArticleDto } from './dtos/create-article.dto';
import { ListArticlesQuery } from './dtos/list-articles.query';
import { NDJSON } from './ndjson-body';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly importer: ArticleImportService,
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
  @ApiBody({ description: 'One CreateArticleDto JSON object per line; blank lines are skipped', schema: { type: 'string' } })
  @ApiOkResponse({ type: ImportReportDto, description: 'Per line: created, duplicate or invalid (with the error)' })
  @ApiPayloadTooLargeResponse({ type: ErrorBody, description: 'Over IMPORT_BODY_LIMIT' })
  import(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<ImportReportDto> {
    return this.importer.import(request.body as Readable, user.id);
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
