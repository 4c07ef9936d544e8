import { CreatedUserDto, UserDto } from './dtos/user.dto';
import { User } from './user.entity';

/** The account as others may see it: never the password hash or the token version. */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lastLoginAt: user.lastLoginAt,
  };
}

export function toCreatedUserDto(user: User, generatedPassword: string | undefined): CreatedUserDto {
  return generatedPassword === undefined ? toUserDto(user) : { ...toUserDto(user), generatedPassword };
}
