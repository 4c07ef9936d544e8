import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptional, MAX_INT4 } from '../../common/http/field-rules';
import { trimmed } from '../../users/dtos/create-user.dto';

/** Either { start, end } or { text }: which one is checked against the body by locateSpan (claim-text.ts). */
export class CreateClaimDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INT4, description: 'UTF-16 offset into the article body (with end)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT4)
  start?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INT4, description: 'exclusive end offset (with start)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  end?: number;

  @ApiPropertyOptional({ description: 'exact text, found once in the body (instead of start/end)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  text?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Olena Zelenska',
    description: 'inferred from the text when absent',
  })
  @IsOptional({ nullable: true })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  speaker?: string | null;
}

/** The same fields; on update an absent field is kept and `speaker: null` clears the speaker. */
export class UpdateClaimDto extends CreateClaimDto {}

export class RejectClaimDto {
  @ApiPropertyOptional({
    maxLength: 500,
    example: 'An opinion, not a checkable statement',
    description: 'Why, for the audit trail (the claim history shows it)',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}
