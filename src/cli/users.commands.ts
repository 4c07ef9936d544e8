import { Command, Option } from 'commander';
import { validateOrReject } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { CreateUserDto } from '../users/dtos/create-user.dto';
import { ROLES } from '../users/role';
import { UsersModule } from '../users/users.module';
import { UsersService } from '../users/users.service';
import { withCliContext } from './cli-context';
import { readSecret } from './read-secret';

export function registerUserCommands(program: Command): void {
  program
    .command('users:create')
    .description('Create a user (the password is prompted for, or read from standard input)')
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
    .option('--name <displayName>', 'display name (defaults to the part of the email before @)')
    .action(async (opts: { email: string; role: string; name?: string }) => {
      const password = await readSecret('Password: ');
      const dto = plainToInstance(CreateUserDto, {
        email: opts.email,
        role: opts.role,
        displayName: opts.name ?? opts.email.split('@')[0],
        password,
      });
      await validateOrReject(dto).catch((errors: { property: string; constraints?: Record<string, string> }[]) => {
        throw new Error(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
      });
      const { user } = await withCliContext([UsersModule], (ctx) => ctx.get(UsersService).create(null, dto));
      console.log(`Created ${user.role} ${user.email} (${user.id})`);
    });
}
