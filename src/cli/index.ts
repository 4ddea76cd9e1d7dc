import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { verifyPackageFile } from '../services/archive-zip';
import { exportPackageAs } from '../services/case-file-service';
import { runDisposals } from '../services/retention-service';
import {
  ed25519Verifier,
  parseVerifierKey,
  rawEd25519Public,
  type NoteVerifier,
} from '../domain/signed-note';
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
import { initCommand, processTerminal, type Terminal } from './init';

const USAGE = `用法 usage: zhifa <命令 command>
  serve                               启动服务 start the server (workbench /app/, portal /, API /api/)
  migrate                             执行数据库迁移 run database migrations
  init [--agency-name … --short-name … --address … --phone … --admin-user … --admin-name … --password-file FILE]
                                      在空数据库中创建执法主体和首个管理员（密码不回显、不接受命令行参数）
                                      create the agency and first administrator on an empty database
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
  archive export (--case-file <ID> | --archive-number <N>) --user <NAME> --purpose <用途> [--redacted] --out <FILE.zip>
                                      导出案卷归档包（以该用户身份，留痕）export a case file's archive package
  retention run                       执行撤销期已满的已批准处置 carry out approved disposals past their undo window
  archive verify <PACKAGE.zip> [--key <VKEY|FILE>] [--json]  离线核验案卷归档包（无需数据库）verify an archive package offline
                                      (exit 0 intact, 1 problems found, 2 bad usage)
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

const ARCHIVE_USAGE = '用法：zhifa archive verify <PACKAGE.zip> [--key <VKEY|FILE>] [--json]';

/**
 * The key to check a package's checkpoint with: `--key` (a verifier key, or a file holding one),
 * else this installation's own checkpoint key if it has one — never created here, as a verifier
 * must not mint keys — else null (the package's own key, with a warning).
 */
function archiveKey(
  keyArg: string | undefined,
  env: Record<string, string | undefined>,
): NoteVerifier | null {
  if (keyArg !== undefined) {
    let v = parseVerifierKey(keyArg.trim());
    if (v === null && fs.existsSync(keyArg) && fs.statSync(keyArg).isFile()) {
      const line = fs
        .readFileSync(keyArg, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l !== '');
      v = line === undefined ? null : parseVerifierKey(line);
    }
    if (v === null)
      throw new UsageError(
        `--key 应为验证密钥（名称+编号+公钥）或含验证密钥的文件 must be a verifier key or a file holding one: ${keyArg}`,
      );
    return v;
  }
  const config = loadConfig(env);
  const file = config.transparency.keyFile;
  if (!fs.existsSync(file)) return null;
  const key = createPrivateKey(fs.readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 private key`);
  return ed25519Verifier(config.transparency.origin, rawEd25519Public(createPublicKey(key)));
}

async function archiveVerify(
  args: string[],
  env: Record<string, string | undefined>,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  let json = false;
  let keyArg: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--key') {
      keyArg = args[++i];
      if (keyArg === undefined) throw new UsageError(`--key 需要一个值 (needs a value)\n${ARCHIVE_USAGE}`);
    } else if (a.startsWith('--')) throw new UsageError(`未知参数 unknown option: ${a}\n${ARCHIVE_USAGE}`);
    else files.push(a);
  }
  const [zipPath] = files;
  if (zipPath === undefined || files.length > 1) throw new UsageError(ARCHIVE_USAGE);
  if (!fs.existsSync(zipPath) || !fs.statSync(zipPath).isFile())
    throw new UsageError(`找不到归档包 package not found: ${zipPath}`);
  const verifier = archiveKey(keyArg, env);
  const r = await verifyPackageFile(zipPath, verifier);
  const entries = r.manifest?.ledger.entries.length ?? 0;
  const intact = r.problems.length === 0;
  for (const w of r.warnings) err(`警告 warning: ${w}`);
  if (json) {
    out(
      JSON.stringify({
        intact,
        problems: r.problems,
        warnings: r.warnings,
        files: r.files,
        bytes: r.bytes,
        entries,
      }),
    );
  } else {
    for (const p of r.problems) out(`PROBLEM ${p.kind} at ${p.where}: ${p.detail}`);
    out(
      `zhifa archive verify: ${r.files} 个文件 files, ${(r.bytes / 1e6).toFixed(1)} MB, ${entries} 条留痕 entries — ` +
        (intact ? '完好 intact' : `发现 ${r.problems.length} 个问题 problems found`),
    );
  }
  return intact ? 0 : 1;
}

const EXPORT_USAGE =
  '用法：zhifa archive export (--case-file <ID> | --archive-number <2026-0001>) --user <NAME> --purpose <用途> [--redacted] --out <FILE.zip>';

/** Exports a case file's archive package as a named user (logged as their export), to a file. */
async function archiveExport(
  args: string[],
  env: Record<string, string | undefined>,
  out: (s: string) => void,
): Promise<number> {
  const caseFileId = flag(args, '--case-file');
  const archiveNumber = flag(args, '--archive-number');
  const user = flag(args, '--user');
  const purpose = flag(args, '--purpose');
  const file = flag(args, '--out');
  if ((caseFileId === undefined) === (archiveNumber === undefined) || !user || !purpose || !file)
    throw new UsageError(EXPORT_USAGE);
  if (fs.existsSync(file)) throw new UsageError(`文件已存在，不覆盖 will not overwrite: ${file}`);
  const config = loadConfig(env);
  const t = loadTransparency(config);
  const blobs = await openBlobStore(config);
  const tmp = `${file}.${process.pid}.part`;
  const sink = fs.createWriteStream(tmp);
  try {
    const r = await withDeps(config, (deps) =>
      exportPackageAs(
        {
          ...deps,
          blobs,
          uploads: config.uploads,
          retrievalPurposeRequired: config.retrievalPurposeRequired,
        },
        t,
        user,
        { ...(caseFileId && { caseFileId }), ...(archiveNumber && { archiveNumber }) },
        { purpose, redacted: args.includes('--redacted') },
        sink,
      ),
    );
    // Only a complete package takes the name asked for.
    fs.renameSync(tmp, file);
    out(`已导出 exported ${r.fileName}: ${r.files} 个文件 files, ${(r.bytes / 1e6).toFixed(1)} MB → ${file}`);
    return 0;
  } finally {
    // A refused export never used the stream: close it before removing the part file, or its late
    // open would create the file again (or fail, with nobody listening, once the folder is gone).
    if (!sink.closed) {
      const closed = new Promise<void>((resolve) => sink.once('close', () => resolve()));
      sink.on('error', () => undefined);
      sink.destroy();
      await closed;
    }
    fs.rmSync(tmp, { force: true });
  }
}

/** Where a command writes its output and its messages. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs one command; returns the exit code (0 ok, 1 failure, 2 bad usage or input). `terminal`
 * answers `zhifa init`'s questions (default: standard input when it is a terminal); `output`
 * receives what the command prints (default: this process's stdout and stderr), so a caller can
 * run a command in-process and read what it said.
 */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  opts: { terminal?: () => Terminal | null; output?: CliOutput } = {},
): Promise<number> {
  const output = opts.output ?? PROCESS_OUTPUT;
  const out = (s: string) => output.stdout(s + '\n');
  const err = (s: string) => output.stderr(s + '\n');
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
    // Archive packages are checked offline: no database, and configuration only for a local key.
    if (cmd === 'archive') {
      switch (sub) {
        case 'verify':
          return await archiveVerify(rest, env, out, err);
        case 'export':
          return await archiveExport(rest, env, out);
        case undefined:
        default:
          throw new UsageError(ARCHIVE_USAGE);
      }
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
      case 'init':
        return await initCommand(
          [sub, ...rest].filter((a): a is string => a !== undefined),
          env,
          (fn) => withDeps(config, fn),
          { out, err, terminal: (opts.terminal ?? processTerminal)() },
        );
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
            `zhifa verify: ${report.entries} 条留痕 entries, ${report.rows} 行 rows, ${report.blobs} 个文件 blobs (${(report.blobBytes / 1e6).toFixed(1)} MB), ${report.disposed} 个已处置 disposed, ${report.nodes} 个树节点 tree nodes, ${report.checkpoints} 个检查点 checkpoints — ` +
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
      case 'retention': {
        if (sub !== 'run') throw new UsageError('用法：zhifa retention run');
        const blobs = await openBlobStore(config);
        const r = await withDeps(config, (deps) => runDisposals({ ...deps, blobs }));
        out(
          `已处置 disposed ${r.disposed.length} 条记录 records` +
            (r.held.length > 0 ? `；${r.held.length} 条因法律冻结暂缓 held` : ''),
        );
        return 0;
      }
      case 'checkpoint': {
        const t = loadTransparency(config);
        const c = await withDeps(config, (deps) => makeCheckpoint(deps, t));
        output.stdout(c.note);
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
