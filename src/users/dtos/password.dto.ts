import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsOptional } from '../../common/http/field-rules';
import { PASSWORD_MAX, PASSWORD_MIN } from './create-user.dto';

export class ResetPasswordDto {
  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class ChangePasswordDto extends ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX)
  currentPassword: string;
}

/** An admin's reset: a password they chose, or none for one the service generates and shows once. */
export class AdminResetPasswordDto {
  @ApiPropertyOptional({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: 'Omit to have the service generate one',
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;
}

export class GeneratedPasswordDto {
  @ApiProperty({ description: 'The new password, shown this once: the service keeps only its hash' })
  generatedPassword: string;
}
