import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../../common/openapi/api-errors.decorator';
import { Role } from '../../users/role';
import { SubmitVerdictDto, SubmittedVerdictDto } from '../verdicts/dtos/verdict.dto';
import { toSubmittedVerdictDto } from '../verdicts/verdicts.mapper';
import { IdempotencyKey } from '../verdicts/idempotency-key.decorator';
import { VerdictsService } from '../verdicts/verdicts.service';
import { toAssignmentDto, toLeaseDto, toSkipResultDto } from './assignments.mapper';
import { AssignmentsService } from './assignments.service';
import { AssignmentDto, LeaseDto, SkipDto, SkipResultDto } from './dtos/assignment.dto';

/** What a lease holder does with a lease (`/assignments/:id/…`), and their live leases. */
@Roles(Role.Reviewer, Role.Editor, Role.Admin)
@Controller()
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly verdicts: VerdictsService,
  ) {}

  @Get('me/assignments')
  @ApiTags('assignments')
  @ApiOperation({ summary: 'Your live leases' })
  @ApiOkResponse({ type: [AssignmentDto], description: "The caller's live leases" })
  async mine(@CurrentUser() user: AuthUser): Promise<AssignmentDto[]> {
    return (await this.assignments.mine(user)).map(toAssignmentDto);
  }

  @Post('assignments/:id/heartbeat')
  @ApiTags('assignments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend your lease' })
  @ApiOkResponse({ type: LeaseDto })
  @ApiErrors(400, { status: 403, description: 'ASSIGNMENT_NOT_YOURS' }, 404, {
    status: 409,
    description: 'LEASE_EXPIRED or ASSIGNMENT_CLOSED',
  })
  async heartbeat(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<LeaseDto> {
    return toLeaseDto(await this.assignments.heartbeat(user, id));
  }

  @Post('assignments/:id/skip')
  @ApiTags('assignments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claim back without a verdict' })
  @ApiOkResponse({ type: SkipResultDto, description: 'Released; this claim is not served to you again this round' })
  @ApiBody({ type: SkipDto, required: false })
  @ApiErrors(...JSON_BODY_ERRORS, { status: 403, description: 'ASSIGNMENT_NOT_YOURS' }, 404, {
    status: 409,
    description: 'LEASE_EXPIRED or ASSIGNMENT_CLOSED',
  })
  async skip(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SkipDto,
  ): Promise<SkipResultDto> {
    return toSkipResultDto(await this.assignments.skip(user, id, dto.reason));
  }

  @Post('assignments/:id/verdict')
  @HttpCode(201)
  @ApiTags('verdicts')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first result',
  })
  @ApiOperation({ summary: 'Give your verdict on a leased claim' })
  @ApiCreatedResponse({ type: SubmittedVerdictDto })
  @ApiErrors(...JSON_BODY_ERRORS, { status: 403, description: 'ASSIGNMENT_NOT_YOURS' }, 404, {
    status: 409,
    description: 'Already submitted, lease expired or assignment closed',
  })
  async verdict(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubmitVerdictDto,
    @IdempotencyKey() idempotencyKey: string | null,
  ): Promise<SubmittedVerdictDto> {
    return toSubmittedVerdictDto(await this.verdicts.submit(user, id, dto, idempotencyKey));
  }
}
