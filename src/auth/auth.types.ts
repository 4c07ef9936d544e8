import type { User } from '../users/user.entity';

/** A signed bearer token and the account it signs in, as of this sign-in. */
export interface IssuedToken {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: User;
}

/** A browser session just opened: the cookie's secret, when it ends, and the account. */
export interface OpenedSession {
  secret: string;
  expiresAt: Date;
  maxAgeSeconds: number;
  user: User;
}

/** A change of one's own password: the current one is checked like a sign-in. */
export interface PasswordChange {
  currentPassword: string;
  password: string;
}
