import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { TransactionContext } from '../database/transaction-context';
import { PasswordHasher } from './password-hasher.service';
import { Role } from './role';
import { UsersRepository } from './users.repository';

export const DEV_ADMIN_EMAIL = 'admin@localhost.localdomain';

/**
 * Makes sure a fresh installation has an admin: ADMIN_EMAIL/ADMIN_PASSWORD when given; outside production a
 * generated password is printed once, so `npm start` on a new machine can be logged into.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const given = this.config.bootstrapAdmin;
    if (!given && this.config.nodeEnv === 'production') return;
    const email = (given?.email ?? DEV_ADMIN_EMAIL).toLowerCase();
    const password = given?.password ?? randomBytes(12).toString('base64url');
    const created = await this.tx.run(async () => {
      await this.users.lockBootstrap();
      if ((await this.users.countAdmins()) > 0) return false;
      const admin = await this.users.insert({
        email,
        displayName: 'Administrator',
        role: Role.Admin,
        passwordHash: await this.hasher.hash(password),
      });
      await this.audit.record({
        actorId: null,
        action: 'user.bootstrap_admin',
        entity: 'user',
        entityId: admin.id,
        after: { email, role: admin.role },
      });
      return true;
    });
    if (!created) return;
    if (given) {
      this.logger.warn(`Created the first admin ${email} with the password from ADMIN_PASSWORD`);
      return;
    }
    // Kept beside the embedded database too, so a missed log line does not lock the operator out.
    const file = join(this.config.dataDir, 'first-admin-password');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    this.logger.warn(
      `Created the first admin: email ${email}, password ${password} (also in ${file}); change it with POST /auth/password`,
    );
  }
}
