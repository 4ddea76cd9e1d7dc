import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadDigests, uploadWriteBegan, uploadWriteEnded } from './upload-digests';

const MiB = 1024 * 1024;

function digestsOf(data: Buffer) {
  return {
    sha256: createHash('sha256').update(data).digest('hex'),
    sm3: createHash('sm3').update(data).digest('hex'),
    size: data.length,
  };
}

describe('upload digests (hashed while the PATCHes arrive)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhifa-upload-digests-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('REC-01 a file written in several PATCHes has the SHA-256 and SM3 of all its bytes', async () => {
    const file = path.join(dir, 'u1');
    const parts = [randomBytes(5 * MiB + 3), randomBytes(1), randomBytes(2 * MiB), randomBytes(777)];
    await writeFile(file, '');
    for (const part of parts) {
      uploadWriteBegan(file);
      // Written in pieces while the workers follow, as a PATCH body arrives.
      for (let i = 0; i < part.length; i += 256 * 1024)
        await appendFile(file, part.subarray(i, i + 256 * 1024));
      uploadWriteEnded(file);
    }
    const all = Buffer.concat(parts);
    expect(await uploadDigests(file, all.length)).toEqual(digestsOf(all));
  });

  it('REC-01 without a running hash (a restart, or PATCHes that went to another node) the file is read from its first byte', async () => {
    const file = path.join(dir, 'u2');
    const data = randomBytes(3 * MiB);
    await writeFile(file, data);
    expect(await uploadDigests(file, data.length)).toEqual(digestsOf(data));
    // Asked again (the state was dropped after the first answer): the same digests.
    expect(await uploadDigests(file, data.length)).toEqual(digestsOf(data));
  });

  it('REC-07 a file replaced under the same name is hashed anew, never continued from the old one', async () => {
    const file = path.join(dir, 'u3');
    const old = randomBytes(2 * MiB);
    await writeFile(file, old);
    uploadWriteBegan(file);
    uploadWriteEnded(file);
    await new Promise((r) => setTimeout(r, 200));
    await unlink(file);
    const fresh = Buffer.concat([randomBytes(1 * MiB), old]);
    await writeFile(file, fresh);
    expect(await uploadDigests(file, fresh.length)).toEqual(digestsOf(fresh));
  });

  it('REC-07 a file shorter than the upload says, or missing, is an error, not a digest', async () => {
    const file = path.join(dir, 'u4');
    await writeFile(file, randomBytes(1000));
    await expect(uploadDigests(file, 2000)).rejects.toThrow('shorter');
    await expect(uploadDigests(path.join(dir, 'none'), 10)).rejects.toThrow('ENOENT');
  });
});
