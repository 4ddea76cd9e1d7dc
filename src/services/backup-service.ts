import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import type { Config } from '../config';
import { DomainError } from '../domain/errors';
import type { BlobStore } from '../storage/blobs';

/**
 * Backup and restore of the embedded installation (SQLite + blobs + keys). A backup is a folder:
 * a consistent database copy made with SQLite's online backup API while the server runs, every
 * blob a record refers to, the checkpoint key and the newest checkpoint, and `manifest.json`
 * with the SHA-256 and size of each file. Restore checks every file against the manifest first
 * and refuses a damaged backup. PostgreSQL installations use pg_dump (README).
 */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  files: Array<{ path: string; sha256: string; size: number }>;
  records: number;
  ledgerSize: number;
}

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

const blobPath = (sha: string) => path.join('blobs', sha.slice(0, 2), sha.slice(2, 4), sha);

export async function backup(
  config: Config,
  blobs: BlobStore,
  dir: string,
  now: Date,
): Promise<BackupManifest> {
  if (config.database.kind !== 'sqlite')
    throw new DomainError(
      'invalid',
      'BACKUP_POSTGRES',
      'PostgreSQL 请使用 pg_dump 备份数据库（见 README），文件存储请使用存储自身的版本与复制功能',
    );
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw new DomainError('conflict', 'BACKUP_DIR_NOT_EMPTY', `备份目录不为空：${dir}`);
  fs.mkdirSync(dir, { recursive: true });
  const files: BackupManifest['files'] = [];
  const add = async (rel: string) => files.push({ path: rel, ...(await hashFile(path.join(dir, rel))) });

  // 1. The database, consistent, while others may be writing.
  const src = new SQLite(config.database.file, { readonly: true, fileMustExist: true });
  try {
    await src.backup(path.join(dir, 'zhifa.sqlite'));
  } finally {
    src.close();
  }
  await add('zhifa.sqlite');

  // 2. Every blob the copied database refers to (not what the live one has gained since).
  const copy = new SQLite(path.join(dir, 'zhifa.sqlite'), { readonly: true });
  const digests = (
    copy.prepare('select distinct sha256 from records order by sha256').all() as Array<{ sha256: string }>
  ).map((r) => r.sha256);
  const records = (copy.prepare('select count(*) as n from records').get() as { n: number }).n;
  const ledgerSize = (copy.prepare('select coalesce(max(seq), 0) as n from ledger').get() as { n: number }).n;
  copy.close();
  for (const sha of digests) {
    const rel = blobPath(sha);
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    await pipeline(await blobs.get(sha), fs.createWriteStream(path.join(dir, rel)));
    await add(rel);
  }

  // 3. The signing key and the newest checkpoint kept outside the database.
  for (const [from, rel] of [
    [config.transparency.keyFile, 'keys/checkpoint-ed25519.pem'],
    // Without it the sealed personal data of parties cannot be read again.
    [config.fieldKeyFile, 'keys/field-aes256.key'],
    [
      path.join(config.dataDir, 'transparency', 'latest-checkpoint.note'),
      'transparency/latest-checkpoint.note',
    ],
  ] as const) {
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true, mode: 0o700 });
    fs.copyFileSync(from, path.join(dir, rel));
    fs.chmodSync(path.join(dir, rel), 0o600);
    await add(rel);
  }
  const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), files, records, ledgerSize };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Checks a backup against its manifest: the list of files that are missing or differ. */
export async function checkBackup(dir: string): Promise<{ manifest: BackupManifest; damaged: string[] }> {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file))
    throw new DomainError('invalid', 'BACKUP_NO_MANIFEST', `不是备份目录（缺少 manifest.json）：${dir}`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  } catch {
    throw new DomainError('invalid', 'BACKUP_BAD_MANIFEST', 'manifest.json 无法解析');
  }
  const damaged: string[] = [];
  for (const f of manifest.files) {
    const p = path.join(dir, f.path);
    if (path.relative(dir, p).startsWith('..')) {
      damaged.push(`${f.path} (路径越界 path escapes the backup)`);
      continue;
    }
    if (!fs.existsSync(p)) {
      damaged.push(`${f.path} (缺失 missing)`);
      continue;
    }
    const h = await hashFile(p);
    if (h.sha256 !== f.sha256 || h.size !== f.size) damaged.push(`${f.path} (内容不符 differs)`);
  }
  return { manifest, damaged };
}

/**
 * Restores a checked backup into the configured data directory. An existing database is kept
 * aside (renamed), never overwritten. The copy of the newest checkpoint already in the data
 * directory is kept when present: if the backup is older, `zhifa verify` will say so.
 */
export async function restore(
  config: Config,
  blobs: BlobStore,
  dir: string,
  opts: { force: boolean; now: Date },
): Promise<{ manifest: BackupManifest; keptAside?: string }> {
  if (config.database.kind !== 'sqlite')
    throw new DomainError(
      'invalid',
      'RESTORE_POSTGRES',
      'PostgreSQL 请使用 pg_restore 恢复数据库（见 README）',
    );
  const { manifest, damaged } = await checkBackup(dir);
  if (damaged.length > 0)
    throw new DomainError('unprocessable', 'BACKUP_DAMAGED', `备份已损坏，拒绝恢复：${damaged.join('；')}`);
  const target = config.database.file;
  let keptAside: string | undefined;
  if (fs.existsSync(target)) {
    if (!opts.force)
      throw new DomainError(
        'conflict',
        'RESTORE_TARGET_EXISTS',
        `数据目录中已有数据库：${target}（确认覆盖请加 --force，原库将被改名保留）`,
      );
    keptAside = `${target}.before-restore-${opts.now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, keptAside);
    for (const suffix of ['-wal', '-shm'])
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAside + suffix);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  for (const f of manifest.files) {
    const from = path.join(dir, f.path);
    if (f.path.startsWith('blobs/')) await blobs.put(fs.createReadStream(from), { expectedSha256: f.sha256 });
    else if (f.path === 'zhifa.sqlite') fs.copyFileSync(from, target);
    else if (f.path === 'keys/checkpoint-ed25519.pem' || f.path === 'keys/field-aes256.key') {
      const to = f.path === 'keys/field-aes256.key' ? config.fieldKeyFile : config.transparency.keyFile;
      if (!fs.existsSync(to)) {
        fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
        fs.copyFileSync(from, to);
        fs.chmodSync(to, 0o600);
      }
    } else if (f.path === 'transparency/latest-checkpoint.note') {
      const to = path.join(config.dataDir, 'transparency', 'latest-checkpoint.note');
      if (!fs.existsSync(to)) {
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(from, to);
      }
    }
  }
  return { manifest, ...(keptAside && { keptAside }) };
}
