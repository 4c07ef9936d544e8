import { Module } from '@nestjs/common';
import { ClaimExtractor, DEFAULT_EXTRACTION_THRESHOLD } from './claim-extractor';

@Module({
  providers: [
    {
      provide: ClaimExtractor,
      useFactory: () => new ClaimExtractor({ threshold: Number(process.env.EXTRACTION_THRESHOLD) || DEFAULT_EXTRACTION_THRESHOLD }),
    },
  ],
  exports: [ClaimExtractor],
})
export class ExtractionModule {}
