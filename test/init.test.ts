import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency, openReady } from '../src/bootstrap';
import type { Terminal } from '../src/cli/init';
import { loadConfig } from '../src/config';
import { buildApp } from '../src/http/app';
import { verifyLedger } from '../src/services/verify-service';
import { processEnv, zhifa, zhifaCommand } from './cli';
import { DIALECTS, freshDatabase, type TestDatabase } from './db';

const FLAGS = [
  '--agency-name',
  '上海市松江区国防动员办公室',
  '--short-name',
  '松国动',
  '--address',
  '上海市松江区中山中路1号',
  '--phone',
  '021-57810000',
  '--admin-user',
  'songadmin',
  '--admin-name',
  '张管理',
];
const PASSWORD = 'Initial-Pass-2026';

/** Runs the CLI in this process with exactly `env`; returns the exit code and what it printed. */
const cli = (args: string[], env: Record<string, string>, terminal: Terminal | null = null) =>
  zhifa(args, env, { terminal, inheritEnv: false });

describe.each(DIALECTS)('zhifa init on an empty %s database', (dialect) => {
  let dir: string;
  let env: Record<string, string>;
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-init-'));
    env = { ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'silent', ZHIFA_RATE_LIMIT_LOGIN: '1000' };
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

  const agencies = async () => {
    const { database } = await openReady(loadConfig(env));
    try {
      return await database.db.selectFrom('agencies').select('name').execute();
    } finally {
      await database.destroy();
    }
  };

  it('PLT-03 zhifa init refuses a password on the command line, a weak one, missing options and a bad user name (exit 2), writing nothing', async () => {
    const flag = await cli(['init', ...FLAGS, '--password', PASSWORD], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('不接受命令行中的密码');
    expect(flag.stderr + flag.stdout).not.toContain(PASSWORD);

    const weak = await cli(['init', ...FLAGS], { ...env, ZHIFA_INIT_PASSWORD: 'short' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('密码至少 10 个字符');

    const noPassword = await cli(['init', ...FLAGS], env);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/--password-file.*ZHIFA_INIT_PASSWORD/);

    const missing = await cli(['init', '--agency-name', '某局'], { ...env, ZHIFA_INIT_PASSWORD: PASSWORD });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--short-name --address --phone --admin-user');

    const badName = FLAGS.map((v) => (v === 'songadmin' ? 'song admin' : v));
    const bad = await cli(['init', ...badName], { ...env, ZHIFA_INIT_PASSWORD: PASSWORD });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('管理员用户名应为');
    expect(bad.stderr).toContain('--admin-user');

    expect(await agencies()).toEqual([]);
  });

  it('PLT-03 zhifa init creates a working installation without demo data: the administrator signs in, must change the password, then creates a unit', async () => {
    const r = await cli(['init', ...FLAGS], { ...env, ZHIFA_INIT_PASSWORD: PASSWORD });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('songadmin');
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);

    const config = loadConfig(env);
    const { database, deps } = await openReady(config);
    const app = await buildApp({ config, database });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'songadmin', password: PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const session = login.json<{
        csrfToken: string;
        user: { mustChangePassword: boolean; roles: string[] };
      }>();
      expect(session.user).toMatchObject({ mustChangePassword: true, roles: ['admin'] });
      const cookie = login.cookies.find((c) => c.name === 'zhifa_session')!;
      const headers = { cookie: `zhifa_session=${cookie.value}`, 'x-csrf-token': session.csrfToken };

      const unit = () =>
        app.inject({ method: 'POST', url: '/api/units', headers, payload: { name: '执法大队' } });
      const refused = await unit();
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const changed = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers,
        payload: { currentPassword: PASSWORD, newPassword: 'my-own-secret-77' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await unit()).statusCode).toBe(201);
      expect((await app.inject({ url: '/api/agency', headers })).json()).toMatchObject({
        name: '上海市松江区国防动员办公室',
        shortName: '松国动',
        address: '上海市松江区中山中路1号',
        phone: '021-57810000',
      });

      // Nothing of the demo office: one user, no officers, cases, parties, power items or recorders.
      const count = async (table: 'users' | 'officers' | 'cases' | 'parties' | 'power_items' | 'recorders') =>
        Number(
          (
            await database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count('users')).toBe(1);
      for (const table of ['officers', 'cases', 'parties', 'power_items', 'recorders'] as const)
        expect(await count(table), table).toBe(0);
      const ledger = await database.db
        .selectFrom('ledger')
        .select(['action', 'actor_id', 'data'])
        .orderBy('seq')
        .execute();
      expect(ledger.filter((e) => e.actor_id === 'cli').map((e) => e.action)).toEqual([
        'agency.created@1',
        'user.created@1',
      ]);
      expect(JSON.stringify(ledger)).not.toContain(PASSWORD);
      expect(ledger.map((e) => e.action)).toContain('user.password-changed@1');
      const report = await verifyLedger(deps, loadTransparency(config));
      expect(report.problems).toEqual([]);
    } finally {
      await app.close();
      await database.destroy();
    }
  });

  it('PLT-03 zhifa init refuses a database that already has an agency: exit 2, in Chinese and English, nothing changed', async () => {
    const again = await cli(['init', ...FLAGS.map((v) => (v === 'songadmin' ? 'other' : v))], {
      ...env,
      ZHIFA_INIT_PASSWORD: PASSWORD,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已有执法主体');
    expect(again.stderr).toContain('an agency already exists');
    expect(await agencies()).toHaveLength(1);
  });
});

describe('zhifa serve on an empty PostgreSQL database', () => {
  it('PLT-03 by default creates no demo office and says to run zhifa init', async () => {
    const db = await freshDatabase('postgres');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-serve-'));
    try {
      const env = processEnv({
        ZHIFA_DATA_DIR: dir,
        DATABASE_URL: db.url,
        ZHIFA_PG_SCHEMA: db.pgSchema!,
        PORT: '0',
        LOG_LEVEL: 'silent',
        ZHIFA_SEED_DEMO: '',
      });
      const [node, program] = zhifaCommand();
      const server = spawn(node, [program, 'serve'], { env });
      let output = '';
      server.stdout.on('data', (b: Buffer) => {
        output += b.toString();
        if (output.includes('zhifa init')) server.kill('SIGTERM');
      });
      await new Promise((resolve) => server.on('exit', resolve));
      expect(output).toContain('zhifa 已启动');
      expect(output).toContain('请运行 zhifa init');
      expect(output).not.toContain('演示账户');
      const rows = await db.db.selectFrom('agencies').select('name').execute();
      expect(rows).toEqual([]);
      expect(await db.db.selectFrom('users').select('username').execute()).toEqual([]);
    } finally {
      await db.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('zhifa init at a terminal', () => {
  it('PLT-03 asks for what the options leave out and for the password twice, without echo, until both entries agree', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-init-tty-'));
    try {
      const asked: string[] = [];
      const answers = new Map([
        ['管理员用户名', 'wangadmin'],
        ['管理员姓名', ''],
      ]);
      const secrets = ['Secret-One-2026', 'Secret-Two-2026', 'Secret-Two-2026', 'Secret-Two-2026'];
      const terminal: Terminal = {
        ask: (prompt, dflt) => {
          asked.push(`ask ${prompt.split(' ')[0]!}${dflt ? ` [${dflt}]` : ''}`);
          const a = [...answers].find(([k]) => prompt.startsWith(k))![1];
          return Promise.resolve(a === '' && dflt ? dflt : a);
        },
        askSecret: (prompt) => {
          asked.push(`secret ${prompt.split(/[（ ]/)[0]!}`);
          return Promise.resolve(secrets.shift()!);
        },
        close: () => undefined,
      };
      const r = await cli(
        ['init', ...FLAGS.slice(0, 8)],
        { ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'silent' },
        terminal,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(asked).toEqual([
        'ask 管理员用户名',
        'ask 管理员姓名 [系统管理员]',
        'secret 管理员密码',
        'secret 再次输入密码',
        'secret 管理员密码',
        'secret 再次输入密码',
      ]);
      expect(r.stderr).toContain('两次输入的密码不一致');
      expect(r.stdout + r.stderr).not.toMatch(/Secret-/);
      expect(r.stdout).toContain('wangadmin');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PLT-03 the zhifa process at a real terminal does not echo the password, and exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-init-pty-'));
    try {
      const q = (s: string) => `'${s}'`;
      const command = [...zhifaCommand(), 'init', ...FLAGS].map(q).join(' ');
      const env = processEnv({ ZHIFA_DATA_DIR: dir, LOG_LEVEL: 'silent' });
      delete env.ZHIFA_INIT_PASSWORD;
      // `script` gives the command a pseudo-terminal whose driver would echo what is typed.
      const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env });
      let output = '';
      let typed = 0;
      child.stdout.on('data', (b: Buffer) => {
        output += b.toString();
        const prompts = (output.match(/管理员密码|再次输入密码/g) ?? []).length;
        // Type only once the prompt is there: the program has switched echo off by then.
        while (typed < prompts) {
          child.stdin.write(`${PASSWORD}\r`);
          typed++;
        }
        if (output.includes('已创建执法主体')) child.stdin.end();
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, output).toBe(0);
      expect(typed).toBe(2);
      expect(output).toContain('songadmin');
      expect(output).not.toContain(PASSWORD);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
