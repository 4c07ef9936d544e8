import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/http/page.dto';
import { ApiSignedIn } from '../common/decorators/api-signed-in.decorator';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ErrorBody } from '../common/errors/error-body';
import { Role } from '../users/role';
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
  @ApiCreatedResponse({ type: SubmittedVerdictDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'Already submitted, lease expired or assignment closed' })
  async submit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubmitVerdictDto,
    @IdempotencyKey() idempotencyKey: string | null,
  ): Promise<SubmittedVerdictDto> {
    return (await this.verdicts.submit(user, id, dto, idempotencyKey)).verdict;
  }

  @Get('me/verdicts')
  @ApiSignedIn()
  @ApiOperation({ summary: 'The verdicts the caller gave, newest first, with their claims' })
  @ApiOkResponse({ type: MyVerdictsPageDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  mine(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto): Promise<MyVerdictsPageDto> {
    return this.verdicts.mine(user, page);
  }

  @Get('claims/:id/verdicts')
  @ApiOkResponse({ type: [VerdictDto], description: 'Reviewers see only their own verdicts until the claim is final' })
  forClaim(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<VerdictDto[]> {
    return this.verdicts.forClaim(user, id);
  }
}
