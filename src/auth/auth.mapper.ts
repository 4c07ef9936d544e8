import { toUserDto } from '../users/users.mapper';
import { IssuedToken } from './auth.types';
import { TokenDto } from './dtos/login.dto';

export function toTokenDto(token: IssuedToken): TokenDto {
  return { accessToken: token.accessToken, expiresIn: token.expiresIn, user: toUserDto(token.user) };
}
