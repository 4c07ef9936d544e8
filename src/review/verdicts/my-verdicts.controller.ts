import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorBody } from '../../common/errors/error-body';
import { PageQueryDto } from '../../common/http/page.dto';
import { Role } from '../../users/role';
import { MyVerdictsPageDto } from './dtos/verdict.dto';
import { toMyVerdictsPageDto } from './verdicts.mapper';
import { VerdictsService } from './verdicts.service';

/** The caller's own verdicts (`/me/verdicts`). Giving one is `POST /assignments/:id/verdict`, reading a claim's `GET /claims/:id/verdicts`. */
@ApiTags('verdicts')
@Roles(Role.Reviewer, Role.Editor, Role.Admin)
@Controller('me/verdicts')
export class MyVerdictsController {
  constructor(private readonly verdicts: VerdictsService) {}

  @Get()
  @ApiOperation({ summary: 'The verdicts the caller gave, newest first, with their claims' })
  @ApiOkResponse({ type: MyVerdictsPageDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  async mine(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto): Promise<MyVerdictsPageDto> {
    return toMyVerdictsPageDto(await this.verdicts.mine(user, page));
  }
}
