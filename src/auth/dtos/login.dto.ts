import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../../users/dtos/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost.localdomain' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class TokenDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header' })
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the token expires', example: 43200 })
  expiresIn: number;

  @ApiProperty({ type: UserDto })
  user: UserDto;
}

export class SessionDto {
  @ApiProperty({ description: 'When the session ends unless signed out earlier' })
  expiresAt: Date;

  @ApiProperty({ type: UserDto })
  user: UserDto;
}
