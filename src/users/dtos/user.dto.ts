import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../common/http/page.dto';
import { Role } from '../role';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'editor@newsroom.example' })
  email: string;

  @ApiProperty({ example: 'Ana Dumbadze' })
  displayName: string;

  @ApiProperty({ enum: Role })
  role: Role;

  @ApiProperty()
  active: boolean;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  lastLoginAt: Date | null;
}

export class UserPageDto extends PageOf(UserDto) {}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({
    description: 'Only when the request had no password: the generated one, shown this once (only its hash is kept)',
  })
  generatedPassword?: string;
}
