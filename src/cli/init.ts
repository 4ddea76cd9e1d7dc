import fs from 'node:fs';
import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import { DomainError } from '../domain/errors';
import { installationProblems, type InstallationField } from '../domain/installation';
import { passwordProblem } from '../domain/password-rules';
import type { Deps } from '../services/deps';
import { initInstallation, isEmptyInstallation } from '../services/install-service';

export const INIT_USAGE = `用法 usage: zhifa init [--agency-name <名称>] [--short-name <简称>] [--address <地址>] [--phone <电话>]
                  [--admin-user <用户名>] [--admin-name <姓名>] [--password-file <FILE>]
  在空数据库中创建执法主体和首个系统管理员 create the agency and the first administrator on an empty database.
  在终端中运行时逐项询问缺少的内容，密码输入不回显；否则须给出全部参数（--admin-name 默认“系统管理员”）。
  At a terminal, whatever is missing is asked for (the password without echo); otherwise give every option.
  密码 password: 终端输入 typed at the terminal, 或 or --password-file <FILE>（第一行 first line）,
  或 or 环境变量 environment ZHIFA_INIT_PASSWORD。从不接受命令行中的密码 never on the command line.
  首次登录须修改密码 the password must be changed at the first login.`;

/** Questions at a terminal; `askSecret` does not echo what is typed. */
export interface Terminal {
  ask(prompt: string, dflt?: string): Promise<string>;
  askSecret(prompt: string): Promise<string>;
  close(): void;
}

class InitUsageError extends Error {}

const FLAGS: Record<string, InstallationField> = {
  '--agency-name': 'agency.name',
  '--short-name': 'agency.shortName',
  '--address': 'agency.address',
  '--phone': 'agency.phone',
  '--admin-user': 'admin.username',
  '--admin-name': 'admin.displayName',
};
const FLAG_OF = Object.fromEntries(Object.entries(FLAGS).map(([f, field]) => [field, f])) as Record<
  InstallationField,
  string
>;
const QUESTIONS: Array<[InstallationField, string, string?]> = [
  ['agency.name', '执法主体名称 agency name'],
  ['agency.shortName', '执法主体简称（用于文号，如“青国动”）short name'],
  ['agency.address', '地址 address'],
  ['agency.phone', '联系电话 phone'],
  ['admin.username', '管理员用户名 administrator user name'],
  ['admin.displayName', '管理员姓名 administrator name', '系统管理员'],
];
const PASSWORD_ENV = 'ZHIFA_INIT_PASSWORD';

/** The terminal on standard input, or null when standard input is not a terminal. */
export function processTerminal(): Terminal | null {
  if (!process.stdin.isTTY) return null;
  let muted = false;
  // Prompts go to standard error; while a password is typed, readline's echo goes nowhere.
  const output = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true, historySize: 0 });
  const cancelled = new AbortController();
  rl.on('SIGINT', () => cancelled.abort());
  const question = async (prompt: string) => {
    try {
      return await rl.question(prompt, { signal: cancelled.signal });
    } catch (e) {
      // Ctrl+C, or Ctrl+D / the end of input: nothing has been written yet.
      if (cancelled.signal.aborted || (e as Error).name === 'AbortError')
        throw new InitUsageError('\n已取消，未做任何更改 cancelled; nothing was changed');
      throw e;
    }
  };
  return {
    async ask(prompt, dflt) {
      const answer = (await question(dflt === undefined ? `${prompt}: ` : `${prompt} [${dflt}]: `)).trim();
      return answer === '' && dflt !== undefined ? dflt : answer;
    },
    async askSecret(prompt) {
      process.stderr.write(`${prompt}: `);
      muted = true;
      try {
        return await question('');
      } finally {
        muted = false;
        process.stderr.write('\n');
      }
    },
    close: () => rl.close(),
  };
}

/** The first line of a password file, without its line end. */
function passwordFromFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InitUsageError(
      `无法读取密码文件 cannot read the password file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function parseArgs(args: string[]): {
  values: Partial<Record<InstallationField, string>>;
  passwordFile?: string;
} {
  const values: Partial<Record<InstallationField, string>> = {};
  let passwordFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--password' || a.startsWith('--password=') || a === '--admin-password')
      throw new InitUsageError(
        '不接受命令行中的密码（会出现在进程列表中），请在终端输入，或使用 --password-file / 环境变量 ' +
          `${PASSWORD_ENV} (a password on the command line shows in the process list)`,
      );
    const value = args[i + 1];
    if (a !== '--password-file' && FLAGS[a] === undefined)
      throw new InitUsageError(`未知参数 unknown option: ${a}\n${INIT_USAGE}`);
    if (value === undefined || value.startsWith('--'))
      throw new InitUsageError(`${a} 需要一个值 (needs a value)\n${INIT_USAGE}`);
    if (a === '--password-file') passwordFile = value;
    else values[FLAGS[a]!] = value.trim();
    i++;
  }
  return { values, ...(passwordFile !== undefined && { passwordFile }) };
}

/**
 * `zhifa init`: a production installation's agency and first administrator (PLT-03). Returns the
 * exit code: 0 created, 2 bad input or a database that already has an agency. The password is
 * never printed, logged or accepted as an argument.
 */
export async function initCommand(
  args: string[],
  env: Record<string, string | undefined>,
  withDeps: <T>(fn: (deps: Deps) => Promise<T>) => Promise<T>,
  io: { out: (s: string) => void; err: (s: string) => void; terminal: Terminal | null },
): Promise<number> {
  const { terminal } = io;
  try {
    const { values, passwordFile } = parseArgs(args);
    return await withDeps(async (deps) => {
      // Refuse before asking anything: typing everything in to be told no helps nobody.
      if (!(await isEmptyInstallation(deps))) throw new InitUsageError(agencyExistsMessage());
      for (const [field, prompt, dflt] of QUESTIONS) {
        if (values[field] !== undefined) continue;
        if (terminal) values[field] = (await terminal.ask(prompt, dflt)).trim();
        else if (dflt !== undefined) values[field] = dflt;
      }
      const missing = QUESTIONS.filter(([f]) => values[f] === undefined).map(([f]) => FLAG_OF[f]);
      if (missing.length > 0)
        throw new InitUsageError(`缺少参数 missing: ${missing.join(' ')}\n${INIT_USAGE}`);
      const input = {
        agency: {
          name: values['agency.name']!,
          shortName: values['agency.shortName']!,
          address: values['agency.address']!,
          phone: values['agency.phone']!,
        },
        admin: { username: values['admin.username']!, displayName: values['admin.displayName']! },
      };
      const problems = installationProblems(input);
      if (problems.length > 0)
        throw new InitUsageError(problems.map((p) => `${p.message}（${FLAG_OF[p.field]}）`).join('\n'));

      const password = await readPassword(passwordFile, env, terminal, io.err);
      const weak = passwordProblem(password);
      if (weak) throw new InitUsageError(`管理员密码不符合要求：${weak} (the password is too weak)`);

      const r = await initInstallation(deps, { ...input, admin: { ...input.admin, password } });
      io.out(
        `已创建执法主体“${r.agency.name}”和首个系统管理员 ${r.admin.username}（首次登录须修改密码）\n` +
          `created the agency and the first administrator ${r.admin.username} (must change the password at the first login)\n` +
          '下一步 next: zhifa serve，然后登录 then sign in at /app/',
      );
      return 0;
    });
  } catch (e) {
    if (e instanceof InitUsageError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof DomainError && e.code === 'AGENCY_EXISTS') {
      io.err(agencyExistsMessage());
      return 2;
    }
    throw e;
  } finally {
    terminal?.close();
  }
}

const agencyExistsMessage = () =>
  '数据库中已有执法主体，zhifa init 只用于新的空数据库；不做任何更改\n' +
  'an agency already exists; zhifa init only sets up an empty database. Nothing was changed.';

async function readPassword(
  file: string | undefined,
  env: Record<string, string | undefined>,
  terminal: Terminal | null,
  warn: (s: string) => void,
): Promise<string> {
  if (file !== undefined) return passwordFromFile(file);
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!terminal)
    throw new InitUsageError(
      `需要管理员密码：请在终端中运行以输入，或使用 --password-file <FILE> 或环境变量 ${PASSWORD_ENV}\n` +
        `the administrator's password is needed: run at a terminal, or use --password-file or ${PASSWORD_ENV}`,
    );
  for (let attempt = 1; attempt <= 3; attempt++) {
    const first = await terminal.askSecret('管理员密码（至少 10 个字符，输入不回显）password, not echoed');
    const weak = passwordProblem(first);
    if (weak) warn(`${weak} (too weak)`);
    else if ((await terminal.askSecret('再次输入密码 the password again')) !== first)
      warn('两次输入的密码不一致 (the two entries differ)');
    else return first;
  }
  throw new InitUsageError(
    '三次未能设定密码，未做任何更改 (no password after three tries; nothing was changed)',
  );
}
