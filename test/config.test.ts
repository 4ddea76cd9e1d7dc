import { describe, expect, it } from 'vitest';
import { loadConfig, wantsDemoData } from '../src/config';

describe('installation defaults', () => {
  const pg = { DATABASE_URL: 'postgres://zhifa@db.internal:5432/zhifa' };

  it('PLT-03 a fresh installation listens on the loopback address unless HOST says otherwise', () => {
    expect(loadConfig({}, '/srv/zhifa').host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, '/srv/zhifa').host).toBe('0.0.0.0');
  });

  it('PLT-03 demo data: by default only on the embedded SQLite database; on PostgreSQL only when asked for', () => {
    const wants = (env: Record<string, string>) => wantsDemoData(loadConfig(env, '/srv/zhifa'));
    expect(wants({})).toBe(true);
    expect(wants(pg)).toBe(false);
    expect(wants({ ...pg, ZHIFA_SEED_DEMO: 'always' })).toBe(true);
    expect(wants({ ZHIFA_SEED_DEMO: 'never' })).toBe(false);
    expect(wants({ ...pg, ZHIFA_SEED_DEMO: 'never' })).toBe(false);
    expect(() => loadConfig({ ZHIFA_SEED_DEMO: 'yes' }, '/srv/zhifa')).toThrow(/ZHIFA_SEED_DEMO/);
  });

  it('PLT-03 only the proxies ZHIFA_TRUST_PROXY names are believed; anything else in it is refused', () => {
    expect(loadConfig({}, '/srv/zhifa').trustProxy).toEqual([]);
    expect(
      loadConfig({ ZHIFA_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }, '/srv/zhifa').trustProxy,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
    for (const bad of ['true', 'localhost', '10.0.0.0/33', '10.0.0.1/8/1', '300.1.1.1', '::1/129'])
      expect(() => loadConfig({ ZHIFA_TRUST_PROXY: bad }, '/srv/zhifa')).toThrow(/ZHIFA_TRUST_PROXY/);
  });

  it('the upload folder is in the data folder unless ZHIFA_UPLOAD_DIR names one (shared by several nodes)', () => {
    expect(loadConfig({}, '/srv/zhifa').uploads.dir).toBe('/srv/zhifa/data/uploads');
    expect(loadConfig({ ZHIFA_UPLOAD_DIR: 'shared/uploads' }, '/srv/zhifa').uploads.dir).toBe(
      '/srv/zhifa/shared/uploads',
    );
  });
});
