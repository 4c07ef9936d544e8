import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { WebAppController } from './web-app.controller';
import { WebAppFiles } from './web-app-files';

@Module({
  controllers: [WebAppController],
  providers: [
    {
      provide: WebAppFiles,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new WebAppFiles(config.webDistDir),
    },
  ],
})
export class WebAppModule {}
