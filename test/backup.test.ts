import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore, openReady } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { createParty } from '../src/services/party-service';
import { createRecord } from '../src/services/record-service';
import { makeSealer } from '../src/services/sealer';
import { loadOrCreateFieldKey } from '../src/storage/keys';
import { zhifa } from './cli';

describe('backup and restore (SQLite)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-backup-'));
  const live = { ZHIFA_DATA_DIR: path.join(root, 'live') };
  const restored = { ZHIFA_DATA_DIR: path.join(root, 'restored') };
  const dir = path.join(root, 'backup');

  beforeAll(async () => {
    expect((await zhifa(['seed', '--demo'], live)).code).toBe(0);
    // Put a record and a party in through the product's own services (the database closed after).
    const config = loadConfig({ ZHIFA_DATA_DIR: live.ZHIFA_DATA_DIR });
    const { database, deps } = await openReady(config);
    try {
      const admin = await deps.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      const actor = { type: 'user' as const, id: admin.id };
      const blobs = await openBlobStore(config);
      await createRecord({ ...deps, blobs, uploads: config.uploads, retrievalPurposeRequired: true }, actor, {
        content: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]),
        fileName: 'a.pdf',
        mediaType: 'application/pdf',
      });
      await createParty({ ...deps, sealer: makeSealer(loadOrCreateFieldKey(config.fieldKeyFile)) }, actor, {
        kind: 'person',
        name: '张三',
        idType: 'passport',
        idNumber: 'E12345678',
        phone: '13812345678',
        address: '上海市青浦区某路1号',
      });
    } finally {
      await database.destroy();
    }
    expect((await zhifa(['checkpoint'], live)).code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('PLT-04 REC-07 a backup restores into a fresh directory and verifies intact', async () => {
    const b = await zhifa(['backup', dir], live);
    expect(b.code, b.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      files: Array<{ path: string }>;
      records: number;
    };
    expect(manifest.records).toBe(1);
    expect(manifest.files.map((f) => f.path.split('/')[0])).toEqual(
      expect.arrayContaining(['zhifa.sqlite', 'blobs', 'keys', 'transparency']),
    );
    const r = await zhifa(['restore', dir], restored);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('完好 intact');
    const v = await zhifa(['verify', '--json'], restored);
    expect(JSON.parse(v.stdout)).toMatchObject({ intact: true, blobs: 1 });
    // REC-09: the key that seals parties' personal data travels with the backup.
    const key = (d: string) => fs.readFileSync(path.join(d, 'keys', 'field-aes256.key'), 'utf8');
    expect(key(restored.ZHIFA_DATA_DIR)).toBe(key(live.ZHIFA_DATA_DIR));
  });

  it('PLT-04 a damaged backup is refused, naming the file; an existing database is not overwritten without --force', async () => {
    const damagedDir = path.join(root, 'damaged');
    fs.cpSync(dir, damagedDir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(damagedDir, 'manifest.json'), 'utf8')) as {
      files: Array<{ path: string }>;
    };
    const blob = manifest.files.find((f) => f.path.startsWith('blobs/'))!.path;
    const bytes = fs.readFileSync(path.join(damagedDir, blob));
    bytes[0] = bytes[0]! ^ 1;
    fs.writeFileSync(path.join(damagedDir, blob), bytes);
    const r = await zhifa(['restore', damagedDir], { ZHIFA_DATA_DIR: path.join(root, 'other') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(blob);
    expect(fs.existsSync(path.join(root, 'other', 'zhifa.sqlite'))).toBe(false);

    const again = await zhifa(['restore', dir], restored);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    const forced = await zhifa(['restore', dir, '--force'], restored);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('before-restore');
  });
});
