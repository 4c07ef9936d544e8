import { Module } from '@nestjs/common';
import { ExtractionModule } from '../extraction/extraction.module';
import { ReviewModule } from '../review/review.module';
import { ClaimSimilarityRepository } from './claim-similarity.repository';
import { ClaimsController } from './claims.controller';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';

@Module({
  imports: [ExtractionModule, ReviewModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimsRepository, ClaimSimilarityRepository],
  exports: [ClaimsService],
})
export class ClaimsModule {}
