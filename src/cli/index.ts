import fs from 'node:fs';
import path from 'node:path';
import { backup, restore } from '../services/backup-service';
import { ConfigError, loadConfig, type Config } from '../config';
import { DomainError } from '../domain/errors';
import { isIsoDate } from '../domain/dates';
import { MAX_PERIOD_DAYS } from '../domain/calendar';
import { loadTransparency, openBlobStore, openReady } from '../bootstrap';
import { makeCheckpoint } from '../services/transparency-service';
import { verifyLedger } from '../services/verify-service';
import { computeDeadline, importSchedule } from '../services/calendar-service';
import { CLI } from '../services/deps';
import { seedDemo } from '../services/seed-service';
import { createToken, findUserIdByName, revokeToken } from '../services/user-service';

const USAGE = `用法 usage: zhifa <命令 command>
  serve                               启动服务 start the server (workbench /app/, portal /, API /api/)
  migrate                             执行数据库迁移 run database migrations
  seed --demo                         创建演示数据 create the demo office (empty database only)
  workdays add <YYYY-MM-DD> <N>       N 个工作日后的日期 the date N working days later (start day not counted)
  calendar import <FILE.json>         导入年度节假日安排 import a year's schedule {"year","holidays","workdays"}
  token create --user <NAME> [--name <LABEL>]   创建 API 令牌（只显示一次） create an API token (shown once)
  token revoke <TOKEN-ID>             撤销 API 令牌 revoke an API token
  verify [--json] [--sample N] [--checkpoint FILE]…  核验留痕、Merkle 树、检查点、数据行与文件 verify ledger, tree, checkpoints, rows, blobs
                                      (exit 0 intact, 1 problems found, 2 cannot run)
  checkpoint                          立即签名一个检查点并输出 sign a checkpoint now and print it
  backup <DIR>                        在线备份（SQLite、文件、密钥、清单）online backup while the server runs
  restore <DIR> [--force]             校验并恢复备份，然后核验 check a backup, restore it, then verify
环境变量 environment: PORT, ZHIFA_DATA_DIR, DATABASE_URL (postgres://… 或 unset → SQLite)`;

class UsageError extends Error {}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function withDeps<T>(
  config: Config,
  fn: (deps: Awaited<ReturnType<typeof openReady>>['deps']) => Promise<T>,
): Promise<T> {
  const { database, deps } = await openReady(config);
  try {
    return await fn(deps);
  } finally {
    await database.destroy();
  }
}

/** Runs one command; returns the exit code (0 ok, 1 failure, 2 bad usage or input). */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  try {
    const [cmd, sub, ...rest] = argv;
    if (!cmd || cmd === 'help' || cmd === '--help') {
      out(USAGE);
      return cmd ? 0 : 2;
    }
    // Validate usage before touching the database, so bad input fails fast with exit 2.
    if (cmd === 'workdays') {
      const [date, n] = rest;
      if (sub !== 'add' || date === undefined || n === undefined)
        throw new UsageError('用法：zhifa workdays add <YYYY-MM-DD> <N>');
      if (!isIsoDate(date)) throw new UsageError(`日期无效：${date}（应为 YYYY-MM-DD 格式的真实日期）`);
      if (!/^\d+$/.test(n) || Number(n) > MAX_PERIOD_DAYS)
        throw new UsageError(`天数无效：${n}（应为 0 至 ${MAX_PERIOD_DAYS} 的整数）`);
      const config = loadConfig(env);
      const r = await withDeps(config, (deps) =>
        computeDeadline(deps, { date, days: Number(n), kind: 'working' }),
      );
      out(JSON.stringify({ date: r.date, confirmed: r.confirmed }));
      return 0;
    }
    const config = loadConfig(env);
    switch (cmd) {
      case 'serve':
        // Loaded only here: the other commands need no HTTP stack.
        await (await import('../main')).serve(config);
        return 0;
      case 'migrate':
        await withDeps(config, () => Promise.resolve());
        out('数据库已是最新 database is up to date');
        return 0;
      case 'seed': {
        if (sub !== '--demo') throw new UsageError('用法：zhifa seed --demo');
        const r = await withDeps(config, (deps) => seedDemo(deps));
        out(
          r.created
            ? '已创建演示数据 demo data created'
            : '数据库中已有执法主体，未创建演示数据 an agency exists; nothing seeded',
        );
        return 0;
      }
      case 'calendar': {
        const file = rest[0];
        if (sub !== 'import' || !file) throw new UsageError('用法：zhifa calendar import <FILE.json>');
        let input: unknown;
        try {
          input = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (e) {
          throw new UsageError(`无法读取 JSON 文件 ${file}：${(e as Error).message}`);
        }
        const i = input as { year?: unknown; holidays?: unknown; workdays?: unknown; note?: unknown };
        const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
        if (typeof i.year !== 'number' || !strings(i.holidays) || !strings(i.workdays))
          throw new UsageError(
            '文件格式应为 {"year": 2027, "holidays": ["2027-01-01", …], "workdays": [ … ]}',
          );
        const schedule = {
          year: i.year,
          holidays: i.holidays,
          workdays: i.workdays,
          note: typeof i.note === 'string' ? i.note : `imported from ${file}`,
        };
        await withDeps(config, (deps) => importSchedule(deps, CLI, schedule));
        out(
          `已导入 ${i.year} 年节假日安排 imported: ${schedule.holidays.length} holidays, ${schedule.workdays.length} adjusted working days`,
        );
        return 0;
      }
      case 'token': {
        if (sub === 'create') {
          const user = flag(rest, '--user');
          if (!user) throw new UsageError('用法：zhifa token create --user <NAME> [--name <LABEL>]');
          const name = flag(rest, '--name') ?? 'cli';
          const t = await withDeps(config, async (deps) =>
            createToken(deps, CLI, await findUserIdByName(deps, user), name),
          );
          out(t.token);
          err(`令牌 ${t.id} 已创建，只显示这一次，请妥善保存 (token ${t.id} created; it is shown only once)`);
          return 0;
        }
        if (sub === 'revoke' && rest[0]) {
          const id = rest[0];
          await withDeps(config, (deps) => revokeToken(deps, CLI, id));
          out(`已撤销 revoked ${id}`);
          return 0;
        }
        throw new UsageError('用法：zhifa token create --user <NAME> | zhifa token revoke <TOKEN-ID>');
      }
      case 'verify': {
        const args = [sub, ...rest].filter((a): a is string => a !== undefined);
        const json = args.includes('--json');
        const extra: string[] = [];
        let sample: number | undefined;
        for (let i = 0; i < args.length; i++) {
          if (args[i] === '--checkpoint') {
            const f = args[i + 1];
            if (!f || !fs.existsSync(f))
              throw new UsageError(`--checkpoint 需要一个存在的文件 (needs an existing file): ${f ?? ''}`);
            extra.push(f);
            i++;
          } else if (args[i] === '--sample') {
            const n = args[i + 1];
            if (!n || !/^\d+$/.test(n))
              throw new UsageError('--sample 需要一个正整数 (needs a whole number)');
            sample = Number(n);
            i++;
          } else if (args[i] !== '--json') throw new UsageError(`未知参数 unknown option: ${args[i]}`);
        }
        const t = loadTransparency(config);
        const blobs = await openBlobStore(config);
        const report = await withDeps(config, (deps) =>
          verifyLedger(deps, t, { extraCheckpoints: extra, blobs, ...(sample !== undefined && { sample }) }),
        );
        if (json) out(JSON.stringify({ intact: report.problems.length === 0, ...report }));
        else {
          for (const p of report.problems) out(`PROBLEM ${p.kind} at ${p.where}: ${p.detail}`);
          out(
            `zhifa verify: ${report.entries} 条留痕 entries, ${report.rows} 行 rows, ${report.blobs} 个文件 blobs (${(report.blobBytes / 1e6).toFixed(1)} MB), ${report.nodes} 个树节点 tree nodes, ${report.checkpoints} 个检查点 checkpoints — ` +
              (report.problems.length === 0
                ? '完好 intact'
                : `发现 ${report.problems.length} 个问题 problems found`),
          );
        }
        return report.problems.length === 0 ? 0 : 1;
      }
      case 'backup': {
        const dir = sub;
        if (!dir) throw new UsageError('用法：zhifa backup <DIR>');
        const blobs = await openBlobStore(config);
        const m = await backup(config, blobs, path.resolve(dir), new Date());
        out(
          `已备份 backed up: ${m.ledgerSize} 条留痕 ledger entries, ${m.records} 条记录 records, ${m.files.length} 个文件 files → ${path.resolve(dir)}`,
        );
        return 0;
      }
      case 'restore': {
        const dir = sub;
        if (!dir) throw new UsageError('用法：zhifa restore <DIR> [--force]');
        const blobs = await openBlobStore(config);
        const r = await restore(config, blobs, path.resolve(dir), {
          force: rest.includes('--force'),
          now: new Date(),
        });
        if (r.keptAside) out(`原数据库已改名保留 previous database kept as: ${r.keptAside}`);
        const t = loadTransparency(config);
        const report = await withDeps(config, (deps) => verifyLedger(deps, t, { blobs }));
        for (const p of report.problems) out(`PROBLEM ${p.kind} at ${p.where}: ${p.detail}`);
        out(
          `已恢复 restored ${r.manifest.ledgerSize} 条留痕, ${r.manifest.records} 条记录 — 核验 verify: ${report.problems.length === 0 ? '完好 intact' : `${report.problems.length} 个问题 problems`}`,
        );
        return report.problems.length === 0 ? 0 : 1;
      }
      case 'checkpoint': {
        const t = loadTransparency(config);
        const c = await withDeps(config, (deps) => makeCheckpoint(deps, t));
        process.stdout.write(c.note);
        return 0;
      }
      default:
        throw new UsageError(`未知命令 unknown command: ${cmd}\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    if (e instanceof DomainError) {
      err(`${e.message}${e.field ? `（${e.field}）` : ''} [${e.code}]`);
      return e.kind === 'invalid' || e.kind === 'notFound' ? 2 : 1;
    }
    err(`错误 error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
