import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { LocalAuthGuard, LoginThrottlerGuard } from './guards/login.guards';
import { RolesGuard } from './guards/roles.guard';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';

const emailOf = (req: { body?: { email?: unknown } }) => (typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '');

@Module({
  imports: [
    UsersModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwt.secret, signOptions: { algorithm: 'HS256' } }),
    }),
    // Only the login route uses these throttlers (LoginThrottlerGuard); the rest of the API is not rate-limited here.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: ({ loginLimits }: AppConfig) => ({
        throttlers: [
          { name: 'login-email', ttl: loginLimits.windowMs, limit: loginLimits.perEmail, getTracker: emailOf },
          { name: 'login-ip', ttl: loginLimits.windowMs, limit: loginLimits.perIp },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LocalStrategy,
    JwtStrategy,
    LocalAuthGuard,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
