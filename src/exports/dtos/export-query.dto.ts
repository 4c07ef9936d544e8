import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsBoolean, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOptional, IsTimestamp } from '../../common/http/field-rules';
import { EXPORT_FORMATS, EXPORT_STATUSES, ExportFormat } from '../export.types';

// `a,b` and repeated parameters (`status=a&status=b`) both give a list (the query string parser yields strings).
const commaList = ({ value }: { value: string | string[] | undefined }) =>
  value === undefined
    ? undefined
    : [value]
        .flat()
        .flatMap((v) => v.split(','))
        .map((s) => s.trim())
        .filter(Boolean);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({
    description: `Comma list of ${EXPORT_STATUSES.join(', ')} (default: the three final labels)`,
    example: 'verified,disputed',
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayNotEmpty()
  @IsIn(EXPORT_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ description: 'Finalized at or after (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'Finalized at or before (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ description: "Exact source of the claim's article" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  articleId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One claim (e.g. to preview its ClaimReview)' })
  @IsOptional()
  @IsUUID()
  claimId?: string;

  @ApiPropertyOptional({ description: 'Queue slug: claims in it or leased from it' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'queue must be a queue slug' })
  queue?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only claims this reviewer gave a verdict on (any round)' })
  @IsOptional()
  @IsUUID()
  reviewer?: string;

  @ApiPropertyOptional({ enum: ['verdicts'], description: "Add every reviewer's verdict (all rounds)" })
  @IsOptional()
  @IsIn(['verdicts'])
  include?: 'verdicts';

  @ApiPropertyOptional({ description: 'Cursor of a previous export (X-Export-Cursor): only claims changed since' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  since?: string;

  @ApiPropertyOptional({
    description:
      "Cursor of a previous export: only claims changed before it (repeats that export's window, e.g. for its skipped report)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  until?: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: true,
    description:
      "CSV only: cells starting with = + - @ tab or CR get a leading ' so spreadsheets do not run them as formulas; false keeps them verbatim",
  })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  safe: boolean = true;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'CSV only: start the file with a UTF-8 byte-order mark (for spreadsheets that guess the encoding)',
  })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  bom: boolean = false;
}
