import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../common/openapi/api-errors.decorator';
import { CreateUserDto } from './dtos/create-user.dto';
import { ListUsersQuery } from './dtos/list-users.query';
import { AdminResetPasswordDto, GeneratedPasswordDto } from './dtos/password.dto';
import { UpdateUserDto } from './dtos/update-user.dto';
import { CreatedUserDto, UserDto, UserPageDto } from './dtos/user.dto';
import { mapPage } from '../common/http/page.dto';
import { Role } from './role';
import { toCreatedUserDto, toUserDto } from './users.mapper';
import { UsersService } from './users.service';

@ApiTags('users')
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an account',
    description: 'Without `password` the service generates one and returns it once as `generatedPassword`.',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiErrors(...JSON_BODY_ERRORS, { status: 409, description: 'USER_EMAIL_TAKEN' })
  async create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    const { user, generatedPassword } = await this.users.create(actor.id, dto);
    return toCreatedUserDto(user, generatedPassword);
  }

  @Get()
  @ApiOperation({ summary: 'List accounts' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400)
  async list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    const filter = { role: query.role, active: query.active, emailContains: query.email, textContains: query.search };
    return mapPage(await this.users.list(filter, query), toUserDto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return toUserDto(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change role, name or active flag (revokes the user's tokens on role change or deactivation)",
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(...JSON_BODY_ERRORS, 404, { status: 409, description: 'LAST_ACTIVE_ADMIN: would leave no active admin' })
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return toUserDto(await this.users.update(actor.id, id, dto));
  }

  /** 204 for a password the admin chose; 200 with the generated one (shown once) when the body had none. */
  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: "Reset an account's password (the admin's choice, or a generated one)" })
  @ApiNoContentResponse({
    description: "Password replaced by the one sent; the user's tokens and sessions are revoked",
  })
  @ApiOkResponse({
    type: GeneratedPasswordDto,
    description: 'No password sent: replaced by a generated one, returned this once; tokens and sessions revoked',
  })
  @ApiErrors(...JSON_BODY_ERRORS, 404)
  async resetPassword(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AdminResetPasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GeneratedPasswordDto | undefined> {
    const { generatedPassword } = await this.users.resetPassword(actor.id, id, dto.password);
    if (generatedPassword === undefined) return undefined;
    void reply.status(200);
    return { generatedPassword };
  }
}
