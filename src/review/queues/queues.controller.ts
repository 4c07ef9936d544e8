import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SignedIn } from '../../common/openapi/api-errors.decorator';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiErrors, JSON_BODY_ERRORS } from '../../common/openapi/api-errors.decorator';
import { Role } from '../../users/role';
import { AssignmentsService } from '../assignments/assignments.service';
import { ClaimRoutingService } from '../routing/claim-routing.service';
import { AssignmentDto, QueueAvailabilityDto } from '../assignments/dtos/assignment.dto';
import {
  BulkRouteDto,
  CreateQueueDto,
  QueueDto,
  QueueGuidelinesDto,
  QueueListQueryDto,
  QueueStatsDto,
  RoutedCountDto,
  UpdateQueueDto,
} from './dtos/queue.dto';
import { toAssignmentDto, toQueueAvailabilityDto } from '../assignments/assignments.mapper';
import { toQueueDto, toQueueStatsDto } from './queues.mapper';
import { QueuesService } from './queues.service';

@ApiTags('queues')
@Controller('queues')
export class QueuesController {
  constructor(
    private readonly queues: QueuesService,
    private readonly routing: ClaimRoutingService,
    private readonly assignments: AssignmentsService,
  ) {}

  @Get()
  @Roles(Role.Reviewer, Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Queues you may pull from, with depth, in-review count and oldest waiting age' })
  @ApiOkResponse({ type: [QueueStatsDto], description: 'The queues the caller may pull from, with depth and age' })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Unknown time zone' })
  async list(@CurrentUser() user: AuthUser, @Query() query: QueueListQueryDto): Promise<QueueStatsDto[]> {
    return (await this.queues.listFor(user, query.tz)).map(toQueueStatsDto);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create a review queue' })
  @ApiCreatedResponse({ type: QueueDto })
  @ApiErrors(...JSON_BODY_ERRORS, {
    status: 409,
    description: 'QUEUE_SLUG_TAKEN; QUEUE_NOT_ROUTABLE: the adjudication queue cannot route new claims automatically',
  })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateQueueDto): Promise<QueueDto> {
    return toQueueDto(await this.queues.create(user, dto));
  }

  @Patch(':slug')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Change a queue's settings" })
  @ApiOkResponse({ type: QueueDto })
  @ApiErrors(...JSON_BODY_ERRORS, 404, {
    status: 409,
    description: 'QUEUE_NOT_ROUTABLE: the adjudication queue cannot route new claims automatically (routable: true)',
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('slug') slug: string,
    @Body() dto: UpdateQueueDto,
  ): Promise<QueueDto> {
    return toQueueDto(await this.queues.update(user, slug, dto));
  }

  @Put(':slug/guidelines')
  @SignedIn()
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({
    summary: "Replace a queue's reviewing guidelines (Markdown)",
    description: 'Audited as a queue.update.',
  })
  @ApiOkResponse({ type: QueueDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'Editors and admins only' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such queue' })
  async setGuidelines(
    @CurrentUser() user: AuthUser,
    @Param('slug') slug: string,
    @Body() dto: QueueGuidelinesDto,
  ): Promise<QueueDto> {
    return toQueueDto(await this.queues.setGuidelines(user, slug, dto.guidelines));
  }

  @Post(':slug/route')
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Move every claim matching a filter into this queue' })
  @ApiOkResponse({ type: RoutedCountDto, description: 'How many claims moved into the queue (one statement)' })
  @ApiErrors(...JSON_BODY_ERRORS, 404, {
    status: 409,
    description:
      'QUEUE_INACTIVE; QUEUE_NOT_ROUTABLE: the adjudication queue takes only claims whose reviewers disagreed',
  })
  async route(
    @CurrentUser() user: AuthUser,
    @Param('slug') slug: string,
    @Body() dto: BulkRouteDto,
  ): Promise<RoutedCountDto> {
    return { moved: await this.routing.bulkRoute(user, slug, dto.filter) };
  }

  @Get(':slug/availability')
  @SignedIn()
  @Roles(Role.Reviewer, Role.Editor, Role.Admin)
  @ApiOperation({
    summary: 'Whether a pull would give you a claim now, and if not why (nothing left, held by others, judged by you)',
  })
  @ApiOkResponse({ type: QueueAvailabilityDto })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'Not allowed to pull from this queue' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such queue' })
  @ApiConflictResponse({ type: ErrorBody, description: 'Queue inactive' })
  async availability(@CurrentUser() user: AuthUser, @Param('slug') slug: string): Promise<QueueAvailabilityDto> {
    return toQueueAvailabilityDto(await this.assignments.availability(user, slug));
  }

  /** The caller's next claim under a lease, or 204 when nothing is available to them. */
  @Post(':slug/next')
  @Roles(Role.Reviewer, Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Pull your next claim under a lease' })
  @ApiOkResponse({ type: AssignmentDto })
  @ApiNoContentResponse({ description: 'Nothing to review for you in this queue right now' })
  @ApiErrors(
    { status: 400, description: 'Malformed slug' },
    { status: 403, description: 'QUEUE_NOT_ALLOWED: not allowed to pull from this queue' },
    { status: 404, description: 'QUEUE_NOT_FOUND' },
    { status: 409, description: 'QUEUE_INACTIVE' },
  )
  async next(
    @CurrentUser() user: AuthUser,
    @Param('slug') slug: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentDto | undefined> {
    const assignment = await this.assignments.pull(user, slug);
    if (!assignment) void reply.status(204);
    else void reply.status(200);
    return assignment ? toAssignmentDto(assignment) : undefined;
  }
}
