import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../common/openapi/api-errors.decorator';
import { Role } from '../users/role';
import { ClaimExtractor, ExtractedSentence } from './claim-extractor';

/** Same limit as an article body, so a dry run sees exactly what POST /articles would. */
export const MAX_BODY_LENGTH = 500_000;

export class ExtractRequestDto {
  @ApiProperty({
    maxLength: MAX_BODY_LENGTH,
    example: 'Officials said the strike killed 12 people in Kharkiv on Monday.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY_LENGTH)
  text: string;
}

export class ExtractedSentenceDto {
  @ApiProperty() index: number;
  @ApiProperty() paragraph: number;
  @ApiProperty({ description: 'text === input.slice(start, end)' }) start: number;
  @ApiProperty() end: number;
  @ApiProperty() text: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) features: Record<string, number | boolean | string>;
  @ApiPropertyOptional({ type: String, nullable: true }) speaker: string | null;
  @ApiProperty() isHeadline: boolean;
  @ApiProperty() isClaim: boolean;
}

@ApiTags('extraction')
@Controller('extract')
export class ExtractionController {
  constructor(private readonly extractor: ClaimExtractor) {}

  /** A dry run for tuning: every sentence with its score and features; nothing is written. */
  @Post()
  @HttpCode(200)
  @Roles(Role.Editor, Role.Admin)
  @ApiOperation({ summary: 'Dry-run extraction: every sentence with span, score, features and speaker' })
  @ApiOkResponse({ type: [ExtractedSentenceDto] })
  @ApiErrors(...JSON_BODY_ERRORS)
  extract(@Body() dto: ExtractRequestDto): ExtractedSentenceDto[] {
    return this.extractor.extract(dto.text).map(toExtractedSentenceDto);
  }
}

function toExtractedSentenceDto(s: ExtractedSentence): ExtractedSentenceDto {
  return {
    index: s.index,
    paragraph: s.paragraph,
    start: s.start,
    end: s.end,
    text: s.text,
    score: s.score,
    features: s.features,
    speaker: s.speaker,
    isHeadline: s.isHeadline,
    isClaim: s.isClaim,
  };
}
