import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db';
import { errorOf, makeTestApp, type TestApp } from '../app';

const CHINESE = /[\u4e00-\u9fff]/;

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
