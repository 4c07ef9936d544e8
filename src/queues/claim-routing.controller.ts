import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { Role } from '../users/role';
import { ClaimRoutingService } from './claim-routing.service';
import { AssignClaimDto, RouteClaimDto, RoutedCountDto } from './dtos/queue.dto';

@ApiTags('claims')
@Roles(Role.Editor, Role.Admin)
@Controller('claims/:id')
export class ClaimRoutingController {
  constructor(private readonly routing: ClaimRoutingService) {}

  @Post('route')
  @HttpCode(200)
  @ApiOkResponse({ type: RoutedCountDto })
  route(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RouteClaimDto): Promise<RoutedCountDto> {
    return this.routing.routeClaim(user, id, dto.queue);
  }

  @Post('assign')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Reserved for that reviewer: served to them first, to nobody else until they take it' })
  async assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignClaimDto): Promise<void> {
    await this.routing.assign(user, id, dto.userId);
  }
}
