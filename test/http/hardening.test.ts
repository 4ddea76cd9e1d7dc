import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, tusUpload, type Session, type TestApp } from '../app';

const CHINESE = /[\u4e00-\u9fff]/;
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const HSTS = 'max-age=31536000; includeSubDomains';

/** A refusal as PLT-05 wants it: a 4xx with a stable code, a Chinese message and, when given, the field. */
function expectRefusal(res: LightMyRequestResponse, status: number, field?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  const e = errorOf(res);
  expect(e.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  expect(e.message).toMatch(CHINESE);
  if (field !== undefined) expect(e.field).toBe(field);
}

describe.each(DIALECTS)('public proofs refuse bad input with 400 on %s', (dialect) => {
  let t: TestApp;
  let size = 0;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    size = (await t.db.db.selectFrom('ledger').select('seq').execute()).length;
    // The upload store creates its folder with an async mkdir when the app is built. The requests
    // below never wait for I/O, so without a pause that mkdir would only finish after close()
    // removed the data folder, and throw.
    await new Promise((resolve) => setTimeout(resolve, 100));
  });
  afterAll(() => t?.close());

  it('PLT-05 a consistency proof from 0 or from a tree larger than to is a 400 naming the parameter, not a 500', async () => {
    expect(size).toBeGreaterThan(10);
    const empty = await t.app.inject({ url: '/transparency/proof/consistency?from=0&to=10' });
    expectRefusal(empty, 400, 'from');
    expect(errorOf(empty).code).toBe('TREE_FROM_EMPTY');

    const reversed = await t.app.inject({ url: '/transparency/proof/consistency?from=20&to=10' });
    expectRefusal(reversed, 400, 'from');
    expect(errorOf(reversed)).toMatchObject({
      code: 'TREE_FROM_AFTER_TO',
      message: 'from（20）不能大于 to（10）',
    });

    const emptyTree = await t.app.inject({ url: '/transparency/proof/inclusion?index=0&size=0' });
    expectRefusal(emptyTree, 400, 'size');
    expect(errorOf(emptyTree).code).toBe('TREE_EMPTY');
    const past = await t.app.inject({ url: `/transparency/proof/inclusion?index=${size}&size=${size}` });
    expectRefusal(past, 400, 'index');
    expect(errorOf(past).message).toContain(`应在 0 至 ${size - 1} 之间`);
  });

  it('PLT-05 no query of the public proof and checkpoint routes gets a 500: each refusal is a 400 with a code, the parameter and a Chinese message', async () => {
    const values = [
      '0',
      '1',
      '2',
      '7',
      String(size - 1),
      String(size),
      String(size + 1),
      String(2 ** 53),
      '-1',
      '1.5',
      'abc',
      '',
      '1e3',
    ];
    const routes = [
      { path: '/transparency/proof/inclusion', a: 'index', b: 'size' },
      { path: '/transparency/proof/consistency', a: 'from', b: 'to' },
      { path: '/transparency/checkpoints', a: 'cursor', b: 'limit' },
    ];
    let proofs = 0;
    for (const r of routes)
      for (const x of values)
        for (const y of values) {
          const res = await t.app.inject({
            url: `${r.path}?${r.a}=${encodeURIComponent(x)}&${r.b}=${encodeURIComponent(y)}`,
          });
          if (res.statusCode === 200) {
            proofs += 1;
            continue;
          }
          expectRefusal(res, 400);
          expect([r.a, r.b], `${r.path} ${x} ${y}`).toContain(errorOf(res).field);
        }
    expect(proofs).toBeGreaterThan(20);
    // The public page that checks one entry reads its own query the same way.
    for (const x of values) {
      const page = await t.app.inject({ url: `/transparency?index=${encodeURIComponent(x)}` });
      expect(page.statusCode, x).toBe(200);
    }
    // Missing and repeated parameters.
    expectRefusal(await t.app.inject({ url: '/transparency/proof/consistency?to=5' }), 400, 'from');
    expectRefusal(
      await t.app.inject({ url: '/transparency/proof/inclusion?index=1&index=2&size=5' }),
      400,
      'index',
    );
  });
});

describe('resumable uploads (tus)', () => {
  let t: TestApp;
  let officer: Session;
  let keeper: Session;
  let dir = '';
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    officer = await login(t.app, 'officer1');
    keeper = await login(t.app, 'keeper');
    dir = t.app.zhifaConfig.uploads.dir;
  });
  afterAll(() => t?.close());

  /** Every file of the uploads folder with its content: what must not change. */
  const uploadsState = () =>
    Object.fromEntries(
      fs
        .readdirSync(dir)
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]),
    );
  const tus = { 'tus-resumable': '1.0.0' };
  const patchHeaders = (offset: number) => ({
    ...tus,
    'upload-offset': String(offset),
    'content-type': 'application/offset+octet-stream',
  });
  const create = async (s: Session, length: number) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: {
        ...s.headers,
        ...tus,
        'upload-length': String(length),
        'upload-metadata': `filename ${Buffer.from('现场.mp4').toString('base64')},filetype ${Buffer.from('video/mp4').toString('base64')}`,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return String(res.headers.location).split('/').pop()!;
  };

  it("PLT-03 another user's upload cannot be inspected, continued or cancelled (403, nothing changes); its owner then finishes and registers it", async () => {
    // Real MP4 leading bytes: uploads are checked against their declared type (PLT-05).
    const content = fs.readFileSync(new URL('../fixtures/clip.mp4', import.meta.url)).subarray(0, 32);
    const id = await create(officer, content.length);
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${id}`,
      headers: { ...officer.headers, ...patchHeaders(0) },
      payload: content.subarray(0, 6),
    });
    expect(first.statusCode).toBe(204);

    const before = uploadsState();
    expect(Object.keys(before)).toEqual(expect.arrayContaining([id, `${id}.json`]));
    for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/uploads/${id}`,
        headers: { ...keeper.headers, ...patchHeaders(6) },
        ...(method === 'PATCH' && { payload: content.subarray(6) }),
      });
      expect(res.statusCode, `${method} ${res.body}`).toBe(403);
      if (method !== 'HEAD') {
        expectRefusal(res, 403);
        expect(errorOf(res).code).toBe('UPLOAD_NOT_OWNER');
      }
      expect(res.headers['upload-offset']).toBeUndefined();
      expect(uploadsState()).toEqual(before);
    }
    // A client cannot claim to be the owner either.
    const officerId = (await t.app.inject({ url: '/api/auth/me', headers: officer.headers })).json<{
      user: { id: string };
    }>().user.id;
    const spoofed = await t.app.inject({
      method: 'DELETE',
      url: `/api/uploads/${id}`,
      headers: { ...keeper.headers, ...tus, 'x-zhifa-upload-owner': officerId },
    });
    expect(spoofed.statusCode).toBe(403);
    // Nor can it be registered by someone else.
    const register = await t.app.inject({
      method: 'POST',
      url: '/api/records/from-upload',
      headers: keeper.headers,
      payload: { uploadId: id },
    });
    expect(register.statusCode).toBe(404);
    expect(uploadsState()).toEqual(before);

    const head = await t.app.inject({
      method: 'HEAD',
      url: `/api/uploads/${id}`,
      headers: { ...officer.headers, ...tus },
    });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('6');
    const rest = await t.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${id}`,
      headers: { ...officer.headers, ...patchHeaders(6) },
      payload: content.subarray(6),
    });
    expect(rest.statusCode).toBe(204);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/records/from-upload',
      headers: officer.headers,
      payload: { uploadId: id, sha256: createHash('sha256').update(content).digest('hex') },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ size: content.length, fileName: '现场.mp4' });
  });

  it('PLT-03 PLT-05 an upload path naming another file (its metadata, a parent folder) is a 400 and deletes nothing; an unknown upload is a 404', async () => {
    const id = await tusUpload(t.app, officer, Buffer.from('hello'), 'a.txt', 'text/plain');
    const before = uploadsState();
    for (const who of [keeper, officer])
      for (const method of ['DELETE', 'HEAD', 'PATCH'] as const)
        for (const bad of [`${id}.json`, `..%2F${id}`, `${id}%00`, 'abc']) {
          const res = await t.app.inject({
            method,
            url: `/api/uploads/${bad}`,
            headers: { ...who.headers, ...patchHeaders(0) },
            ...(method === 'PATCH' && { payload: Buffer.from('x') }),
          });
          expect(res.statusCode, `${method} ${bad} ${res.body}`).toBe(400);
          if (method !== 'HEAD') expectRefusal(res, 400, 'uploadId');
          expect(uploadsState()).toEqual(before);
        }
    const unknown = await t.app.inject({
      method: 'DELETE',
      url: `/api/uploads/${'0'.repeat(32)}`,
      headers: { ...officer.headers, ...tus },
    });
    expectRefusal(unknown, 404);
    expect(errorOf(unknown).code).toBe('UPLOAD_NOT_FOUND');
    // The owner may still cancel her own upload.
    const own = await t.app.inject({
      method: 'DELETE',
      url: `/api/uploads/${id}`,
      headers: { ...officer.headers, ...tus },
    });
    expect(own.statusCode).toBe(204);
    expect(fs.existsSync(path.join(dir, id))).toBe(false);
  });

  it('PLT-03 PLT-08 every tus answer (POST, HEAD, PATCH, OPTIONS, DELETE, refusals too) carries the security headers and no CORS header, whatever the Origin', async () => {
    const origin = { origin: 'https://evil.example' };
    const answers: Array<[string, LightMyRequestResponse]> = [];
    const send = async (
      label: string,
      method: 'POST' | 'HEAD' | 'PATCH' | 'OPTIONS' | 'DELETE',
      url: string,
      headers: Record<string, string>,
      payload?: Buffer,
    ) => {
      const res = await t.app.inject({
        method,
        url,
        headers: { ...origin, ...headers },
        ...(payload && { payload }),
      });
      answers.push([`${label} ${res.statusCode}`, res]);
      return res;
    };
    const created = await send('POST', 'POST', '/api/uploads', {
      ...officer.headers,
      ...tus,
      'upload-length': '4',
      'upload-metadata': `filetype ${Buffer.from('video/mp4').toString('base64')}`,
    });
    expect(created.statusCode).toBe(201);
    const url = String(created.headers.location);
    await send('HEAD', 'HEAD', url, { ...officer.headers, ...tus });
    await send('PATCH', 'PATCH', url, { ...officer.headers, ...patchHeaders(0) }, Buffer.from('abcd'));
    await send('OPTIONS', 'OPTIONS', '/api/uploads', {
      ...officer.headers,
      'access-control-request-method': 'POST',
    });
    await send('OPTIONS id', 'OPTIONS', url, {
      ...officer.headers,
      'access-control-request-method': 'PATCH',
    });
    await send('DELETE foreign', 'DELETE', url, { ...keeper.headers, ...tus });
    await send('PATCH without tus-resumable', 'PATCH', url, officer.headers, Buffer.from('x'));
    await send('DELETE', 'DELETE', url, { ...officer.headers, ...tus });
    await send('POST signed out', 'POST', '/api/uploads', tus);
    expect(answers.map(([label]) => label)).toEqual([
      'POST 201',
      'HEAD 200',
      'PATCH 204',
      'OPTIONS 204',
      'OPTIONS id 204',
      'DELETE foreign 403',
      'PATCH without tus-resumable 412',
      'DELETE 204',
      'POST signed out 401',
    ]);
    for (const [label, res] of answers) {
      const h = res.headers;
      expect(h['x-content-type-options'], label).toBe('nosniff');
      expect(h['x-frame-options'], label).toBe('DENY');
      expect(h['referrer-policy'], label).toBe('no-referrer');
      expect(h['content-security-policy'], label).toBe(API_CSP);
      expect(h['cache-control'], label).toBe('no-store');
      expect(h['x-request-id'], label).toMatch(/^[0-9a-f-]{36}$/);
      expect(
        Object.keys(h).filter((k) => k.startsWith('access-control-')),
        label,
      ).toEqual([]);
      expect(h['strict-transport-security'], label).toBeUndefined();
    }
    // tus's own protocol headers still go out.
    expect(answers[3]![1].headers['tus-version']).toBe('1.0.0');
  });

  it('PLT-08 an unforeseen failure of a tus request is a 500 without paths or error details', async () => {
    const moved = `${dir}.moved`;
    fs.renameSync(dir, moved);
    fs.writeFileSync(dir, 'not a folder');
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: {
          ...officer.headers,
          ...tus,
          'upload-length': '4',
          'upload-metadata': `filetype ${Buffer.from('video/mp4').toString('base64')}`,
        },
      });
      expect(res.statusCode).toBe(500);
      expect(res.body).toMatch(CHINESE);
      expect(res.body).not.toContain(t.app.zhifaConfig.dataDir);
      expect(res.body).not.toMatch(/ENOTDIR|EEXIST|ENOENT/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      fs.rmSync(dir);
      fs.renameSync(moved, dir);
    }
  });
});

describe('HSTS follows the public address', () => {
  it('PLT-08 with an https public address every answer carries HSTS, tus included; with an http one or none, never', async () => {
    const probe = async (t: TestApp) => {
      const s = await login(t.app, 'officer1');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: {
          ...s.headers,
          'tus-resumable': '1.0.0',
          'upload-length': '4',
          'upload-metadata': `filetype ${Buffer.from('video/mp4').toString('base64')}`,
        },
      });
      const answers = [
        await t.app.inject({ url: '/api/openapi.json' }),
        await t.app.inject({ url: '/' }),
        await t.app.inject({ url: '/transparency/checkpoint' }),
        await t.app.inject({ url: '/api/no-such-thing' }),
        await t.app.inject({ url: '/api/units' }),
        created,
        await t.app.inject({
          method: 'HEAD',
          url: String(created.headers.location),
          headers: { ...s.headers, 'tus-resumable': '1.0.0' },
        }),
        await t.app.inject({ method: 'OPTIONS', url: '/api/uploads', headers: s.headers }),
      ];
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 404, 401, 201, 200, 204]);
      return answers.map((r) => r.headers['strict-transport-security']);
    };
    const https = await makeTestApp('sqlite', { env: { ZHIFA_PUBLIC_URL: 'https://zfgs.example.gov.cn/' } });
    try {
      expect(https.app.zhifaConfig.publicUrl).toBe('https://zfgs.example.gov.cn');
      expect(new Set(await probe(https))).toEqual(new Set([HSTS]));
    } finally {
      await https.close();
    }
    for (const env of [{ ZHIFA_PUBLIC_URL: 'http://10.0.0.5:8080' }, {}] as Array<Record<string, string>>) {
      const plain = await makeTestApp('sqlite', { env });
      try {
        expect(new Set(await probe(plain))).toEqual(new Set([undefined]));
      } finally {
        await plain.close();
      }
    }
  });

  it('PLT-05 ZHIFA_PUBLIC_URL must be an http(s) address without credentials or query; unset it is http://localhost:PORT', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ ZHIFA_PUBLIC_URL: 'HTTPS://Zfgs.Example.gov.cn/zhifa/' }).publicUrl).toBe(
      'https://zfgs.example.gov.cn/zhifa',
    );
    for (const bad of [
      'zfgs.example.gov.cn',
      'ftp://zfgs.example.gov.cn',
      'https://',
      'https://user:s3cret@zfgs.example.gov.cn',
      'https://zfgs.example.gov.cn/?a=1',
      'javascript:alert(1)',
    ]) {
      let error: unknown;
      try {
        loadConfig({ ZHIFA_PUBLIC_URL: bad });
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^ZHIFA_PUBLIC_URL: /);
      expect(problems[0]).toMatch(CHINESE);
      expect(problems[0]).not.toContain('s3cret');
    }
  });
});
