import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureLoginRole, roleOf, withLogin } from '../src/database/app-role';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code?: string; message: string }) => error,
  );

/**
 * The service connects as a role of its own (DATABASE_URL) that the schema owner (MIGRATIONS_DATABASE_URL, who ran
 * the migrations) granted only what it needs: the audit trail is append-only for it by privilege, not only by trigger.
 */
describe('least privilege (e2e)', () => {
  let app: Client;
  let owner: Client;

  beforeAll(async () => {
    app = new Client({ connectionString: process.env.DATABASE_URL });
    owner = new Client({ connectionString: process.env.MIGRATIONS_DATABASE_URL });
    await Promise.all([app.connect(), owner.connect()]);
  });
  afterAll(() => Promise.all([app.end(), owner.end()]));

  it('should run the service as a role that is neither the owner nor a superuser', async () => {
    const [me] = (await app.query(`SELECT current_user AS role, rolsuper FROM pg_roles WHERE rolname = current_user`))
      .rows;
    expect(me).toEqual({ role: roleOf(process.env.DATABASE_URL!), rolsuper: false });
    expect(me.role).not.toBe(roleOf(process.env.MIGRATIONS_DATABASE_URL!));
    const [{ owners }] = (
      await owner.query(`SELECT array_agg(DISTINCT tableowner) AS owners FROM pg_tables WHERE schemaname = 'public'`)
    ).rows;
    expect(owners).not.toContain(me.role);
  });

  it('should let the service read and append to audit_log, and refuse it UPDATE, DELETE and TRUNCATE by privilege', async () => {
    const inserted = await app.query(
      `INSERT INTO audit_log (action, entity) VALUES ('test.least_privilege', 'test') RETURNING id`,
    );
    const id = inserted.rows[0].id;
    expect((await app.query(`SELECT action FROM audit_log WHERE id = $1`, [id])).rows).toEqual([
      { action: 'test.least_privilege' },
    ]);
    for (const statement of [
      `UPDATE audit_log SET action = 'forged' WHERE id = ${id}`,
      `DELETE FROM audit_log WHERE id = ${id}`,
      `TRUNCATE audit_log`,
    ]) {
      expect(await failure(app.query(statement))).toMatchObject({
        code: '42501',
        message: expect.stringMatching(/permission denied for table audit_log/),
      });
    }
    // nor can it lift the trigger that stops even the owner, or make itself someone else
    expect(await failure(app.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`))).toMatchObject({
      code: '42501',
    });
    expect(await failure(app.query(`SET ROLE ${roleOf(process.env.MIGRATIONS_DATABASE_URL!)}`))).toMatchObject({
      code: '42501',
    });
    expect(await failure(owner.query(`DELETE FROM audit_log WHERE id = $1`, [id]))).toMatchObject({
      message: expect.stringMatching(/append-only/),
    });
    expect((await app.query(`SELECT count(*)::int AS n FROM audit_log WHERE id = $1`, [id])).rows).toEqual([{ n: 1 }]);
  });

  it('should keep the migrations history read-only to the service, and its other tables writable', async () => {
    expect(await failure(app.query(`DELETE FROM migrations`))).toMatchObject({ code: '42501' });
    expect(await failure(app.query(`INSERT INTO migrations (timestamp, name) VALUES (1, 'x')`))).toMatchObject({
      code: '42501',
    });
    expect(await failure(app.query(`CREATE TABLE intruder (id int)`))).toMatchObject({ code: '42501' });
    await app.query(`BEGIN`);
    await app.query(`DELETE FROM login_failures WHERE false`);
    await app.query(`UPDATE queues SET description = description WHERE false`);
    await app.query(`ROLLBACK`);
  });

  it('should create a login role once however many setups ask for it at the same moment, and update its password', async () => {
    const role = `factcheck_test_role_${randomBytes(4).toString('hex')}`;
    const server = process.env.MIGRATIONS_DATABASE_URL!;
    try {
      await Promise.all(Array.from({ length: 4 }, () => ensureLoginRole(server, role, 'first-password')));
      await ensureLoginRole(server, role, 'second-password');
      const [row] = (
        await owner.query(`SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`, [
          role,
        ])
      ).rows;
      expect(row).toEqual({ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false });
      const signedIn = new Client({ connectionString: withLogin(server, role, 'second-password') });
      await signedIn.connect();
      expect((await signedIn.query('SELECT current_user AS u')).rows).toEqual([{ u: role }]);
      await signedIn.end();
    } finally {
      await owner.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });
});
