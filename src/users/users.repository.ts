import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { Role } from './role';
import { User } from './user.entity';
import { NewUser, UserFilter } from './user.types';

@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get users() {
    return this.tx.manager.getRepository(User);
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** The only query that reads the password hash. */
  findWithPasswordHash(by: { email: string } | { id: string }): Promise<User | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where(by).getOne();
  }

  async insert(user: NewUser): Promise<User> {
    const { identifiers } = await this.users.insert(user);
    return (await this.findById(identifiers[0].id as string))!;
  }

  async update(
    id: string,
    patch: Partial<Pick<User, 'role' | 'active' | 'displayName' | 'passwordHash' | 'lastLoginAt'>>,
    revokeTokens: boolean,
  ): Promise<void> {
    const values = revokeTokens ? { ...patch, tokenVersion: () => 'token_version + 1' } : patch;
    await this.users.createQueryBuilder().update(User).set(values).where('id = :id', { id }).execute();
  }

  list(filter: UserFilter, limit: number, offset: number): Promise<[User[], number]> {
    const qb = this.users
      .createQueryBuilder('u')
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id')
      .take(limit)
      .skip(offset);
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.emailContains) qb.andWhere(`strpos(u.email, :email) > 0`, { email: filter.emailContains.toLowerCase() });
    if (filter.textContains) {
      qb.andWhere(`(strpos(u.email, :text) > 0 OR strpos(lower(u.displayName), :text) > 0)`, {
        text: filter.textContains.toLowerCase(),
      });
    }
    return qb.getManyAndCount();
  }

  /** Locks every active admin row, so two concurrent demotions cannot both see "another admin is left". */
  async lockActiveAdminIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT id FROM users WHERE role = 'admin' AND active FOR UPDATE`,
    );
    return rows.map((r) => r.id);
  }

  /** Serialises first-admin bootstrap across app instances starting at once. */
  async lockBootstrap(): Promise<void> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('users:bootstrap-admin'))`);
  }

  async countAdmins(): Promise<number> {
    return this.users.countBy({ role: Role.Admin });
  }
}
