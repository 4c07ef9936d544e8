import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/http/page.dto';
import { SignedIn } from '../../common/openapi/api-errors.decorator';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiErrors, JSON_BODY_ERRORS } from '../../common/openapi/api-errors.decorator';
import { Role } from '../../users/role';
import { IdempotencyKey } from './idempotency-key.decorator';
import { MyVerdictsPageDto, SubmitVerdictDto, SubmittedVerdictDto, VerdictDto } from './dtos/verdict.dto';
import { VerdictsService } from './verdicts.service';

@ApiTags('verdicts')
@Roles(Role.Reviewer, Role.Editor, Role.Admin)
@Controller()
export class VerdictsController {
  constructor(private readonly verdicts: VerdictsService) {}

  @Post('assignments/:id/verdict')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first result' })
  @ApiOperation({ summary: 'Give your verdict on a leased claim' })
  @ApiCreatedResponse({ type: SubmittedVerdictDto })
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    { status: 403, description: 'ASSIGNMENT_NOT_YOURS' },
    404,
    { status: 409, description: 'Already submitted, lease expired or assignment closed' },
  )
  async submit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubmitVerdictDto,
    @IdempotencyKey() idempotencyKey: string | null,
  ): Promise<SubmittedVerdictDto> {
    return (await this.verdicts.submit(user, id, dto, idempotencyKey)).verdict;
  }

  @Get('me/verdicts')
  @SignedIn()
  @ApiOperation({ summary: 'The verdicts the caller gave, newest first, with their claims' })
  @ApiOkResponse({ type: MyVerdictsPageDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  mine(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto): Promise<MyVerdictsPageDto> {
    return this.verdicts.mine(user, page);
  }

  @Get('claims/:id/verdicts')
  @ApiOperation({ summary: 'A claim\'s verdicts (blind for reviewers until final)' })
  @ApiOkResponse({ type: [VerdictDto], description: 'Reviewers see only their own verdicts until the claim is final' })
  @ApiErrors(400, 404)
  forClaim(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<VerdictDto[]> {
    return this.verdicts.forClaim(user, id);
  }
}
