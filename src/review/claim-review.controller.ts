import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { toAuditEntryDto } from '../audit/audit.mapper';
import { AuditEntryDto } from '../audit/dtos/audit-entry.dto';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ErrorBody } from '../common/errors/error-body';
import { ApiErrors, JSON_BODY_ERRORS } from '../common/openapi/api-errors.decorator';
import { Role } from '../users/role';
import { AdjudicationService } from './adjudication/adjudication.service';
import { toClaimCurationDto } from './claim-review.mapper';
import { AssignClaimDto, ClaimCurationDto, RouteClaimDto, RoutedCountDto } from './queues/dtos/queue.dto';
import { ClaimRoutingService } from './routing/claim-routing.service';
import { toAdjudicationCaseDto, toClaimOutcomeDto, toVerdictDto } from './verdicts/verdicts.mapper';
import {
  AdjudicationCaseDto,
  AdjudicationCaseQueryDto,
  ClaimOutcomeDto,
  ReopenClaimDto,
  ResolveClaimDto,
  VerdictDto,
} from './verdicts/dtos/verdict.dto';
import { VerdictsService } from './verdicts/verdicts.service';

/**
 * Every review action on one claim (`/claims/:id/…`); the claim's content routes are in src/claims/claims.controller.ts.
 * Tagged per route (the verdict list under `verdicts`, the rest under `claims`): class tags would add to each route's own.
 */
@Controller('claims/:id')
export class ClaimReviewController {
  constructor(
    private readonly routing: ClaimRoutingService,
    private readonly verdicts: VerdictsService,
    private readonly adjudication: AdjudicationService,
  ) {}

  @Get('curation')
  @ApiTags('claims')
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({
    summary: 'What may be done with a claim now: edit, reject, route (to which queues), assign (to whom)',
  })
  @ApiOkResponse({ type: ClaimCurationDto })
  @ApiErrors(400, { status: 404, description: 'No such claim' })
  async curation(@Param('id', ParseUUIDPipe) id: string): Promise<ClaimCurationDto> {
    return toClaimCurationDto(await this.routing.curation(id));
  }

  @Post('route')
  @ApiTags('claims')
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Move a claim into a queue' })
  @ApiOkResponse({ type: RoutedCountDto })
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    { status: 404, description: 'No such claim or queue' },
    {
      status: 409,
      description:
        'ILLEGAL_TRANSITION: the claim cannot be routed in its current state; QUEUE_INACTIVE; QUEUE_NOT_ROUTABLE: the adjudication queue takes only claims whose reviewers disagreed',
    },
  )
  async route(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RouteClaimDto,
  ): Promise<RoutedCountDto> {
    return { moved: await this.routing.routeClaim(user, id, dto.queue) };
  }

  @Post('assign')
  @ApiTags('claims')
  @HttpCode(204)
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Reserve a claim for one reviewer' })
  @ApiNoContentResponse({
    description: 'Reserved for that reviewer: served to them first, to nobody else until they take it',
  })
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    { status: 404, description: 'No such claim' },
    {
      status: 409,
      description: 'CLAIM_NOT_IN_QUEUE: only a claim waiting in a queue can be assigned (details.status)',
    },
    { status: 422, description: 'USER_NOT_FOUND or USER_CANNOT_PULL_QUEUE: that user cannot take it' },
  )
  async assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignClaimDto,
  ): Promise<void> {
    await this.routing.assign(user, id, dto.userId);
  }

  @Get('verdicts')
  @ApiTags('verdicts')
  @Roles(Role.Reviewer, Role.Editor, Role.Admin)
  @ApiOperation({ summary: "A claim's verdicts (blind for reviewers until final)" })
  @ApiOkResponse({ type: [VerdictDto], description: 'Reviewers see only their own verdicts until the claim is final' })
  @ApiErrors(400, 404)
  async verdictsOf(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<VerdictDto[]> {
    return (await this.verdicts.forClaim(user, id)).map(toVerdictDto);
  }

  @Get('adjudication')
  @ApiTags('claims')
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({
    summary: "A claim and its round's reviewer verdicts side by side, reviewers anonymised unless revealed",
  })
  @ApiOkResponse({ type: AdjudicationCaseDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'Editors and admins only' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such claim' })
  async caseOf(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AdjudicationCaseQueryDto,
  ): Promise<AdjudicationCaseDto> {
    return toAdjudicationCaseDto(await this.adjudication.caseOf(user, id, query.reveal));
  }

  @Post('resolution')
  @ApiTags('claims')
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Rule on a claim (adjudication or editor override)' })
  @ApiOkResponse({ type: ClaimOutcomeDto })
  @ApiErrors(...JSON_BODY_ERRORS, 404, { status: 409, description: 'The claim is already final or rejected' })
  async resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResolveClaimDto,
  ): Promise<ClaimOutcomeDto> {
    return toClaimOutcomeDto(await this.adjudication.resolve(user, id, dto));
  }

  @Post('reopen')
  @ApiTags('claims')
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Reopen a final claim for a new review round' })
  @ApiOkResponse({ type: ClaimOutcomeDto, description: 'A new review round; earlier verdicts are kept' })
  @ApiErrors(...JSON_BODY_ERRORS, 404, { status: 409, description: 'Only a final claim can be reopened' })
  async reopen(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReopenClaimDto,
  ): Promise<ClaimOutcomeDto> {
    return toClaimOutcomeDto(await this.adjudication.reopen(user, id, dto));
  }

  @Get('history')
  @ApiTags('claims')
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: "A claim's audit trail" })
  @ApiOkResponse({ type: [AuditEntryDto], description: "The claim's audit trail, oldest first" })
  @ApiErrors(400, 404)
  async history(@Param('id', ParseUUIDPipe) id: string): Promise<AuditEntryDto[]> {
    return (await this.adjudication.history(id)).map(toAuditEntryDto);
  }
}
