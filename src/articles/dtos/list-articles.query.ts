import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/page.dto';

export class ListArticlesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact source/outlet' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ description: 'publishedAt on or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'publishedAt on or before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Full-text search over title and body (web search syntax: "a phrase", -not, or)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
}
