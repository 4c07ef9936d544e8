import { createHmac } from 'node:crypto';
import { Role } from '../src/users/role';
import { bearer, TestApp } from './support/test-app';

/** An HS256 token signed with the service's own secret, as anyone holding it could sign one. */
function sign(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', process.env.JWT_SECRET!).update(unsigned).digest('base64url')}`;
}

describe('token expiry (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('should refuse a correctly signed token that has no exp, and accept the same claims with one', async () => {
    const user = await t.createUser(Role.Reviewer);
    const issued = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString());
    const { exp, ...forever } = issued;
    expect(exp).toEqual(expect.any(Number));

    const refused = await t.http
      .get('/auth/me')
      .set(bearer(sign(forever)))
      .expect(401);
    expect(refused.body.message).toMatch(/expiry/);
    // asked again: not remembered as verified either
    await t.http
      .get('/auth/me')
      .set(bearer(sign(forever)))
      .expect(401);
    await t.http
      .get('/auth/me')
      .set(bearer(sign({ ...forever, exp: Math.floor(Date.now() / 1000) + 60 })))
      .expect(200);
    await t.http
      .get('/auth/me')
      .set(bearer(sign({ ...forever, exp: Math.floor(Date.now() / 1000) - 1 })))
      .expect(401);
  });
});
