import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/seed-service';
import { errorOf, login, makeTestApp, type TestApp } from '../app';

describe('security headers, rate limits and logs', () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (b: Buffer) => logLines.push(...b.toString().split('\n').filter(Boolean)));
    t = await makeTestApp('sqlite', {
      env: { LOG_LEVEL: 'info', ZHIFA_RATE_LIMIT_LOGIN: '8', ZHIFA_RATE_LIMIT_PUBLIC: '30' },
      logStream: stream,
    });
  });
  afterAll(() => t?.close());

  it('PLT-03 API, portal and workbench answers carry a strict CSP and hardening headers', async () => {
    const api = await t.app.inject({ url: '/api/agency' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const portal = await t.app.inject({ url: '/' });
    expect(portal.headers['content-security-policy']).toContain("default-src 'none'");
    expect(portal.headers['content-security-policy']).not.toContain('unsafe-inline');
    for (const r of [api, portal]) {
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const app = await t.app.inject({ url: '/app/officers' });
    const csp = String(app.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toContain('unsafe');
  });

  it('PLT-03 login attempts are rate limited per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ghost', password: 'guess-number-' + i },
        remoteAddress: '10.9.8.7',
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) expect(errorOf(r)).toMatchObject({ code: 'RATE_LIMITED' });
    }
    expect(codes.slice(0, 8).every((c) => c === 401)).toBe(true);
    expect(codes.slice(8)).toEqual([429, 429]);
    // Another client is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
      remoteAddress: '10.9.8.8',
    });
    expect(other.statusCode).toBe(200);
  });

  it('PUB-04 public pages are rate limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++)
      codes.push(
        (await t.app.inject({ url: '/verify/certificate/1234', remoteAddress: '10.1.1.1' })).statusCode,
      );
    expect(codes.filter((c) => c === 429).length).toBe(2);
  });

  it('PLT-03 logs are JSON with request ids and carry no passwords, tokens or session cookies', async () => {
    const s = await login(t.app, 'admin');
    await t.app.inject({ url: '/api/units', headers: s.headers });
    const created = await t.app.inject({
      method: 'POST',
      url:
        '/api/users/' +
        (await t.app.inject({ url: '/api/auth/me', headers: s.headers })).json().user.id +
        '/tokens',
      headers: s.headers,
      payload: { name: 'x' },
    });
    const token = created.json().token as string;
    await t.app.inject({ url: '/api/units', headers: { authorization: `Bearer ${token}` } });
    const all = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(5);
    for (const l of logLines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    expect(logLines.some((l) => JSON.parse(l).reqId)).toBe(true);
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain(token);
    expect(all).not.toContain(s.cookie.split('=')[1]!);
    expect(all).not.toContain(s.csrf);
  });
});
