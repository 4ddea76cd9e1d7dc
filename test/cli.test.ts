import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhifa } from './cli';
import { sql } from 'kysely';
import { openDatabase } from '../src/storage/database';
import { DIALECTS, freshDatabase, type TestDatabase } from './db';

describe.each(DIALECTS)('the zhifa command on %s', (dialect) => {
  let dir: string;
  let env: Record<string, string>;
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-cli-'));
    env = { ZHIFA_DATA_DIR: dir, TZ: 'America/New_York' };
    if (dialect === 'postgres') {
      db = await freshDatabase('postgres');
      env.DATABASE_URL = db.url;
      env.ZHIFA_PG_SCHEMA = db.pgSchema!;
    }
  });
  afterAll(async () => {
    await db?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('PLT-02 workdays add prints the due date as one line of JSON (2026-09-18 + 7 → 2026-09-29)', async () => {
    const r = await zhifa(['workdays', 'add', '2026-09-18', '7'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"date":"2026-09-29","confirmed":true}\n');
  });

  it('PLT-01 a 2027 date is unconfirmed until calendar import, then confirmed', async () => {
    const before = await zhifa(['workdays', 'add', '2027-03-01', '5'], env);
    expect(JSON.parse(before.stdout)).toEqual({ date: '2027-03-08', confirmed: false });
    const file = path.join(dir, '2027.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-03-03'], workdays: ['2027-03-06'] }),
    );
    const imp = await zhifa(['calendar', 'import', file], env);
    expect(imp.code, imp.stderr).toBe(0);
    const after = await zhifa(['workdays', 'add', '2027-03-01', '5'], env);
    // 3-2, (3-3 holiday), 3-4, 3-5, 3-6 adjusted Saturday, 3-8.
    expect(JSON.parse(after.stdout)).toEqual({ date: '2027-03-08', confirmed: true });
    const short = await zhifa(['workdays', 'add', '2027-03-01', '4'], env);
    expect(JSON.parse(short.stdout)).toEqual({ date: '2027-03-06', confirmed: true });
  });

  it.each([
    [['workdays', 'add', '2026-02-30', '7'], /日期无效/],
    [['workdays', 'add', '2026-09-18', '-1'], /天数无效/],
    [['workdays', 'add', '2026-09-18', 'seven'], /天数无效/],
    [['workdays', 'add', '2026-09-18'], /用法/],
    [['frobnicate'], /未知命令/],
  ])('PLT-05 zhifa %j exits 2 with a clear message', async (args, message) => {
    const r = await zhifa(args, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('PLT-05 a bad calendar file exits 2 naming the bad date', async () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ year: 2028, holidays: ['2028-02-30'], workdays: [] }));
    const r = await zhifa(['calendar', 'import', file], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holidays[0]');
  });

  it('PLT-03 token create prints the token once; only its hash is stored', async () => {
    expect((await zhifa(['seed', '--demo'], env)).code).toBe(0);
    const r = await zhifa(['token', 'create', '--user', 'supervisor', '--name', '监督平台'], env);
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^zf_[A-Za-z0-9_-]{43}$/);
    const unknown = await zhifa(['token', 'create', '--user', 'nobody'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nobody');
  });

  it('PLT-04 zhifa verify exits 0 when intact, 1 naming a tampered entry, 2 on bad usage', async () => {
    const ok = await zhifa(['verify', '--json'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ intact: true, problems: [] });
    expect((await zhifa(['verify', '--bogus'], env)).code).toBe(2);
    // Tamper with an entry behind the application's back.
    const handle =
      dialect === 'postgres'
        ? db!.db
        : (await openDatabase({ kind: 'sqlite', file: path.join(dir, 'zhifa.sqlite') })).db;
    if (dialect === 'sqlite') await sql`drop trigger ledger_no_update`.execute(handle);
    else await sql`drop trigger ledger_append_only on ledger`.execute(handle);
    await handle.updateTable('ledger').set({ actor_id: 'someone-else' }).where('seq', '=', 3).execute();
    if (dialect === 'sqlite') await handle.destroy();
    const bad = await zhifa(['verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^PROBLEM ledger.entryAltered at ledger seq 3 /m);
  });

  it('PLT-05 an invalid environment is reported with the variable names, exit 2', async () => {
    const r = await zhifa(['migrate'], { ...env, PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL');
  });
});
