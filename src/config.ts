import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MIN_ACT_DATE, isIsoDate } from './domain/dates';
import { SHANGHAI_TIME_ZONE } from './domain/shanghai-time';

/**
 * Configuration, parsed and validated once at start-up. Nothing else reads the environment:
 * the composition root passes this object to what needs it.
 */
export interface Config {
  port: number;
  host: string;
  /**
   * Where people reach the server (ZHIFA_PUBLIC_URL, no trailing slash); http://localhost:PORT when
   * unset. When it is https, every response asks browsers to use HTTPS only (HSTS).
   */
  publicUrl: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  /** All date logic is in this zone, whatever the machine's. */
  timeZone: typeof SHANGHAI_TIME_ZONE;
  /** Whether adjusted working days (调休上班日) count as working days. */
  adjustedWorkdaysCount: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Demo data on first start of an empty database: `auto` only on the embedded SQLite database
   * (the two-command trial), `always` on either kind, `never` for a production installation.
   */
  seedDemo: 'auto' | 'always' | 'never';
  cookieSecure: boolean;
  /**
   * The reverse proxies (addresses or CIDR ranges, ZHIFA_TRUST_PROXY) whose X-Forwarded-For is
   * believed: behind nginx every client would otherwise have the proxy's address, and lock-outs and
   * rate limits would count all clients as one. Empty: no header is believed.
   */
  trustProxy: string[];
  /** Requests per minute: logins and public pages per client; party lookups by ID number per user. */
  rateLimit: { loginPerMinute: number; publicPerMinute: number; partyLookupPerMinute: number };
  /** Where the built workbench is served from. */
  webDistDir: string;
  blobs:
    | { kind: 'fs'; root: string }
    | {
        kind: 's3';
        endpoint?: string;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      };
  uploads: {
    /**
     * Where resumable (tus) uploads are assembled before they become records (ZHIFA_UPLOAD_DIR;
     * default `uploads` in the data folder). Several app nodes share one (a shared filesystem).
     */
    dir: string;
    maxBytes: number;
    /** Largest body for a plain (non-resumable) upload. */
    plainMaxBytes: number;
    /** Media types a record may have; others are refused with 415. */
    mediaTypes: string[];
    /** Unfinished resumable uploads older than this are removed. */
    expireHours: number;
  };
  /** Whether viewing or downloading a record requires a stated purpose (调阅事由). */
  retrievalPurposeRequired: boolean;
  /** File holding the AES-256 key that seals personal data (base64; created 0600 if missing). */
  fieldKeyFile: string;
  /** How many working days before a case deadline the first alert is raised. */
  alertWorkingDaysBefore: number;
  /** The earliest date an act (filing, transition, step, recording) may carry (YYYY-MM-DD). */
  minActDate: string;
  transparency: {
    /** The log's name in checkpoints and its key name (c2sp.org/tlog-checkpoint "origin"). */
    origin: string;
    /** PEM file of the Ed25519 checkpoint key; created (mode 0600) on first start if missing. */
    keyFile: string;
    /** How often a checkpoint is signed when the ledger has grown; 0 = only on demand. */
    intervalSeconds: number;
  };
  /** Scheduled jobs (`src/jobs`): seconds between runs, 0 = off. */
  jobs: {
    /**
     * This node's name in job runs (ZHIFA_NODE_ID): which node ran a job, and the key of the jobs
     * each node runs for itself. Default: host name and process id.
     */
    nodeId: string;
    /** Deadline alerts (ZHIFA_ALERT_INTERVAL). */
    alertSeconds: number;
    /** Approved disposals past their undo window (ZHIFA_DISPOSAL_INTERVAL). */
    disposalSeconds: number;
    /** Removing unfinished resumable uploads past `uploads.expireHours` (ZHIFA_UPLOAD_EXPIRY_INTERVAL). */
    uploadExpirySeconds: number;
    /** Taking published decisions down at the end of their display period (ZHIFA_PUBLICATION_EXPIRY_INTERVAL). */
    publicationExpirySeconds: number;
    /** Delivering the publication outbox to the receiving platforms (ZHIFA_OUTBOX_INTERVAL). */
    outboxSeconds: number;
  };
  /** How the outbox delivers to receiving platforms (PUB-03). */
  outbox: {
    /** A request not answered within this is a failed attempt (ZHIFA_OUTBOX_TIMEOUT_MS). */
    timeoutMs: number;
    /** Delay after the first failure (ZHIFA_OUTBOX_BACKOFF_BASE, seconds); doubles each time. */
    backoffBaseSeconds: number;
    /** Longest delay between attempts (ZHIFA_OUTBOX_BACKOFF_CAP, seconds). */
    backoffCapSeconds: number;
    /** After this many failed attempts a delivery is dead (ZHIFA_OUTBOX_MAX_ATTEMPTS). */
    maxAttempts: number;
    /** Deliveries one run claims at a time, sent in parallel (ZHIFA_OUTBOX_BATCH). */
    batchSize: number;
  };
}

/**
 * Whether the server creates the demo office on an empty database. A PostgreSQL database is a
 * real installation unless someone asks for demo data by name: its first agency and administrator
 * come from `zhifa init`, never from demo accounts with a published password.
 */
export function wantsDemoData(config: Pick<Config, 'seedDemo' | 'database'>): boolean {
  return config.seedDemo === 'always' || (config.seedDemo === 'auto' && config.database.kind === 'sqlite');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Media types of enforcement records accepted by default: photos, audio, video, documents. */
export const DEFAULT_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/tiff',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/x-msvideo',
  'video/mp2t',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/wav',
  'audio/x-wav',
  'audio/amr',
  'audio/ogg',
  'audio/webm',
  'application/pdf',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/ofd',
  'application/zip',
];

/**
 * An absolute http(s) URL with a host and nothing a public address should not carry (credentials,
 * query, fragment), normalised (lower-case scheme and host, no trailing slash); undefined otherwise.
 */
function webUrl(raw: string): string | undefined {
  if (!/^https?:\/\//i.test(raw)) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.hostname === '' || u.username || u.password || u.search || u.hash) return undefined;
  return u.href.replace(/\/+$/, '');
}

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
  const date = (name: string, dflt: string): string => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if (isIsoDate(raw) && raw >= '1900-01-01') return raw;
    problems.push(`${name}: 应为 1900-01-01 之后的日期 YYYY-MM-DD (a date from 1900-01-01), got "${raw}"`);
    return dflt;
  };
  const proxies = (name: string): string[] => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return [];
    const list = raw.split(',').map((v) => v.trim());
    const bad = list.filter((v) => !isAddressOrRange(v));
    if (bad.length === 0) return list;
    problems.push(
      `${name}: 应为逗号分隔的 IP 地址或网段，如 127.0.0.1,10.0.0.0/8 (addresses or CIDR ranges), got "${bad.join(',')}"`,
    );
    return [];
  };
  const oneOf = <T extends string>(name: string, dflt: T, allowed: readonly T[]): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}: 应为 ${allowed.join(' | ')} 之一 (one of these), got "${raw}"`);
    return dflt;
  };

  const port = int('PORT', 8080, 0, 65535);
  let publicUrl = `http://localhost:${port}`;
  if (env.ZHIFA_PUBLIC_URL) {
    const normalised = webUrl(env.ZHIFA_PUBLIC_URL);
    if (normalised) publicUrl = normalised;
    // The value is not repeated: a URL with a password in it should not end up in a log.
    else
      problems.push(
        'ZHIFA_PUBLIC_URL: 应为 http:// 或 https:// 开头、不含用户名密码和查询参数的网址，如 https://zfgs.example.gov.cn (an http(s) URL)',
      );
  }
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

  type Later = 'transparency' | 'blobs' | 'uploads' | 'retrievalPurposeRequired' | 'jobs' | 'outbox';
  const config: Omit<Config, Later> & Partial<Pick<Config, Later>> = {
    port,
    // Loopback unless told otherwise: a fresh installation is not reachable from the network until
    // someone decides it should be (a reverse proxy on the same host, or HOST=0.0.0.0).
    host: env.HOST || '127.0.0.1',
    publicUrl,
    dataDir,
    database,
    timeZone: SHANGHAI_TIME_ZONE,
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
    seedDemo: oneOf('ZHIFA_SEED_DEMO', 'auto', ['auto', 'always', 'never'] as const),
    cookieSecure: bool('ZHIFA_COOKIE_SECURE', false),
    trustProxy: proxies('ZHIFA_TRUST_PROXY'),
    rateLimit: {
      loginPerMinute: int('ZHIFA_RATE_LIMIT_LOGIN', 10, 1, 1_000_000),
      publicPerMinute: int('ZHIFA_RATE_LIMIT_PUBLIC', 600, 1, 100_000_000),
      partyLookupPerMinute: int('ZHIFA_RATE_LIMIT_PARTY_LOOKUP', 10, 1, 10_000),
    },
    fieldKeyFile: path.resolve(
      cwd,
      env.ZHIFA_FIELD_KEY_FILE || path.join(dataDir, 'keys', 'field-aes256.key'),
    ),
    alertWorkingDaysBefore: int('ZHIFA_ALERT_WORKING_DAYS_BEFORE', 3, 0, 30),
    minActDate: date('ZHIFA_MIN_ACT_DATE', DEFAULT_MIN_ACT_DATE),
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
  const blobKind = oneOf('ZHIFA_BLOB_STORE', 'fs', ['fs', 's3'] as const);
  if (blobKind === 's3') {
    const need = (name: string) => {
      const v = env[name];
      if (!v) problems.push(`${name}: 使用 S3 存储时必填 (required with ZHIFA_BLOB_STORE=s3)`);
      return v ?? '';
    };
    config.blobs = {
      kind: 's3',
      ...(env.ZHIFA_S3_ENDPOINT && { endpoint: env.ZHIFA_S3_ENDPOINT }),
      region: env.ZHIFA_S3_REGION || 'us-east-1',
      bucket: need('ZHIFA_S3_BUCKET'),
      accessKeyId: need('ZHIFA_S3_ACCESS_KEY'),
      secretAccessKey: need('ZHIFA_S3_SECRET_KEY'),
      forcePathStyle: bool('ZHIFA_S3_PATH_STYLE', true),
    };
  } else config.blobs = { kind: 'fs', root: path.join(dataDir, 'blobs') };
  const types = (env.ZHIFA_UPLOAD_TYPES || DEFAULT_MEDIA_TYPES.join(','))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const t of types)
    if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(t))
      problems.push(`ZHIFA_UPLOAD_TYPES: 不是媒体类型 (not a media type): ${t}`);
  config.uploads = {
    dir: path.resolve(cwd, env.ZHIFA_UPLOAD_DIR || path.join(dataDir, 'uploads')),
    maxBytes: int('ZHIFA_UPLOAD_MAX_BYTES', 16 * 1024 ** 3, 1, Number.MAX_SAFE_INTEGER),
    plainMaxBytes: int('ZHIFA_UPLOAD_PLAIN_MAX_BYTES', 20 * 1024 ** 2, 1, 1024 ** 3),
    mediaTypes: types,
    expireHours: int('ZHIFA_UPLOAD_EXPIRE_HOURS', 24, 1, 24 * 365),
  };
  config.retrievalPurposeRequired = bool('ZHIFA_RETRIEVAL_PURPOSE_REQUIRED', true);
  const nodeId = env.ZHIFA_NODE_ID || `${os.hostname()}-${process.pid}`;
  if (env.ZHIFA_NODE_ID && !/^[\w.:-]{1,100}$/.test(nodeId))
    problems.push(
      'ZHIFA_NODE_ID: 应为 1–100 个字母、数字或 . _ : - (letters, digits, ". _ : -", at most 100)',
    );
  config.jobs = {
    nodeId,
    alertSeconds: int('ZHIFA_ALERT_INTERVAL', 60, 0, 86_400),
    disposalSeconds: int('ZHIFA_DISPOSAL_INTERVAL', 60, 0, 86_400),
    uploadExpirySeconds: int('ZHIFA_UPLOAD_EXPIRY_INTERVAL', 3_600, 0, 86_400),
    publicationExpirySeconds: int('ZHIFA_PUBLICATION_EXPIRY_INTERVAL', 3_600, 0, 86_400),
    outboxSeconds: int('ZHIFA_OUTBOX_INTERVAL', 15, 0, 86_400),
  };
  config.outbox = {
    timeoutMs: int('ZHIFA_OUTBOX_TIMEOUT_MS', 10_000, 100, 300_000),
    backoffBaseSeconds: int('ZHIFA_OUTBOX_BACKOFF_BASE', 30, 1, 86_400),
    backoffCapSeconds: int('ZHIFA_OUTBOX_BACKOFF_CAP', 21_600, 1, 7 * 86_400),
    maxAttempts: int('ZHIFA_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    batchSize: int('ZHIFA_OUTBOX_BATCH', 20, 1, 500),
  };
  if (config.outbox.backoffCapSeconds < config.outbox.backoffBaseSeconds)
    problems.push('ZHIFA_OUTBOX_BACKOFF_CAP: 不能小于 ZHIFA_OUTBOX_BACKOFF_BASE (cap below base)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}

/** An IPv4 or IPv6 address, optionally with a prefix length (a CIDR range). */
function isAddressOrRange(v: string): boolean {
  const [address = '', prefix, extra] = v.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
