import { Client, defaults, escapeIdentifier, escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';

/** The role a connection URL signs in as (pg's default user when the URL names none). */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || String(defaults.user);
}

/** `url` signing in as `user` with `password`. */
export function withLogin(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Creates a login role with this password, or sets the password of the existing one. Roles are cluster-wide, so
 * several setups may create or update the same role at the same moment.
 */
export async function ensureLoginRole(superuserUrl: string, role: string, password: string): Promise<void> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const login = `${escapeIdentifier(role)} LOGIN PASSWORD ${escapeLiteral(password)}`;
    const created = await client.query(`CREATE ROLE ${login}`).then(
      () => true,
      (error: { code?: string }) => {
        // 42710 duplicate_object; 23505 when a concurrent CREATE ROLE committed first
        if (error.code !== '42710' && error.code !== '23505') throw error;
        return false;
      },
    );
    if (!created) await retryConcurrentUpdate(() => client.query(`ALTER ROLE ${login}`));
  } finally {
    await client.end();
  }
}

/** A catalog row changed by two sessions at once fails one of them with "tuple concurrently updated": it tries again. */
async function retryConcurrentUpdate(work: () => Promise<unknown>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      if (attempt >= attempts || !/tuple concurrently updated/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

/**
 * What the service's own role may do, granted by the schema owner after every migration run (so tables added later
 * are covered): read and write every table, except `audit_log` (read and append only) and `migrations` (read only).
 * Owning nothing, it can neither alter a table nor disable the append-only trigger. Grants nothing when the service
 * connects as the owner itself; `warn` says so, or that the role could bypass them anyway.
 */
export async function grantAppPrivileges(
  owner: DataSource,
  appRole: string,
  warn: (message: string) => void,
): Promise<void> {
  const [{ ownerRole, privileged }] = await owner.query<{ ownerRole: string; privileged: boolean | null }[]>(
    `SELECT current_user AS "ownerRole", (SELECT rolsuper OR pg_has_role(rolname, current_user, 'MEMBER') FROM pg_roles WHERE rolname = $1) AS privileged`,
    [appRole],
  );
  if (ownerRole === appRole) {
    warn(
      `The service connects as the schema owner ${appRole}: only the append-only trigger protects audit_log (give DATABASE_URL a role of its own and MIGRATIONS_DATABASE_URL the owner)`,
    );
    return;
  }
  const role = escapeIdentifier(appRole);
  await owner.transaction(async (m) => {
    // GRANTs on the same objects from two instances booting at once can fail with "tuple concurrently updated".
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('factcheck:grant-app-privileges'))`);
    await m.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await m.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await m.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await m.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${role}`);
    await m.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${role}`);
  });
  if (privileged)
    warn(
      `The service's role ${appRole} is a superuser or a member of the schema owner ${ownerRole}: its grants do not bind it`,
    );
}
