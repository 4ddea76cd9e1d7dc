import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db';
import { errorOf, login, makeTestApp, type TestApp } from '../app';
import { chineseDateTime } from '../../src/domain/shanghai-time';

/** An independent RFC 6962 reference: the root from all leaf hashes, recursively. */
function referenceRoot(leaves: Buffer[]): Buffer {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  if (leaves.length === 0) return h();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return h(Buffer.from([1]), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** An independent check of a C2SP signed checkpoint with node:crypto alone. */
function checkNote(note: string, vkey: string): { origin: string; size: number; root: Buffer } {
  // name+keyid+base64 — the base64 part may itself contain '+'.
  const [, name, keyIdHex, keyB64] = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(vkey.trim()) as unknown as [
    string,
    string,
    string,
    string,
  ];
  const key = Buffer.from(keyB64, 'base64');
  expect(key[0]).toBe(1);
  const pub = key.subarray(1);
  const keyId = createHash('sha256')
    .update(Buffer.concat([Buffer.from(name), Buffer.from([0x0a, 0x01]), pub]))
    .digest()
    .subarray(0, 4);
  expect(keyId.toString('hex')).toBe(keyIdHex);
  const [text, sigLine] = note.split('\n\n') as [string, string];
  const m = /^\u2014 (\S+) (\S+)\n$/.exec(sigLine)!;
  expect(m[1]).toBe(name);
  const sig = Buffer.from(m[2]!, 'base64');
  expect(sig.subarray(0, 4).equals(keyId)).toBe(true);
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: pub.toString('base64url') },
    format: 'jwk',
  });
  expect(edVerify(null, Buffer.from(`${text}\n`), publicKey, sig.subarray(4))).toBe(true);
  const [origin, size, root] = text.split('\n') as [string, string, string];
  return { origin, size: Number(size), root: Buffer.from(root, 'base64') };
}

describe.each(DIALECTS)('transparency on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t?.close());

  const leaves = async () =>
    (await t.db.db.selectFrom('ledger').select('leaf_hash').orderBy('seq').execute()).map((r) =>
      Buffer.from(r.leaf_hash, 'hex'),
    );

  it('PLT-04 the public checkpoint is a C2SP signed note that verifies independently against the ledger', async () => {
    const vkey = (await t.app.inject({ url: '/transparency/key' })).body;
    const res = await t.app.inject({ url: '/transparency/checkpoint' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const cp = checkNote(res.body, vkey);
    expect(cp.origin).toBe('zhifa.local/ledger');
    const all = await leaves();
    expect(cp.size).toBe(all.length);
    expect(cp.root.equals(referenceRoot(all))).toBe(true);
  });

  it('PLT-04 inclusion and consistency proofs served publicly verify with a reference check', async () => {
    const admin = await login(t.app, 'admin');
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/transparency/checkpoints',
      headers: admin.headers,
    });
    expect(made.statusCode).toBe(201);
    const all = await leaves();
    const size = all.length;
    for (const index of [0, 1, Math.floor(size / 2), size - 1]) {
      const p = (
        await t.app.inject({ url: `/transparency/proof/inclusion?index=${index}&size=${size}` })
      ).json<{ leafHash: string; rootHash: string; proof: string[] }>();
      expect(Buffer.from(p.leafHash, 'base64').equals(all[index]!)).toBe(true);
      expect(Buffer.from(p.rootHash, 'base64').equals(referenceRoot(all))).toBe(true);
      // Walk the proof (RFC 9162 §2.1.3.2) without the product's code.
      let fn = index;
      let sn = size - 1;
      let r = all[index]!;
      for (const b64 of p.proof) {
        const sib = Buffer.from(b64, 'base64');
        if (fn % 2 === 1 || fn === sn) {
          r = createHash('sha256')
            .update(Buffer.concat([Buffer.from([1]), sib, r]))
            .digest();
          while (fn % 2 === 0 && fn !== 0) {
            fn >>= 1;
            sn >>= 1;
          }
        } else
          r = createHash('sha256')
            .update(Buffer.concat([Buffer.from([1]), r, sib]))
            .digest();
        fn >>= 1;
        sn >>= 1;
      }
      expect(sn).toBe(0);
      expect(r.equals(referenceRoot(all))).toBe(true);
    }
    const c = (await t.app.inject({ url: `/transparency/proof/consistency?from=10&to=${size}` })).json<{
      fromRoot: string;
      toRoot: string;
      proof: string[];
    }>();
    expect(Buffer.from(c.fromRoot, 'base64').equals(referenceRoot(all.slice(0, 10)))).toBe(true);
    expect(Buffer.from(c.toRoot, 'base64').equals(referenceRoot(all))).toBe(true);
    expect(c.proof.length).toBeGreaterThan(0);
  });

  it('PLT-05 proofs for sizes beyond the ledger are refused with 400 naming the parameter', async () => {
    const r = await t.app.inject({ url: '/transparency/proof/inclusion?index=5&size=999999' });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).field).toBe('size');
    const r2 = await t.app.inject({ url: '/transparency/proof/inclusion?index=5&size=5' });
    expect(errorOf(r2).field).toBe('index');
    const r3 = await t.app.inject({ url: '/transparency/proof/consistency?from=20&to=10' });
    expect(errorOf(r3).field).toBe('from');
  });

  it('PLT-04 checkpoints are listed newest first and never go backwards', async () => {
    const admin = await login(t.app, 'admin');
    await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: admin.headers,
      payload: { name: '检查点测试科' },
    });
    await t.app.inject({ method: 'POST', url: '/api/transparency/checkpoints', headers: admin.headers });
    const list = (await t.app.inject({ url: '/transparency/checkpoints' })).json<{
      items: Array<{ size: number }>;
    }>();
    const sizes = list.items.map((i) => i.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new Set(sizes).size).toBe(sizes.length);
  });

  it('PUB-04 the transparency page explains the checkpoint in Chinese, shows the key, and checks an entry', async () => {
    const page = await t.app.inject({ url: '/transparency?index=3' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('检查点');
    expect(page.body).toContain('zhifa.local/ledger+');
    expect(page.body).toMatch(/第 3 条留痕<strong class="status status-valid">包含在/);
  });

  it('PUB-04 PLT-06 the transparency page reads in plain Chinese with Beijing time and is linked from the portal home', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.body).toMatch(/<a href="\/transparency">[^<]*留痕[^<]*<\/a>/);
    const latest = (await t.app.inject({ url: '/transparency/checkpoints?limit=1' })).json<{
      items: Array<{ createdAt: string }>;
    }>().items[0];
    const page = await t.app.inject({ url: '/transparency' });
    expect(page.statusCode).toBe(200);
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(page.body)![1]!;
    // The signing time in Beijing time, never the stored ISO instant.
    if (latest) expect(main).toContain(`${chineseDateTime(latest.createdAt)}（北京时间）`);
    expect(main).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    // People read Chinese first; the technical references come last, in their own section.
    const tech = main.indexOf('技术说明');
    expect(tech).toBeGreaterThan(0);
    for (const term of ['RFC', 'C2SP', 'Ed25519', 'Merkle']) expect(main.indexOf(term)).toBeGreaterThan(tech);
    for (const s of ['您可以怎样监督', '最新检查点', '核验一条留痕']) expect(main).toContain(s);
  });
});
