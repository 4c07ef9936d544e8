import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ErrorBody } from '../common/errors/error-body';
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
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'Email already taken' })
  async create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(actor.id, dto));
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map(UserDto.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorBody, description: 'Would leave no active admin' })
  async update(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.update(actor.id, id, dto));
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password replaced; the user\'s tokens are revoked' })
  async resetPassword(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(actor.id, id, dto.password);
  }
}
