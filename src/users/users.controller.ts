import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../common/openapi/api-errors.decorator';
import { CreateUserDto } from './dtos/create-user.dto';
import { ListUsersQuery } from './dtos/list-users.query';
import { ResetPasswordDto } from './dtos/password.dto';
import { UpdateUserDto } from './dtos/update-user.dto';
import { UserDto, UserPageDto } from './dtos/user.dto';
import { Role } from './role';
import { UsersService } from './users.service';

@ApiTags('users')
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create an account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(...JSON_BODY_ERRORS, { status: 409, description: 'USER_EMAIL_TAKEN' })
  async create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(actor.id, dto));
  }

  @Get()
  @ApiOperation({ summary: 'List accounts' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400)
  async list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map(UserDto.from) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role, name or active flag (revokes the user\'s tokens on role change or deactivation)' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(...JSON_BODY_ERRORS, 404, { status: 409, description: 'LAST_ACTIVE_ADMIN: would leave no active admin' })
  async update(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.update(actor.id, id, dto));
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset an account\'s password' })
  @ApiNoContentResponse({ description: 'Password replaced; the user\'s tokens are revoked' })
  @ApiErrors(...JSON_BODY_ERRORS, 404)
  async resetPassword(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(actor.id, id, dto.password);
  }
}
