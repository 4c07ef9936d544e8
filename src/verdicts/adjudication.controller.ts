import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditRow } from '../audit/audit.repository';
import { ApiSignedIn } from '../common/decorators/api-signed-in.decorator';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ErrorBody } from '../common/errors/error-body';
import { Role } from '../users/role';
import { AdjudicationService } from './adjudication.service';
import { AuditEntryDto } from '../audit/dtos/audit-entry.dto';
import { AdjudicationCaseDto, AdjudicationCaseQueryDto, ClaimOutcomeDto, ReopenClaimDto, ResolveClaimDto } from './dtos/verdict.dto';

@ApiTags('claims')
@Roles(Role.Editor, Role.Admin)
@Controller('claims/:id')
export class AdjudicationController {
  constructor(private readonly adjudication: AdjudicationService) {}

  @Get('adjudication')
  @ApiSignedIn()
  @ApiOperation({ summary: "A claim and its round's reviewer verdicts side by side, reviewers anonymised unless revealed" })
  @ApiOkResponse({ type: AdjudicationCaseDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'Editors and admins only' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'No such claim' })
  caseOf(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: AdjudicationCaseQueryDto): Promise<AdjudicationCaseDto> {
    return this.adjudication.caseOf(user, id, query.reveal);
  }

  @Post('resolution')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimOutcomeDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'The claim is already final or rejected' })
  resolve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolveClaimDto): Promise<ClaimOutcomeDto> {
    return this.adjudication.resolve(user, id, dto);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimOutcomeDto, description: 'A new review round; earlier verdicts are kept' })
  @ApiConflictResponse({ type: ErrorBody, description: 'Only a final claim can be reopened' })
  reopen(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReopenClaimDto): Promise<ClaimOutcomeDto> {
    return this.adjudication.reopen(user, id, dto);
  }

  @Get('history')
  @ApiOkResponse({ type: [AuditEntryDto], description: 'The claim\'s audit trail, oldest first' })
  history(@Param('id', ParseUUIDPipe) id: string): Promise<AuditRow[]> {
    return this.adjudication.history(id);
  }
}
