import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransparency, openBlobStore } from '../../src/bootstrap';
import { buildApp } from '../../src/http/app';
import { verifyLedger } from '../../src/services/verify-service';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, type Session, type TestApp } from '../app';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sm3 = (b: Buffer) => createHash('sm3').update(b).digest('hex');

describe.each(DIALECTS)('records: upload, retrieval, verification on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let supervisor: Session;
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4000)]);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    officer = await login(t.app, 'officer1');
    supervisor = await login(t.app, 'supervisor');
  });
  afterAll(() => t?.close());

  const upload = (body: Buffer, headers: Record<string, string>, who = officer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: { ...who.headers, ...headers },
      payload: body,
    });

  it('REC-01 a photo uploaded by an officer becomes a record with its SHA-256 and SM3, ledgered', async () => {
    const res = await upload(photo, {
      'content-type': 'image/jpeg',
      'x-file-name': encodeURIComponent('现场照片 1.jpg'),
      'x-content-sha256': sha256(photo),
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<{
      id: string;
      sha256: string;
      sm3: string;
      size: number;
      fileName: string;
      createdBy: { name: string };
    }>();
    expect(r).toMatchObject({
      sha256: sha256(photo),
      sm3: sm3(photo),
      size: photo.length,
      fileName: '现场照片 1.jpg',
      createdBy: { name: '王建国' },
    });
    const entry = await t.db.db
      .selectFrom('ledger')
      .selectAll()
      .where('subject_id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('record.created@1');
    expect(JSON.parse(entry.data)).toMatchObject({ sha256: sha256(photo), sm3: sm3(photo) });
  });

  it('REC-07 PLT-05 a wrong declared digest, a refused type, an oversized body and a missing name are clear 4xx; nothing is kept', async () => {
    const before = await t.db.db.selectFrom('records').select('id').execute();
    const mismatch = await upload(photo, {
      'content-type': 'image/jpeg',
      'x-file-name': 'a.jpg',
      'x-content-sha256': 'b'.repeat(64),
    });
    expect(mismatch.statusCode).toBe(422);
    expect(errorOf(mismatch).code).toMatch(/MISMATCH/);
    const html = await upload(Buffer.from('<script>alert(1)</script>'), {
      'content-type': 'text/html',
      'x-file-name': 'x.html',
    });
    expect(html.statusCode).toBe(415);
    expect(errorOf(html)).toMatchObject({ code: 'MEDIA_TYPE_NOT_ALLOWED', field: 'mediaType' });
    const big = await upload(Buffer.alloc(21 * 1024 * 1024), {
      'content-type': 'video/mp4',
      'x-file-name': 'big.mp4',
    });
    expect(big.statusCode).toBe(413);
    const noName = await upload(photo, { 'content-type': 'image/jpeg' });
    expect(errorOf(noName)).toMatchObject({ code: 'FILE_NAME_REQUIRED', field: 'fileName' });
    expect(await t.db.db.selectFrom('records').select('id').execute()).toHaveLength(before.length);
    const leader = await login(t.app, 'leader');
    expect(
      (await upload(photo, { 'content-type': 'image/jpeg', 'x-file-name': 'a.jpg' }, leader)).statusCode,
    ).toBe(403);
  });

  it('REC-06 retrieval needs a purpose, serves ranges, and every view is logged with who, when, why and what range', async () => {
    const list = (await t.app.inject({ url: '/api/records', headers: supervisor.headers })).json<{
      items: Array<{ id: string }>;
    }>();
    const id = list.items[0]!.id;
    const noPurpose = await t.app.inject({ url: `/api/records/${id}/content`, headers: supervisor.headers });
    expect(noPurpose.statusCode).toBe(400);
    expect(errorOf(noPurpose)).toMatchObject({ code: 'PURPOSE_REQUIRED', field: 'purpose' });

    const purpose = encodeURIComponent('案件复核需要查看现场照片');
    const whole = await t.app.inject({
      url: `/api/records/${id}/content?purpose=${purpose}`,
      headers: supervisor.headers,
    });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(photo)).toBe(true);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('image/jpeg');

    const part = await t.app.inject({
      url: `/api/records/${id}/content?purpose=${purpose}`,
      headers: { ...supervisor.headers, range: 'bytes=100-199' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${photo.length}`);
    expect(part.rawPayload.equals(photo.subarray(100, 200))).toBe(true);
    const beyond = await t.app.inject({
      url: `/api/records/${id}/content?purpose=${purpose}`,
      headers: { ...supervisor.headers, range: 'bytes=99999-' },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${photo.length}`);

    const log = (
      await t.app.inject({ url: `/api/records/${id}/retrievals`, headers: supervisor.headers })
    ).json<{ items: Array<{ user: { name: string }; purpose: string; range: string | null }> }>();
    expect(log.items.map((i) => [i.user.name, i.purpose, i.range])).toEqual([
      ['吴敏', '案件复核需要查看现场照片', '100-199'],
      ['吴敏', '案件复核需要查看现场照片', null],
    ]);
    const entries = await t.db.db
      .selectFrom('ledger')
      .select(['action', 'data'])
      .where('action', '=', 'record.retrieved@1')
      .execute();
    expect(entries).toHaveLength(2);
    expect(
      (await t.app.inject({ url: `/api/records/${id}/retrievals`, headers: officer.headers })).statusCode,
    ).toBe(403);
  });

  it('REC-01 a resumable (tus) upload survives a server restart and ends in a verified record', async () => {
    // A body-camera video: the MP4 header of the fixture clip, then the (random) media data.
    const content = randomBytes(3 * 1024 * 1024 + 123);
    fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url)).copy(content, 0, 0, 32);
    const config = t.app.zhifaConfig;
    const start = async () => {
      const app = await buildApp({
        config,
        database: t.db,
        clock: t.clock,
        blobs: await openBlobStore(config),
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address();
      return { app, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
    };
    const first = await start();
    const s = await login(first.app, 'officer1');
    let uploadUrl = '';
    // Stop after about a third, as a dropped connection would.
    await new Promise<void>((resolve, reject) => {
      const up = new Upload(content, {
        endpoint: `${first.base}/api/uploads`,
        chunkSize: 512 * 1024,
        headers: s.headers,
        metadata: { filename: '执法记录仪.mp4', filetype: 'video/mp4' },
        onProgress: (sent) => {
          if (sent >= 1024 * 1024) {
            void up.abort().then(resolve);
          }
        },
        onUploadUrlAvailable: () => {
          uploadUrl = up.url ?? '';
        },
        onError: reject,
        onSuccess: () => reject(new Error('should not finish')),
      });
      up.start();
    });
    await first.app.close();
    expect(uploadUrl).toMatch(/\/api\/uploads\/[0-9a-f]+$/);

    // A new server process on the same data: the upload resumes where it stopped.
    const second = await start();
    const id = uploadUrl.split('/').pop()!;
    const resumedFrom = await new Promise<number>((resolve, reject) => {
      let from = -1;
      const up = new Upload(content, {
        endpoint: `${second.base}/api/uploads`,
        uploadUrl: `${second.base}/api/uploads/${id}`,
        chunkSize: 512 * 1024,
        headers: s.headers,
        metadata: { filename: '执法记录仪.mp4', filetype: 'video/mp4' },
        onProgress: (sent) => {
          if (from < 0) from = sent;
        },
        onError: reject,
        onSuccess: () => resolve(from),
      });
      up.start();
    });
    expect(resumedFrom).toBeGreaterThanOrEqual(1024 * 1024);
    const made = await second.app.inject({
      method: 'POST',
      url: '/api/records/from-upload',
      headers: s.headers,
      payload: { uploadId: id, sha256: sha256(content) },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      sha256: sha256(content),
      size: content.length,
      mediaType: 'video/mp4',
      fileName: '执法记录仪.mp4',
    });
    // Hashed while the PATCHes arrived, across the restart: the digests are still those of all the bytes.
    expect(made.json().sm3).toBe(createHash('sm3').update(content).digest('hex'));
    // The upload's file was moved into the blob store and its description removed: nothing is left.
    expect(fs.readdirSync(config.uploads.dir).filter((n) => n.startsWith(id))).toEqual([]);
    const stored = await second.app.inject({
      method: 'GET',
      url: `/api/records/${made.json().id}/content?purpose=${encodeURIComponent('核对上传')}`,
      headers: s.headers,
    });
    expect(stored.statusCode, stored.body).toBe(200);
    expect(sha256(stored.rawPayload)).toBe(sha256(content));
    // Another user cannot register someone else's upload.
    const other = await login(second.app, 'keeper');
    expect(
      (
        await second.app.inject({
          method: 'POST',
          url: '/api/records/from-upload',
          headers: other.headers,
          payload: { uploadId: id },
        })
      ).statusCode,
    ).toBe(404);
    await second.app.close();
  });

  it('PLT-03 the tus endpoint needs a user who may create records; an upload can only be continued by its owner', async () => {
    const tusHeaders = {
      'tus-resumable': '1.0.0',
      'upload-length': '10',
      'upload-metadata': `filename ${Buffer.from('a.mp4').toString('base64')},filetype ${Buffer.from('video/mp4').toString('base64')}`,
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/uploads', headers: tusHeaders })).statusCode,
    ).toBe(401);
    const leader = await login(t.app, 'leader');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/uploads',
          headers: { ...leader.headers, ...tusHeaders },
        })
      ).statusCode,
    ).toBe(403);
    const html = {
      ...tusHeaders,
      'upload-metadata': `filename ${Buffer.from('a.html').toString('base64')},filetype ${Buffer.from('text/html').toString('base64')}`,
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { ...officer.headers, ...html } }))
        .statusCode,
    ).toBe(415);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...officer.headers, ...tusHeaders, 'x-zhifa-upload-owner': 'spoofed' },
    });
    expect(created.statusCode).toBe(201);
    const url = created.headers.location as string;
    const keeper = await login(t.app, 'keeper');
    const patch = {
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    };
    const foreign = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...keeper.headers, ...patch },
      payload: Buffer.alloc(10),
    });
    expect(foreign.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...officer.headers, ...patch },
      payload: Buffer.alloc(10),
    });
    expect(own.statusCode).toBe(204);
  });

  it('REC-07 PLT-04 zhifa verify re-hashes content: a flipped byte, a deleted file, a swapped file are named', async () => {
    const config = t.app.zhifaConfig;
    const blobs = await openBlobStore(config);
    const tr = loadTransparency(config);
    const clean = await verifyLedger(t.deps, tr, { blobs });
    expect(clean.problems).toEqual([]);
    expect(clean.blobs).toBeGreaterThanOrEqual(2);

    const records = await t.db.db.selectFrom('records').select(['id', 'sha256']).orderBy('id').execute();
    const file = (h: string) => path.join(config.dataDir, 'blobs', h.slice(0, 2), h.slice(2, 4), h);
    const [a, b] = [records[0]!, records[records.length - 1]!];
    const bytes = fs.readFileSync(file(a.sha256));
    bytes[10] = bytes[10]! ^ 0xff;
    fs.chmodSync(file(a.sha256), 0o644);
    fs.writeFileSync(file(a.sha256), bytes);
    const flipped = await verifyLedger(t.deps, tr, { blobs });
    expect(flipped.problems.map((p) => `${p.kind} ${p.where}`)).toEqual([
      `blob.altered records id ${a.id} blob ${a.sha256}`,
    ]);

    // Replaced by another valid file (say, an earlier photo): still not what the record says.
    fs.writeFileSync(file(a.sha256), photo.subarray(0, 100));
    fs.rmSync(file(b.sha256));
    const r = await verifyLedger(t.deps, tr, { blobs });
    expect(r.problems.map((p) => `${p.kind} ${p.where}`).sort()).toEqual(
      [
        `blob.altered records id ${a.id} blob ${a.sha256}`,
        `blob.missing records id ${b.id} blob ${b.sha256}`,
      ].sort(),
    );
  });
});
