import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, Upload } from '@tus/server';
import { expireUploads, openUploadStore } from '../services/upload-store';
import { DIALECTS, PG_URL } from '../../test/db';
import { PgUploadLocker } from './upload-locks';

/** Two lockers on one database stand for two app nodes. */
describe.skipIf(!DIALECTS.includes('postgres'))('the tus lock shared between nodes (PostgreSQL)', () => {
  const namespace = `locks_${process.pid}`;
  let a: PgUploadLocker;
  let b: PgUploadLocker;
  const never = new AbortController().signal;
  const noop = () => undefined;

  beforeAll(() => {
    a = new PgUploadLocker({ url: PG_URL, namespace, acquireTimeoutMs: 600, retryMs: 20 });
    b = new PgUploadLocker({ url: PG_URL, namespace, acquireTimeoutMs: 600, retryMs: 20 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a second node waits for an upload another node holds, and gets it once that node lets go', async () => {
    const first = a.newLock('upload-1');
    await first.lock(never, noop);
    // Held elsewhere: the wait ends with tus's lock timeout.
    await expect(b.newLock('upload-1').lock(never, noop)).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    // A different upload is not held up.
    const other = b.newLock('upload-2');
    await other.lock(never, noop);
    // Let go while the second node is waiting: it gets the lock.
    const second = b.newLock('upload-1');
    const waiting = second.lock(never, noop);
    await new Promise((r) => setTimeout(r, 100));
    await first.unlock();
    await waiting;
    await second.unlock();
    await other.unlock();
  });

  it('the holder on another node is asked to let go (the tus request-release), and then the waiter has it', async () => {
    const holder = a.newLock('upload-3');
    let asked = 0;
    await holder.lock(never, () => {
      asked++;
      // What tus does when asked: the holding request ends and unlocks.
      void holder.unlock();
    });
    const waiter = b.newLock('upload-3');
    await waiter.lock(never, noop);
    expect(asked).toBe(1);
    await waiter.unlock();
  });

  it('the holder in the same process is asked directly, and a stopped request stops waiting', async () => {
    const holder = a.newLock('upload-4');
    let asked = 0;
    await holder.lock(never, () => void asked++);
    const stop = new AbortController();
    const waiting = a.newLock('upload-4').lock(stop.signal, noop);
    setTimeout(() => stop.abort(), 50);
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    expect(asked).toBe(1);
    await holder.unlock();
  });

  it('a node that goes away lets go of its uploads', async () => {
    const gone = new PgUploadLocker({ url: PG_URL, namespace, acquireTimeoutMs: 600, retryMs: 20 });
    await gone.newLock('upload-5').lock(never, noop);
    await gone.close();
    const lock = b.newLock('upload-5');
    await lock.lock(never, noop);
    await lock.unlock();
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('upload expiry on a folder several nodes share', () => {
  it('passes over an expired upload a request holds, and over one another node removed meanwhile', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-expiry-'));
    const locks = new PgUploadLocker({ url: PG_URL, namespace: `expiry_${process.pid}`, retryMs: 20 });
    const other = new PgUploadLocker({ url: PG_URL, namespace: `expiry_${process.pid}`, retryMs: 20 });
    try {
      const folder = { dir, expireHours: 1 };
      const store = openUploadStore(folder);
      const old = new Date(Date.now() - 2 * 3_600_000).toISOString();
      for (const id of ['held', 'free', 'gone', 'fresh'])
        await store.create(
          new Upload({
            id,
            size: 10,
            offset: 0,
            creation_date: id === 'fresh' ? new Date().toISOString() : old,
          }),
        );
      // Another node is removing `gone`: its bytes are gone, its entry is next (that node's to do).
      fs.unlinkSync(path.join(dir, 'gone'));
      const held = other.newLock('held');
      await held.lock(new AbortController().signal, () => undefined);
      expect(await expireUploads(folder, locks)).toBe(1);
      expect(fs.readdirSync(dir).sort()).toEqual(['fresh', 'fresh.json', 'gone.json', 'held', 'held.json']);
      await held.unlock();
      expect(await expireUploads(folder, locks)).toBe(1);
      expect(fs.readdirSync(dir).sort()).toEqual(['fresh', 'fresh.json', 'gone.json']);
    } finally {
      await locks.close();
      await other.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
