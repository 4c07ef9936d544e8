import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../common/http/page.dto';
import { ClaimDto } from '../../claims/dtos/claim.dto';
import type { ArticleExtraction } from '../article.entity';
import { REPORTED_PROBLEMS } from '../import-report';

export class ArticleSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) url: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) source: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) author: string | null;
  @ApiProperty() language: string;
  @ApiProperty({
    enum: ['extracted', 'unsupported language'],
    description: 'unsupported language: not English, no claims were extracted',
  })
  extraction: ArticleExtraction;
  @ApiPropertyOptional({ type: Date, nullable: true }) publishedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() claimCount: number;
}

export class ArticlePageDto extends PageOf(ArticleSummaryDto) {}

export class ArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Exactly as received; claim offsets point into it' }) body: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Normalized' }) url: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) source: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) author: string | null;
  @ApiProperty() language: string;
  @ApiProperty({
    enum: ['extracted', 'unsupported language'],
    description: 'unsupported language: not English, no claims were extracted',
  })
  extraction: ArticleExtraction;
  @ApiPropertyOptional({ type: Date, nullable: true }) publishedAt: Date | null;
  @ApiProperty({ description: 'sha-256 of the normalized body' }) bodySha256: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ type: [ClaimDto] }) claims: ClaimDto[];
}

export class ImportLineResultDto {
  @ApiProperty({ description: '1-based line number in the upload' }) line: number;
  @ApiProperty({ enum: ['created', 'duplicate', 'invalid'] }) status: 'created' | 'duplicate' | 'invalid';
  @ApiPropertyOptional({ format: 'uuid' }) id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The article this line duplicates' }) existingId?: string;
  @ApiPropertyOptional() error?: string;
}

export class ImportTotalsDto {
  @ApiProperty() created: number;
  @ApiProperty() duplicate: number;
  @ApiProperty() invalid: number;
  @ApiProperty({ description: 'Non-blank lines read' }) lines: number;
}

export class ImportStopDto {
  @ApiProperty({ description: 'The first line not read; every line before it is reported and, when valid, stored' })
  line: number;
  @ApiProperty({ enum: ['ARTICLE_IMPORT_TOO_MANY_LINES'] }) code: 'ARTICLE_IMPORT_TOO_MANY_LINES';
  @ApiProperty() message: string;
}

export class ImportReportDto {
  @ApiProperty({ type: ImportTotalsDto }) totals: ImportTotalsDto;
  @ApiProperty({
    type: [ImportLineResultDto],
    description: `The first ${REPORTED_PROBLEMS} duplicate or invalid lines, in file order`,
  })
  problems: ImportLineResultDto[];
  @ApiProperty({ description: 'Duplicate or invalid lines not listed in problems' }) problemsOmitted: number;
  @ApiPropertyOptional({
    type: ImportStopDto,
    description: 'Present when the import stopped before the end of the upload (IMPORT_MAX_LINES)',
  })
  stopped?: ImportStopDto;
}
