import { Role } from './role';
import { User } from './user.entity';

/** An account to create; without a password one is generated and returned once. */
export interface UserInput {
  email: string;
  displayName: string;
  role: Role;
  password?: string;
}

/** What an admin may change on an account (each optional). */
export interface UserChange {
  role?: Role;
  active?: boolean;
  displayName?: string;
}

/** What the account list is filtered by. */
export interface UserFilter {
  role?: Role;
  active?: boolean;
  emailContains?: string;
  /** In the email or the display name, any case. */
  textContains?: string;
}

/** An account as stored: the password only as its hash. */
export type NewUser = Pick<User, 'email' | 'displayName' | 'role' | 'passwordHash'>;
