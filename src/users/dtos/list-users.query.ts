import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/http/field-rules';
import { PageQueryDto } from '../../common/http/page.dto';
import { Role } from '../role';

export class ListUsersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the email' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the email or the display name' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  search?: string;
}
