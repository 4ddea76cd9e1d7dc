import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, type TestApp } from '../app';

describe.each(DIALECTS)('accounts and sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t?.close());

  const ledgerActions = async () =>
    (await t.db.db.selectFrom('ledger').select(['action', 'subject_id']).orderBy('seq').execute()).map(
      (r) => r.action,
    );

  it('PLT-03 password login sets an HttpOnly, SameSite=Strict session cookie and returns permissions', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer1', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'zhifa_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'officer1', displayName: '王建国', roles: ['officer'] });
    expect([...(body.permissions as string[])].sort()).toEqual([
      'alert.read',
      'calendar.read',
      'case.act',
      'case.file',
      'case.read',
      'caseFile.read',
      'document.read',
      'document.write',
      'org.read',
      'outbox.read',
      'party.create',
      'party.disclose',
      'party.lookup',
      'party.read',
      'powerItem.read',
      'publication.prepare',
      'publication.publish',
      'publication.read',
      'record.create',
      'record.mark',
      'record.read',
      'recorder.read',
      'settings.read',
      'todo.read', // the 待办 home (issue 12)
    ]);
    expect(JSON.stringify(body)).not.toContain('password');
    // Only the hash of the session id is stored.
    const rows = await t.db.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.some((r) => r.id_hash === c.value)).toBe(false);
    expect((await ledgerActions()).at(-1)).toBe('auth.login-succeeded@1');
  });

  it('PLT-03 a wrong password gives a Chinese error; five failures lock the account for ten minutes, all ledgered', async () => {
    const bad = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'leader', password: 'wrong-password-1' },
      });
    for (let i = 0; i < 4; i++) {
      const r = await bad();
      expect(r.statusCode).toBe(401);
      expect(errorOf(r)).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    }
    const fifth = await bad();
    expect(errorOf(fifth).code).toBe('AUTH_LOCKED');
    expect(errorOf(fifth).message).toMatch(/锁定至 \d{4}年\d+月\d+日 \d{2}:\d{2}/);
    // Even the right password is refused while locked.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader', password: DEMO_PASSWORD },
    });
    expect(errorOf(right).code).toBe('AUTH_LOCKED');
    const actions = await ledgerActions();
    expect(actions.filter((a) => a === 'auth.login-failed@1').length).toBeGreaterThanOrEqual(6);
    expect(actions).toContain('auth.locked@1');
    t.clock.advance(10 * 60_000 + 1000);
    await login(t.app, 'leader');
  });

  it('PLT-03 unknown users get the same answer as wrong passwords', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'whatever-123' },
    });
    expect(r.statusCode).toBe(401);
    expect(errorOf(r).code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('PLT-03 sessions expire after 30 idle minutes', async () => {
    const s = await login(t.app, 'keeper');
    t.clock.advance(29 * 60_000);
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200);
    t.clock.advance(29 * 60_000); // active 29 minutes ago: still alive
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const r = await t.app.inject({ url: '/api/auth/me', headers: s.headers });
    expect(r.statusCode).toBe(401);
    expect(errorOf(r).code).toBe('AUTH_REQUIRED');
  });

  it('PLT-03 cookie-authenticated changes need the CSRF token', async () => {
    const s = await login(t.app, 'admin');
    const payload = { name: 'CSRF测试科' };
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: s.cookie },
      payload,
    });
    expect(none.statusCode).toBe(403);
    expect(errorOf(none).code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: s.cookie, 'x-csrf-token': 'x' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/units', headers: s.headers, payload });
    expect(ok.statusCode).toBe(201);
  });

  it('PLT-03 bearer tokens: shown once, stored hashed, revocable', async () => {
    const admin = await login(t.app, 'admin');
    const users = (await t.app.inject({ url: '/api/users', headers: admin.headers })).json().items as Array<{
      id: string;
      username: string;
    }>;
    const supervisor = users.find((u) => u.username === 'supervisor')!;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/users/${supervisor.id}/tokens`,
      headers: admin.headers,
      payload: { name: '监督平台对接' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^zf_/);
    const stored = await t.db.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    const listed = await t.app.inject({ url: `/api/users/${supervisor.id}/tokens`, headers: admin.headers });
    expect(JSON.stringify(listed.json())).not.toContain(token);

    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/ledger', headers: auth })).statusCode).toBe(200);
    // A bearer token needs no CSRF header, but the policy still applies.
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/units', headers: auth, payload: { name: '令牌科' } }))
        .statusCode,
    ).toBe(403);

    expect(
      (await t.app.inject({ method: 'POST', url: `/api/tokens/${id}/revoke`, headers: admin.headers }))
        .statusCode,
    ).toBe(204);
    const after = await t.app.inject({ url: '/api/ledger', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('AUTH_TOKEN_INVALID');
  });

  it('PLT-03 logout ends the session; a disabled user cannot log in', async () => {
    const s = await login(t.app, 'reviewer');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);

    const admin = await login(t.app, 'admin');
    const users = (await t.app.inject({ url: '/api/users', headers: admin.headers })).json().items as Array<{
      id: string;
      username: string;
    }>;
    const reviewer = users.find((u) => u.username === 'reviewer')!;
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${reviewer.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(r.json().disabled).toBe(true);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'reviewer', password: DEMO_PASSWORD },
    });
    expect(denied.statusCode).toBe(401);
  });

  it('PLT-03 an administrator cannot remove their own admin role', async () => {
    const admin = await login(t.app, 'admin');
    const me = (await t.app.inject({ url: '/api/auth/me', headers: admin.headers })).json().user;
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${me.id}`,
      headers: admin.headers,
      payload: { roles: ['officer'] },
    });
    expect(r.statusCode).toBe(409);
    expect(errorOf(r)).toMatchObject({ code: 'SELF_LOCKOUT', field: 'roles' });
  });

  it('PLT-05 a weak password is refused with the field named', async () => {
    const admin = await login(t.app, 'admin');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'newbie', displayName: '新人', password: 'short', roles: ['officer'] },
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 'PASSWORD_WEAK', field: 'password' });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'admin', displayName: '重复', password: 'long-enough-pass', roles: ['officer'] },
    });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup)).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
  });
});
