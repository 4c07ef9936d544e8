import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from '../../users/role';

/** What a verified token tells about its holder. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
