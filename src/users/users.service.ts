import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { Page } from '../common/http/page.dto';
import { isUniqueViolation } from '../common/errors/pg-errors';
import { InvalidationListener } from '../database/invalidation-listener.service';
import { TransactionContext } from '../database/transaction-context';
import { CreateUserDto } from './dtos/create-user.dto';
import { ListUsersQuery } from './dtos/list-users.query';
import { UpdateUserDto } from './dtos/update-user.dto';
import { PasswordHasher } from './password-hasher.service';
import { Role } from './role';
import { User } from './user.entity';
import { UserException } from './user.exception';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionContext,
    private readonly audit: AuditRepository,
    private readonly invalidation: InvalidationListener,
  ) {}

  /** This instance drops its cached token user at once; others hear it from the database trigger. */
  private revoked(id: string): void {
    this.invalidation.publish(`user:${id}`);
  }

  /** `actorId` null: created by an operator on the command line. */
  async create(actorId: string | null, dto: CreateUserDto): Promise<User> {
    const email = dto.email.toLowerCase();
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      return await this.tx.run(async () => {
        const user = await this.users.insert({ email, displayName: dto.displayName, role: dto.role, passwordHash });
        await this.audit.record({ actorId, action: 'user.create', entity: 'user', entityId: user.id, after: snapshot(user) });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new UserException('USER_EMAIL_TAKEN', `A user with email ${email} already exists`);
      throw error;
    }
  }

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const [items, total] = await this.users.list({ role: query.role, active: query.active, emailContains: query.email }, query.limit, query.offset);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new UserException('USER_NOT_FOUND', `User ${id} not found`);
    return user;
  }

  /** Role and active changes revoke the user's tokens at once; the last active admin cannot lose admin rights. */
  update(actorId: string, id: string, dto: UpdateUserDto): Promise<User> {
    return this.tx.run(async () => {
      const user = await this.get(id);
      const losesAdmin = user.role === Role.Admin && user.active && (dto.role !== undefined && dto.role !== Role.Admin || dto.active === false);
      if (losesAdmin) {
        const admins = await this.users.lockActiveAdminIds();
        if (admins.length <= 1) throw new UserException('LAST_ACTIVE_ADMIN', 'The last active admin cannot be demoted or deactivated');
      }
      const revokes = (dto.role !== undefined && dto.role !== user.role) || (dto.active !== undefined && dto.active !== user.active);
      await this.users.update(id, dto, revokes);
      const updated = await this.get(id);
      await this.audit.record({ actorId, action: 'user.update', entity: 'user', entityId: id, before: snapshot(user), after: snapshot(updated) });
      return updated;
    }).finally(() => this.revoked(id));
  }

  async resetPassword(actorId: string, id: string, password: string): Promise<void> {
    await this.get(id);
    const passwordHash = await this.hasher.hash(password);
    await this.tx.run(async () => {
      await this.users.update(id, { passwordHash }, true);
      await this.audit.record({ actorId, action: 'user.password_reset', entity: 'user', entityId: id });
    });
    this.revoked(id);
  }

  async changeOwnPassword(id: string, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.users.findWithPasswordHash({ id });
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new UserException('CURRENT_PASSWORD_INCORRECT', 'The current password is incorrect');
    }
    const passwordHash = await this.hasher.hash(newPassword);
    return this.tx.run(async () => {
      await this.users.update(id, { passwordHash }, true);
      await this.audit.record({ actorId: id, action: 'user.password_change', entity: 'user', entityId: id });
      return this.get(id);
    }).finally(() => this.revoked(id));
  }
}

/** What the audit log keeps of a user (never the hash). */
function snapshot(user: User) {
  const { id, email, displayName, role, active } = user;
  return { id, email, displayName, role, active };
}
