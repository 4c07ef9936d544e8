import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ClaimExtractor } from './claim-extractor';
import { ExtractionController } from './extraction.controller';

@Module({
  controllers: [ExtractionController],
  providers: [
    {
      provide: ClaimExtractor,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new ClaimExtractor({ threshold: config.extractionThreshold }),
    },
  ],
  exports: [ClaimExtractor],
})
export class ExtractionModule {}
