import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { ExtractionModule } from '../extraction/extraction.module';
import { ArticleImportService } from './article-import.service';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';

@Module({
  imports: [ClaimsModule, ExtractionModule],
  controllers: [ArticlesController],
  providers: [ArticlesService, ArticlesRepository, ArticleImportService],
  exports: [ArticlesService, ArticleImportService],
})
export class ArticlesModule {}
