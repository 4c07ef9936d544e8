import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../../common/openapi/api-errors.decorator';
import { Role } from '../../users/role';
import { ClaimRoutingService } from './claim-routing.service';
import { AssignClaimDto, ClaimCurationDto, RouteClaimDto, RoutedCountDto } from '../queues/dtos/queue.dto';

@ApiTags('claims')
@Roles(Role.Editor, Role.Admin)
@Controller('claims/:id')
export class ClaimRoutingController {
  constructor(private readonly routing: ClaimRoutingService) {}

  @Get('curation')
  @ApiOperation({ summary: 'What may be done with a claim now: edit, reject, route (to which queues), assign (to whom)' })
  @ApiOkResponse({ type: ClaimCurationDto })
  @ApiErrors(400, { status: 404, description: 'No such claim' })
  curation(@Param('id', ParseUUIDPipe) id: string): Promise<ClaimCurationDto> {
    return this.routing.curation(id);
  }

  @Post('route')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a claim into a queue' })
  @ApiOkResponse({ type: RoutedCountDto })
  @ApiErrors(...JSON_BODY_ERRORS, { status: 404, description: 'No such claim or queue' }, { status: 409, description: 'The claim cannot be routed in its current state, or the queue is inactive' })
  route(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RouteClaimDto): Promise<RoutedCountDto> {
    return this.routing.routeClaim(user, id, dto.queue);
  }

  @Post('assign')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reserve a claim for one reviewer' })
  @ApiNoContentResponse({ description: 'Reserved for that reviewer: served to them first, to nobody else until they take it' })
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    { status: 404, description: 'No such claim' },
    { status: 409, description: 'The claim cannot be assigned in its current state' },
    { status: 422, description: 'USER_NOT_FOUND or USER_CANNOT_PULL_QUEUE: that user cannot take it' },
  )
  async assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignClaimDto): Promise<void> {
    await this.routing.assign(user, id, dto.userId);
  }
}
