import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Page } from '../common/http/page.dto';
import { isUniqueViolation } from '../common/errors/pg-errors';
import { InvalidationListener } from '../database/invalidation-listener.service';
import { TransactionContext } from '../database/transaction-context';
import { generatePassword } from './generated-password';
import { PasswordHasher } from './password-hasher.service';
import { Role } from './role';
import { User } from './user.entity';
import { UserException } from './user.exception';
import { UserChange, UserFilter, UserInput } from './user.types';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
    private readonly invalidation: InvalidationListener,
  ) {}

  /** This instance drops its cached token user at once; others hear it from the database trigger. */
  private revoked(id: string): void {
    this.invalidation.publish(`user:${id}`);
  }

  /** `actorId` null: created by an operator on the command line. Without a password one is generated and returned once. */
  async create(actorId: string | null, input: UserInput): Promise<{ user: User; generatedPassword?: string }> {
    const email = input.email.toLowerCase();
    const generatedPassword = input.password === undefined ? generatePassword() : undefined;
    const passwordHash = await this.hasher.hash(input.password ?? generatedPassword!);
    try {
      const user = await this.tx.run(async () => {
        const inserted = await this.users.insert({
          email,
          displayName: input.displayName,
          role: input.role,
          passwordHash,
        });
        const after = { ...snapshot(inserted), passwordGenerated: generatedPassword !== undefined };
        await this.audit.record({ actorId, action: 'user.create', entity: 'user', entityId: inserted.id, after });
        return inserted;
      });
      return { user, generatedPassword };
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key'))
        throw new UserException('USER_EMAIL_TAKEN', `A user with email ${email} already exists`);
      throw error;
    }
  }

  async list(filter: UserFilter, page: { limit: number; offset: number }): Promise<Page<User>> {
    const [items, total] = await this.users.list(filter, page.limit, page.offset);
    return { items, total, limit: page.limit, offset: page.offset };
  }

  /** An active account, or null: for other modules that answer a missing or inactive user their own way. */
  async findActive(id: string): Promise<User | null> {
    const user = await this.users.findById(id);
    return user?.active ? user : null;
  }

  /** Up to `limit` active accounts (for pickers in other modules). */
  async listActive(limit: number): Promise<User[]> {
    return (await this.users.list({ active: true }, limit, 0))[0];
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new UserException('USER_NOT_FOUND', `User ${id} not found`);
    return user;
  }

  /** Role and active changes revoke the user's tokens at once; the last active admin cannot lose admin rights. */
  update(actorId: string, id: string, change: UserChange): Promise<User> {
    return this.tx
      .run(async () => {
        const user = await this.get(id);
        const losesAdmin =
          user.role === Role.Admin &&
          user.active &&
          ((change.role !== undefined && change.role !== Role.Admin) || change.active === false);
        if (losesAdmin) {
          const admins = await this.users.lockActiveAdminIds();
          if (admins.length <= 1)
            throw new UserException('LAST_ACTIVE_ADMIN', 'The last active admin cannot be demoted or deactivated');
        }
        const revokes =
          (change.role !== undefined && change.role !== user.role) ||
          (change.active !== undefined && change.active !== user.active);
        await this.users.update(id, change, revokes);
        const updated = await this.get(id);
        await this.audit.record({
          actorId,
          action: 'user.update',
          entity: 'user',
          entityId: id,
          before: snapshot(user),
          after: snapshot(updated),
        });
        return updated;
      })
      .finally(() => this.revoked(id));
  }

  /** Replaces the password and ends the user's sessions; without one a password is generated and returned once. */
  async resetPassword(actorId: string, id: string, password?: string): Promise<{ generatedPassword?: string }> {
    await this.get(id);
    const generatedPassword = password === undefined ? generatePassword() : undefined;
    const passwordHash = await this.hasher.hash(password ?? generatedPassword!);
    await this.tx.run(async () => {
      await this.users.update(id, { passwordHash }, true);
      await this.audit.record({
        actorId,
        action: 'user.password_reset',
        entity: 'user',
        entityId: id,
        after: { passwordGenerated: generatedPassword !== undefined },
      });
    });
    this.revoked(id);
    return { generatedPassword };
  }

  async changeOwnPassword(id: string, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.users.findWithPasswordHash({ id });
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new UserException('CURRENT_PASSWORD_INCORRECT', 'The current password is incorrect');
    }
    const passwordHash = await this.hasher.hash(newPassword);
    return this.tx
      .run(async () => {
        await this.users.update(id, { passwordHash }, true);
        await this.audit.record({ actorId: id, action: 'user.password_change', entity: 'user', entityId: id });
        return this.get(id);
      })
      .finally(() => this.revoked(id));
  }

  /** Sign-in only: the account with that email together with its password hash. */
  findForSignIn(email: string): Promise<User | null> {
    return this.users.findWithPasswordHash({ email });
  }

  /** The account as stored, active or not (for checking a token against its user). */
  find(id: string): Promise<User | null> {
    return this.users.findById(id);
  }

  /** A successful sign-in's time (revokes no token). */
  async recordLastLogin(id: string, at: Date): Promise<void> {
    await this.users.update(id, { lastLoginAt: at }, false);
  }
}

/** What the audit log keeps of a user (never the hash). */
function snapshot(user: User) {
  const { id, email, displayName, role, active } = user;
  return { id, email, displayName, role, active };
}
