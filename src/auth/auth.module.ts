import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BrowserSessionsRepository } from './browser-sessions.repository';
import { BrowserSessionsService } from './browser-sessions.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { LoginAttemptsService } from './login-attempts.service';
import { LoginFailuresRepository } from './login-failures.repository';
import { RolesGuard } from './guards/roles.guard';
import { SameOriginCheck, SameOriginGuard } from './session-cookie';
import { JwtStrategy } from './strategies/jwt.strategy';
import { VerifiedTokens } from './verified-tokens';
import { LocalStrategy } from './strategies/local.strategy';

@Module({
  imports: [
    UsersModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwt.secret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LocalStrategy,
    JwtStrategy,
    VerifiedTokens,
    LocalAuthGuard,
    LoginAttemptsService,
    LoginFailuresRepository,
    BrowserSessionsService,
    BrowserSessionsRepository,
    SameOriginCheck,
    SameOriginGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
