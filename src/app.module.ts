import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ArticlesModule } from './articles/articles.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClaimsModule } from './claims/claims.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { ExportsModule } from './exports/exports.module';
import { ExtractionModule } from './extraction/extraction.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReviewModule } from './review/review.module';
import { StatsModule } from './stats/stats.module';
import { AdminBootstrapService } from './users/admin-bootstrap.service';
import { UsersModule } from './users/users.module';
import { WebAppModule } from './web-app/web-app.module';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel },
        // No middleware: requests are logged by a fastify hook (app.factory.ts); this module provides the app logger.
        forRoutes: [],
      }),
    }),
    DatabaseModule,
    AuditModule,
    UsersModule,
    AuthModule,
    HealthModule,
    ExtractionModule,
    ArticlesModule,
    ClaimsModule,
    ReviewModule,
    ExportsModule,
    StatsModule,
    EventsModule,
    WebAppModule,
    MetricsModule,
  ],
  // The first-admin bootstrap belongs to the server, not to CLI contexts that import UsersModule.
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, AdminBootstrapService],
})
export class AppModule {}
