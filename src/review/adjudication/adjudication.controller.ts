import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditRow } from '../../audit/audit.repository';
import { SignedIn } from '../../common/openapi/api-errors.decorator';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiErrors, JSON_BODY_ERRORS } from '../../common/openapi/api-errors.decorator';
import { Role } from '../../users/role';
import { AdjudicationService } from './adjudication.service';
import { AuditEntryDto } from '../../audit/dtos/audit-entry.dto';
import { AdjudicationCaseDto, AdjudicationCaseQueryDto, ClaimOutcomeDto, ReopenClaimDto, ResolveClaimDto } from '../verdicts/dtos/verdict.dto';

@ApiTags('claims')
@Roles(Role.Editor, Role.Admin)
@Controller('claims/:id')
export class AdjudicationController {
  constructor(private readonly adjudication: AdjudicationService) {}

  @Get('adjudication')
  @SignedIn()
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
  @ApiOperation({ summary: 'Rule on a claim (adjudication or editor override)' })
  @ApiOkResponse({ type: ClaimOutcomeDto })
  @ApiErrors(...JSON_BODY_ERRORS, 404, { status: 409, description: 'The claim is already final or rejected' })
  resolve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResolveClaimDto): Promise<ClaimOutcomeDto> {
    return this.adjudication.resolve(user, id, dto);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a final claim for a new review round' })
  @ApiOkResponse({ type: ClaimOutcomeDto, description: 'A new review round; earlier verdicts are kept' })
  @ApiErrors(...JSON_BODY_ERRORS, 404, { status: 409, description: 'Only a final claim can be reopened' })
  reopen(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReopenClaimDto): Promise<ClaimOutcomeDto> {
    return this.adjudication.reopen(user, id, dto);
  }

  @Get('history')
  @ApiOperation({ summary: 'A claim\'s audit trail' })
  @ApiOkResponse({ type: [AuditEntryDto], description: 'The claim\'s audit trail, oldest first' })
  @ApiErrors(400, 404)
  history(@Param('id', ParseUUIDPipe) id: string): Promise<AuditRow[]> {
    return this.adjudication.history(id);
  }
}
