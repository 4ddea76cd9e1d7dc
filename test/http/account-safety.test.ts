import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency } from '../../src/bootstrap';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { verifyLedger } from '../../src/services/verify-service';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, testConfig, type Session, type TestApp } from '../app';

const ATTACKER = '203.0.113.7';
const OFFICE = '198.51.100.20';

describe.each(DIALECTS)('lock-out per address and first-login password change on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const attempt = (username: string, password: string, from: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: from,
      payload: { username, password },
    });
  const answer = (r: Awaited<ReturnType<typeof attempt>>) => ({ status: r.statusCode, ...errorOf(r) });
  const userNamed = async (username: string) => {
    const res = await t.app.inject({ url: '/api/users', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    return res
      .json<{
        items: Array<{
          id: string;
          username: string;
          lockedUntil: string | null;
          mustChangePassword: boolean;
          lockouts: Array<{ source: string; until: string }>;
        }>;
      }>()
      .items.find((u) => u.username === username)!;
  };
  const actions = async () =>
    await t.db.db
      .selectFrom('ledger')
      .select(['action', 'subject_type', 'subject_id'])
      .orderBy('seq')
      .execute();

  it('PLT-03 five failures from one address lock the account for that address only; the real user elsewhere still logs in', async () => {
    for (let i = 0; i < 4; i++)
      expect(errorOf(await attempt('officer1', 'guess-number-' + i, ATTACKER)).code).toBe(
        'AUTH_INVALID_CREDENTIALS',
      );
    const fifth = await attempt('officer1', 'guess-number-5', ATTACKER);
    expect(fifth.statusCode).toBe(401);
    expect(errorOf(fifth).code).toBe('AUTH_LOCKED');
    // The lock holds for that address, even with the right password, for at least ten minutes.
    expect(errorOf(await attempt('officer1', DEMO_PASSWORD, ATTACKER)).code).toBe('AUTH_LOCKED');
    t.clock.advance(9 * 60_000);
    expect(errorOf(await attempt('officer1', DEMO_PASSWORD, ATTACKER)).code).toBe('AUTH_LOCKED');
    // The officer at the office logs in, and other accounts from the attacker's address are not locked.
    expect((await attempt('officer1', DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
    expect((await attempt('keeper', DEMO_PASSWORD, ATTACKER)).statusCode).toBe(200);
    const a = await actions();
    expect(a.filter((e) => e.action === 'auth.locked@1')).toHaveLength(1);
    t.clock.advance(60_000 + 1000);
    expect((await attempt('officer1', DEMO_PASSWORD, ATTACKER)).statusCode).toBe(200);
  });

  it('PLT-03 each address keeps its own count: a success from one address does not clear another', async () => {
    for (let i = 0; i < 4; i++) {
      await attempt('reviewer', 'wrong-password-a', ATTACKER);
      await attempt('reviewer', 'wrong-password-b', OFFICE);
    }
    expect((await attempt('reviewer', DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
    expect(errorOf(await attempt('reviewer', 'wrong-password-a', ATTACKER)).code).toBe('AUTH_LOCKED');
    // The office's count started afresh with its success: four more failures do not lock it.
    for (let i = 0; i < 4; i++)
      expect(errorOf(await attempt('reviewer', 'wrong-password-b', OFFICE)).code).toBe(
        'AUTH_INVALID_CREDENTIALS',
      );
    expect((await attempt('reviewer', DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
  });

  it('PLT-03 an unknown name is answered exactly like a known one, lock-out after five failures included', async () => {
    const from = '192.0.2.44';
    for (let i = 1; i <= 6; i++) {
      const known = answer(await attempt('supervisor', `not-the-password-${i}`, from));
      const unknown = answer(await attempt('no-such-person', `not-the-password-${i}`, from));
      expect(unknown, `attempt ${i}`).toEqual(known);
      expect(known.code).toBe(i < 5 ? 'AUTH_INVALID_CREDENTIALS' : 'AUTH_LOCKED');
    }
    // Both are ledgered as today: the failures, and the lock of the unknown name too.
    const locks = (await actions()).filter((e) => e.action === 'auth.locked@1');
    expect(locks.map((e) => e.subject_type)).toContain('username');
    expect(errorOf(await attempt('no-such-person', 'anything-at-all', OFFICE)).code).toBe(
      'AUTH_INVALID_CREDENTIALS',
    );
  });

  it('PLT-08 failure counts are kept under a keyed hash: neither the address nor the name is stored, only the masked network', async () => {
    const rows = await t.db.db.selectFrom('login_failures').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    for (const secret of [ATTACKER, OFFICE, '192.0.2.44', 'no-such-person', 'supervisor'])
      expect(stored).not.toContain(secret);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['192.0.2.*', '198.51.100.*', '203.0.113.*']));
    for (const r of rows) expect(r.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('PLT-03 administrators see each lock-out (masked address, until when); unlocking lifts them all', async () => {
    const supervisor = await userNamed('supervisor');
    expect(supervisor.lockouts).toEqual([{ source: '192.0.2.*', until: expect.any(String) as string }]);
    expect(supervisor.lockedUntil).toBe(supervisor.lockouts[0]!.until);
    expect(Date.parse(supervisor.lockedUntil!) - t.clock.now().getTime()).toBeGreaterThan(9 * 60_000);
    const unlocked = await t.app.inject({
      method: 'POST',
      url: `/api/users/${supervisor.id}/unlock`,
      headers: admin.headers,
    });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ lockedUntil: null, lockouts: [] });
    expect((await attempt('supervisor', DEMO_PASSWORD, '192.0.2.44')).statusCode).toBe(200);
    expect((await actions()).at(-2)).toMatchObject({ action: 'user.unlocked@1', subject_id: supervisor.id });
  });

  it('PLT-08 a count below the limit is forgotten after 24 quiet hours, and its row removed', async () => {
    const from = '192.0.2.99';
    for (let i = 0; i < 4; i++) await attempt('leader', 'wrong-password-z', from);
    t.clock.advance(24 * 3_600_000);
    // A fresh count: the fifth failure overall is only the first of the new count.
    expect(errorOf(await attempt('leader', 'wrong-password-z', from)).code).toBe('AUTH_INVALID_CREDENTIALS');
    const rows = await t.db.db.selectFrom('login_failures').select(['source', 'failed_count']).execute();
    expect(rows).toEqual([{ source: '192.0.2.*', failed_count: 1 }]);
    admin = await login(t.app, 'admin'); // the earlier session has long been idle
  });

  it('PLT-03 after an administrator resets a password the user must change it before anything else', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'newcomer',
        displayName: '新同事',
        password: 'first-password-1',
        roles: ['officer'],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ mustChangePassword: false, lockouts: [] });
    const id = created.json<{ id: string }>().id;
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${id}/password`,
      headers: admin.headers,
      payload: { password: 'chosen-by-admin-2' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await userNamed('newcomer')).mustChangePassword).toBe(true);

    const res = await attempt('newcomer', 'chosen-by-admin-2', OFFICE);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
    const s = await login(t.app, 'newcomer', 'chosen-by-admin-2');
    const other = await login(t.app, 'newcomer', 'chosen-by-admin-2');
    for (const [method, url] of [
      ['GET', '/api/cases'],
      ['GET', '/api/meta/roles'],
      ['POST', '/api/parties'],
    ] as const) {
      const r = await t.app.inject({
        method,
        url,
        headers: s.headers,
        ...(method === 'POST' && { payload: {} }),
      });
      expect(r.statusCode, url).toBe(403);
      expect(errorOf(r), url).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      expect(errorOf(r).message).toMatch(/修改.*密码/);
    }
    // An API token is a credential of its own, not the password: integrations go on working.
    const token = await t.app.inject({
      method: 'POST',
      url: `/api/users/${id}/tokens`,
      headers: admin.headers,
      payload: { name: '对接' },
    });
    const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    expect((await t.app.inject({ url: '/api/cases', headers: bearer })).statusCode).toBe(200);
    const me = await t.app.inject({ url: '/api/auth/me', headers: s.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'newcomer', mustChangePassword: true } });

    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: s.headers,
        payload: { currentPassword, newPassword },
      });
    expect(errorOf(await change('not-my-password', 'my-own-password-3'))).toMatchObject({
      code: 'PASSWORD_CURRENT_WRONG',
      field: 'currentPassword',
    });
    expect(errorOf(await change('chosen-by-admin-2', 'chosen-by-admin-2'))).toMatchObject({
      code: 'PASSWORD_UNCHANGED',
      field: 'newPassword',
    });
    expect(errorOf(await change('chosen-by-admin-2', 'short'))).toMatchObject({
      code: 'PASSWORD_WEAK',
      field: 'newPassword',
    });
    expect((await change('chosen-by-admin-2', 'my-own-password-3')).statusCode).toBe(204);

    // This session goes on without the restriction; the user's other sessions have ended.
    expect((await t.app.inject({ url: '/api/cases', headers: s.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: other.headers })).statusCode).toBe(401);
    expect((await userNamed('newcomer')).mustChangePassword).toBe(false);
    expect((await actions()).at(-1)).toMatchObject({ action: 'user.password-changed@1', subject_id: id });
    expect((await attempt('newcomer', 'chosen-by-admin-2', OFFICE)).statusCode).toBe(401);
    expect((await attempt('newcomer', 'my-own-password-3', OFFICE)).statusCode).toBe(200);
  });

  it('PLT-03 an administrator resetting their own password is not asked to change it again', async () => {
    const me = (await t.app.inject({ url: '/api/auth/me', headers: admin.headers })).json<{
      user: { id: string };
    }>().user;
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/users/${me.id}/password`,
      headers: admin.headers,
      payload: { password: DEMO_PASSWORD },
    });
    expect(r.statusCode).toBe(204);
    admin = await login(t.app, 'admin');
    expect((await t.app.inject({ url: '/api/units', headers: admin.headers })).statusCode).toBe(200);
  });

  it('PLT-04 after all of this the ledger and every user row still verify', async () => {
    const config = testConfig();
    try {
      const report = await verifyLedger(t.deps, loadTransparency(config));
      expect(report.problems).toEqual([]);
    } finally {
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS)('clients behind a trusted proxy on %s', (dialect) => {
  const PROXY = '10.0.0.5';
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { env: { ZHIFA_TRUST_PROXY: '10.0.0.0/24' } });
  });
  afterAll(() => t?.close());

  const attempt = (password: string, client: string, via = PROXY) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: via,
      headers: { 'x-forwarded-for': client },
      payload: { username: 'officer1', password },
    });

  it('PLT-03 behind a trusted proxy each client keeps its own lock-out; a forwarded address from anyone else is not believed', async () => {
    for (let i = 0; i < 5; i++) await attempt('guess-number-' + i, ATTACKER);
    expect(errorOf(await attempt(DEMO_PASSWORD, ATTACKER)).code).toBe('AUTH_LOCKED');
    // The officer behind the same proxy is another client: not locked out.
    expect((await attempt(DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
    // A client that is not the proxy cannot pick its address by sending the header itself: its
    // failures count against its own address, not against the office's.
    const direct = '203.0.113.50';
    for (let i = 0; i < 5; i++) await attempt('guess-again-' + i, OFFICE, direct);
    expect(errorOf(await attempt(DEMO_PASSWORD, '192.0.2.99', direct)).code).toBe('AUTH_LOCKED');
    expect((await attempt(DEMO_PASSWORD, OFFICE)).statusCode).toBe(200);
  });
});
