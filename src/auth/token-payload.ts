import { Role } from '../users/role';

/** What a token carries: the user, the role it was issued for and the token version it belongs to. */
export interface TokenPayload {
  sub: string;
  role: Role;
  tv: number;
}
