import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ErrorBody } from '../common/errors/error-body';
import { ChangePasswordDto } from '../users/dtos/password.dto';
import { UserDto } from '../users/dtos/user.dto';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { LoginDto, TokenDto } from './dtos/login.dto';
import { LocalAuthGuard } from './guards/local-auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'Wrong email or password, or inactive account' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'Too many failed logins for this email or IP; see Retry-After' })
  login(@Body() _credentials: LoginDto, @CurrentUser() user: unknown, @Ip() ip: string): Promise<TokenDto> {
    return this.auth.issueToken(user as User, ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return UserDto.from(await this.users.get(user.id));
  }

  /** Changing the password revokes every other token; the response carries a fresh one. */
  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: TokenDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Ip() ip: string): Promise<TokenDto> {
    const updated = await this.users.changeOwnPassword(user.id, dto.currentPassword, dto.password);
    return this.auth.issueToken(updated, ip);
  }
}
