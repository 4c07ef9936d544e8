import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors, JSON_BODY_ERRORS, SignedIn } from '../common/openapi/api-errors.decorator';
import { Role } from '../users/role';
import { toClaimDto, toSimilarClaimDto } from './claims.mapper';
import { ClaimsService } from './claims.service';
import { CreateClaimDto, RejectClaimDto, UpdateClaimDto } from './dtos/claim-input.dto';
import { ClaimDto, SimilarClaimDto, SimilarQueryDto } from './dtos/claim.dto';

@ApiTags('claims')
@SignedIn()
@ApiErrors(400, { status: 404, description: 'No such claim or article' })
@Controller()
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get('articles/:id/claims')
  @ApiOperation({ summary: "An article's claims" })
  @ApiOkResponse({ type: [ClaimDto] })
  async listForArticle(@Param('id', ParseUUIDPipe) articleId: string): Promise<ClaimDto[]> {
    return (await this.claims.listForArticle(articleId)).map(toClaimDto);
  }

  @Post('articles/:id/claims')
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Add a claim by span or by text' })
  @ApiCreatedResponse({ type: ClaimDto })
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    { status: 409, description: 'CLAIM_DUPLICATE: a claim with this span exists (details.existingId)' },
    { status: 422, description: 'CLAIM_TEXT_NOT_FOUND, CLAIM_TEXT_AMBIGUOUS, CLAIM_SPAN_OUT_OF_RANGE' },
  )
  async create(
    @Param('id', ParseUUIDPipe) articleId: string,
    @Body() dto: CreateClaimDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ClaimDto> {
    return toClaimDto(await this.claims.createManual(articleId, dto, user.id));
  }

  @Get('claims/:id')
  @ApiOperation({ summary: 'One claim' })
  @ApiOkResponse({ type: ClaimDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ClaimDto> {
    return toClaimDto(await this.claims.get(id));
  }

  @Patch('claims/:id')
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: "Edit a claim's span, text or speaker" })
  @ApiOkResponse({ type: ClaimDto })
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    { status: 409, description: 'CLAIM_DUPLICATE or CLAIM_PAST_REVIEW' },
    { status: 422, description: 'The new text or span does not fit the body' },
  )
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateClaimDto,
  ): Promise<ClaimDto> {
    return toClaimDto(await this.claims.update(user.id, id, dto));
  }

  @Post('claims/:id/reject')
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Reject a claim (leaves the review flow)' })
  @ApiBody({ type: RejectClaimDto, required: false })
  @ApiOkResponse({ type: ClaimDto, description: 'Status is now rejected (idempotent)' })
  @ApiErrors(...JSON_BODY_ERRORS, {
    status: 409,
    description: 'CLAIM_PAST_REVIEW: details.status is the current state',
  })
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectClaimDto,
  ): Promise<ClaimDto> {
    return toClaimDto(await this.claims.reject(user.id, id, dto.reason));
  }

  /** Other claims' statuses and final labels only: never a verdict, so reviewers may call it without losing blindness. */
  @Get('claims/:id/similar')
  @ApiOperation({ summary: 'Near and exact repeats of a claim in other articles' })
  @ApiOkResponse({ type: [SimilarClaimDto], description: 'Linked claims of other articles, most similar first' })
  async similar(@Param('id', ParseUUIDPipe) id: string, @Query() query: SimilarQueryDto): Promise<SimilarClaimDto[]> {
    return (await this.claims.similar(id, query.settled)).map(toSimilarClaimDto);
  }
}
