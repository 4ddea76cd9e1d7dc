import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Configuration, parsed and validated once at start-up. Nothing else reads the environment:
 * the composition root passes this object to what needs it.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  /** All date logic is in this zone, whatever the machine's. */
  timeZone: 'Asia/Shanghai';
  /** Whether adjusted working days (调休上班日) count as working days. */
  adjustedWorkdaysCount: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seed demo data on first start of an empty embedded database. */
  seedDemo: 'auto' | 'never';
  cookieSecure: boolean;
  rateLimit: { loginPerMinute: number; publicPerMinute: number };
  /** Where the built workbench is served from. */
  webDistDir: string;
  transparency: {
    /** The log's name in checkpoints and its key name (c2sp.org/tlog-checkpoint "origin"). */
    origin: string;
    /** PEM file of the Ed25519 checkpoint key; created (mode 0600) on first start if missing. */
    keyFile: string;
    /** How often a checkpoint is signed when the ledger has grown; 0 = only on demand. */
    intervalSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(
        `${name}: 应为 ${min}–${max} 之间的整数 (an integer from ${min} to ${max}), got "${raw}"`,
      );
      return dflt;
    }
    return n;
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name}: 应为 true 或 false (true or false), got "${raw}"`);
    return dflt;
  };
  const oneOf = <T extends string>(name: string, dflt: T, allowed: readonly T[]): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}: 应为 ${allowed.join(' | ')} 之一 (one of these), got "${raw}"`);
    return dflt;
  };

  const port = int('PORT', 8080, 0, 65535);
  const dataDir = path.resolve(cwd, env.ZHIFA_DATA_DIR || './data');
  const url = env.DATABASE_URL;
  let database: Config['database'] = { kind: 'sqlite', file: path.join(dataDir, 'zhifa.sqlite') };
  if (url) {
    if (/^postgres(ql)?:\/\//.test(url)) {
      const schema = env.ZHIFA_PG_SCHEMA;
      if (schema !== undefined && schema !== '' && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
        problems.push('ZHIFA_PG_SCHEMA: 应为小写字母、数字和下划线组成的模式名 (a lower-case schema name)');
      database = { kind: 'postgres', url, ...(schema && { schema }) };
    } else if (url.startsWith('sqlite:'))
      database = { kind: 'sqlite', file: path.resolve(cwd, url.slice('sqlite:'.length)) };
    else
      problems.push(
        'DATABASE_URL: 应以 postgres:// 或 sqlite: 开头 (must start with postgres:// or sqlite:)',
      );
  }

  const config: Omit<Config, 'transparency'> & Partial<Pick<Config, 'transparency'>> = {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    database,
    timeZone: 'Asia/Shanghai',
    adjustedWorkdaysCount: bool('ZHIFA_ADJUSTED_WORKDAYS_COUNT', true),
    logLevel: oneOf('LOG_LEVEL', 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    seedDemo: oneOf('ZHIFA_SEED_DEMO', 'auto', ['auto', 'never'] as const),
    cookieSecure: bool('ZHIFA_COOKIE_SECURE', false),
    rateLimit: {
      loginPerMinute: int('ZHIFA_RATE_LIMIT_LOGIN', 10, 1, 1_000_000),
      publicPerMinute: int('ZHIFA_RATE_LIMIT_PUBLIC', 600, 1, 100_000_000),
    },
    webDistDir: env.ZHIFA_WEB_DIST
      ? path.resolve(cwd, env.ZHIFA_WEB_DIST)
      : fileURLToPath(new URL('../web/dist/', import.meta.url)),
  };
  const origin = env.ZHIFA_LOG_ORIGIN || 'zhifa.local/ledger';
  if (/[\s+]/u.test(origin)) problems.push('ZHIFA_LOG_ORIGIN: 不能包含空白或加号 (no spaces or "+")');
  config.transparency = {
    origin,
    keyFile: path.resolve(
      cwd,
      env.ZHIFA_CHECKPOINT_KEY_FILE || path.join(dataDir, 'keys', 'checkpoint-ed25519.pem'),
    ),
    intervalSeconds: int('ZHIFA_CHECKPOINT_INTERVAL', 300, 0, 86_400),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}
