import { Body, Controller, Delete, Get, HttpCode, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BodyLimit } from '../common/decorators/body-limit.decorator';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ErrorBody } from '../common/errors/error-body';
import { ApiErrors, JSON_BODY_ERRORS, SignedIn } from '../common/openapi/api-errors.decorator';
import { ChangePasswordDto } from '../users/dtos/password.dto';
import { UserDto } from '../users/dtos/user.dto';
import { toUserDto } from '../users/users.mapper';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { BrowserSessionsService } from './browser-sessions.service';
import { toTokenDto } from './auth.mapper';
import { LoginDto, SessionDto, TokenDto } from './dtos/login.dto';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { clearSessionCookie, SameOriginGuard, SESSION_COOKIE, sessionSecret, setSessionCookie } from './session-cookie';

// An email and a password: anything much larger is not a login, and is refused before it is read (anonymous route).
const LOGIN_BODY_LIMIT = 4096;
const LOGIN_BODY_ERRORS = [400, { status: 413, description: `Body over ${LOGIN_BODY_LIMIT} bytes` }, 415];

const LIMITED =
  'Too many failed attempts for this account from this address, or from this address (LOGIN_RATE_LIMITED): retry after ' +
  'the Retry-After header (seconds, also details.retryAfterSeconds); the delay doubles with each further failure';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: BrowserSessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @BodyLimit(LOGIN_BODY_LIMIT)
  @UseGuards(LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in: a bearer token for email and password' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(
    ...LOGIN_BODY_ERRORS,
    { status: 401, description: 'Wrong email or password, or inactive account' },
    { status: 429, description: LIMITED },
  )
  async login(@Body() _credentials: LoginDto, @CurrentUser() user: unknown, @Ip() ip: string): Promise<TokenDto> {
    return toTokenDto(await this.auth.issueToken(user as User, ip));
  }

  /** The browser's sign-in: same credentials check and login limits as POST /auth/login, but no token in the body. */
  @Public()
  @Post('session')
  @HttpCode(200)
  @BodyLimit(LOGIN_BODY_LIMIT)
  @UseGuards(SameOriginGuard, LocalAuthGuard)
  @ApiOperation({
    summary: 'Sign in a browser: sets the httpOnly session cookie',
    description:
      `Sets \`${SESSION_COOKIE}\` (httpOnly, SameSite=Strict, Secure over https, Path=/), which then authenticates every ` +
      'request like a bearer token. Unsafe requests (POST, PATCH, PUT, DELETE) authenticated by the cookie must carry an ' +
      'Origin (or Referer) of this site, as browsers do; so must this call.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(
    ...LOGIN_BODY_ERRORS,
    { status: 401, description: 'Wrong email or password, or inactive account' },
    { status: 403, description: 'Origin of another site (CSRF_ORIGIN_MISMATCH)' },
  )
  @ApiTooManyRequestsResponse({
    type: ErrorBody,
    description: LIMITED,
    headers: {
      'Retry-After': { description: 'Seconds until a sign-in may be tried again', schema: { type: 'integer' } },
    },
  })
  async openSession(
    @Body() _credentials: LoginDto,
    @CurrentUser() user: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const session = await this.sessions.open(user as User, request.ip);
    setSessionCookie(request, reply, session.secret, session.maxAgeSeconds);
    return { expiresAt: session.expiresAt, user: toUserDto(session.user) };
  }

  /** Sign-out: ends this browser session (idempotent: without a live session it only clears the cookie). */
  @Public()
  @Delete('session')
  @HttpCode(204)
  @UseGuards(SameOriginGuard)
  @ApiOperation({ summary: 'Sign out a browser: ends its session and clears the cookie' })
  @ApiCookieAuth()
  @ApiNoContentResponse({ description: 'Signed out (also when no session was live)' })
  @ApiErrors({ status: 403, description: 'Origin of another site (CSRF_ORIGIN_MISMATCH)' })
  async endSession(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const secret = sessionSecret(request);
    if (secret) await this.sessions.end(secret, request.ip);
    clearSessionCookie(request, reply);
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return toUserDto(await this.users.get(user.id));
  }

  /** Changing the password revokes every other token; the response carries a fresh one. */
  @Post('password')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'Change your own password (revokes your other tokens; returns a fresh one)' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    { status: 403, description: 'The current password is wrong (CURRENT_PASSWORD_INCORRECT)' },
    { status: 429, description: LIMITED },
  )
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<TokenDto> {
    return toTokenDto(await this.auth.changeOwnPassword(user, dto, ip));
  }
}
