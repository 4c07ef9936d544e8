import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptional, IsTimestamp } from '../../common/http/field-rules';
import { PageQueryDto } from '../../common/http/page.dto';

export class ListArticlesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact source/outlet' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ description: 'publishedAt on or after (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'publishedAt on or before (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    description: 'Full-text search over title and body (web search syntax: "a phrase", -not, or)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
}
