import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOptional, IsTimestamp } from '../../common/http/field-rules';
import { MAX_BODY_LENGTH } from '../../extraction/extraction.controller';
import { trimmed } from '../../users/dtos/create-user.dto';

// PostgreSQL text cannot hold U+0000; refusing it here keeps it a 400 (or an invalid import line), not a 500.
// eslint-disable-next-line no-control-regex -- the control character is the point: this refuses U+0000
const NO_NUL = /^[^\u0000]*$/;
const HAS_TEXT = /\S/;

/** POST /articles and each line of POST /articles/import. The body is stored exactly as given (no trimming). */
export class CreateArticleDto {
  @ApiProperty({ maxLength: 500, example: 'Kremlin warns of “fatal consequences”' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(NO_NUL, { message: 'title must not contain NUL characters' })
  title: string;

  @ApiProperty({ maxLength: MAX_BODY_LENGTH })
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  @Matches(HAS_TEXT, { message: 'body must contain text' })
  @Matches(NO_NUL, { message: 'body must not contain NUL characters' })
  body: string;

  @ApiPropertyOptional({ example: 'https://news.example.com/live/ukraine' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ example: 'The Daily Example' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_NUL, { message: 'source must not contain NUL characters' })
  source?: string;

  @ApiPropertyOptional({ example: 'Ana Dumbadze' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_NUL, { message: 'author must not contain NUL characters' })
  author?: string;

  @ApiPropertyOptional({ default: 'en', example: 'en', description: 'BCP 47 tag' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'language must be a language tag like en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ example: '2024-06-03T09:00:00Z' })
  @IsOptional()
  @IsTimestamp()
  publishedAt?: string;
}
