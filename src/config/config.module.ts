import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';

/**
 * Validates the environment once (a bad value stops the process with a message
 * naming the variable) and exposes the typed AppConfig to every module.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ app: AppConfig.fromEnvironment() })] })],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.get<AppConfig>('app'),
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
