import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, httpClient, login, ok, type Session, type TestApp, makeTestApp } from '../app';
import { DIALECTS } from '../db';

/** A benchmark in fen, as the API takes it: 法定 ¥1,000–¥5,000 / ¥10,000–¥50,000, two grades. */
const BENCHMARK = {
  violation: '擅自拆除民防工程',
  basis: '《上海市民防条例》第四十三条：对个人处一千元以上五千元以下、对单位处一万元以上五万元以下罚款',
  legal: { person: { min: 100_000, max: 500_000 }, organisation: { min: 1_000_000, max: 5_000_000 } },
  grades: [
    {
      grade: 'lenient',
      conditions: '拆除面积不足100平方米且及时改正的',
      standard: {
        kind: 'band',
        person: { min: 100_000, max: 200_000 },
        organisation: { min: 1_000_000, max: 2_000_000 },
      },
      sanctions: ['warning', 'fine'],
    },
    {
      grade: 'ordinary',
      conditions: '拆除面积100平方米以上的：按面积每平方米100元计罚',
      standard: {
        kind: 'perUnit',
        unit: 'm²',
        perUnit: 10_000,
        min: 1_000_000,
        cap: 5_000_000,
        partyKinds: ['organisation'],
      },
    },
  ],
};

/** 权力事项: an administrator adds one (PUB-05 pre-publicity data), ledgered; bad input is a 4xx. */
describe.each(DIALECTS)('adding a power item on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let unitId = '';
  const { post, get } = httpClient(() => t.app);
  const body = (over: Record<string, unknown> = {}) => ({
    code: 'QPMF-CF-101',
    name: '对擅自拆除民防工程的行政处罚',
    actType: 'penalty',
    basis: ['《上海市民防条例》第四十三条', '《中华人民共和国人民防空法》第四十九条'],
    domain: '人防工程使用管理',
    unitId,
    benchmark: BENCHMARK,
    ...over,
  });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
    officer = await login(t.app, 'officer1');
    unitId = (await ok<{ items: Array<{ id: string; name: string }> }>(get(admin, '/api/units'))).items.find(
      (u) => u.name === '执法科',
    )!.id;
  });
  afterAll(() => t?.close());

  it('PUB-05 PLT-04 an administrator adds a power item: listed with its statutory bands, and its creation is a ledger entry carrying the item', async () => {
    const made = await ok<{ id: string; code: string; legalBands: unknown; active: boolean }>(
      post(admin, '/api/power-items', body()),
      201,
    );
    expect(made).toMatchObject({
      code: 'QPMF-CF-101',
      active: true,
      legalBands: {
        person: { min: 100_000, max: 500_000 },
        organisation: { min: 1_000_000, max: 5_000_000 },
      },
    });
    const listed = await ok<Array<{ id: string; basis: string[]; benchmark: unknown }>>(
      get(officer, '/api/power-items'),
    );
    const item = listed.find((i) => i.id === made.id)!;
    expect(item.basis).toHaveLength(2);
    expect(item.benchmark).toEqual(BENCHMARK);

    const entries = await t.db.db
      .selectFrom('ledger')
      .select(['action', 'data'])
      .where('subject_id', '=', made.id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['powerItem.created@1']);
    const raw: unknown = entries[0]!.data;
    const data = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      code: string;
      state: { code: string; benchmark: unknown };
    };
    expect(data.code).toBe('QPMF-CF-101');
    expect(data.state.code).toBe('QPMF-CF-101');
    expect(data.state.benchmark).toEqual(BENCHMARK);
  });

  it('PLT-05 a code already in use is 409 POWER_ITEM_CODE_TAKEN on the code; nothing is written', async () => {
    const before = await t.db.db
      .selectFrom('ledger')
      .select(t.db.db.fn.countAll().as('n'))
      .executeTakeFirst();
    const again = await post(admin, '/api/power-items', body({ name: '另一个事项' }));
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'POWER_ITEM_CODE_TAKEN', field: 'code' });
    expect(errorOf(again).message).toContain('QPMF-CF-101');
    const after = await t.db.db.selectFrom('ledger').select(t.db.db.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it('PLT-05 bad fields are 400 with a stable code, the field and a Chinese message', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ code: '权力 01' }, 'POWER_ITEM_CODE_INVALID', 'code'],
      [{ name: ' 罚' }, 'POWER_ITEM_NAME_INVALID', 'name'],
      [{ basis: ['法'] }, 'BASIS_REQUIRED', 'basis'],
      [{ unitId: '01a00000-0000-7000-8000-000000000000' }, 'UNIT_NOT_FOUND', 'unitId'],
    ];
    for (const [over, code, field] of cases) {
      const r = await post(admin, '/api/power-items', body({ code: 'QPMF-CF-102', ...over }));
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(errorOf(r)).toMatchObject({ code, field });
      expect(errorOf(r).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const noBasis = await post(admin, '/api/power-items', body({ code: 'QPMF-CF-102', basis: [] }));
    expect(noBasis.statusCode).toBe(400);
    expect(errorOf(noBasis).field).toBe('basis');
    expect(
      (await ok<Array<{ code: string }>>(get(admin, '/api/power-items'))).some(
        (i) => i.code === 'QPMF-CF-102',
      ),
    ).toBe(false);
  });

  it('PLT-05 an unsound benchmark is 400 BENCHMARK_INVALID naming every problem with its field', async () => {
    const grades = structuredClone(BENCHMARK.grades) as Array<Record<string, unknown>>;
    grades[0]!.standard = {
      kind: 'band',
      person: { min: 300_000, max: 200_000 },
      organisation: { min: 1_000_000, max: 9_000_000 },
    };
    grades[1]!.conditions = ' ';
    const r = await post(
      admin,
      '/api/power-items',
      body({ code: 'QPMF-CF-103', benchmark: { ...BENCHMARK, violation: ' ', grades } }),
    );
    expect(r.statusCode).toBe(400);
    const error = r.json<{
      error: {
        code: string;
        field: string;
        details: { problems: Array<{ field: string; message: string }> };
      };
    }>().error;
    expect(error.code).toBe('BENCHMARK_INVALID');
    expect(error.field).toBe('benchmark.violation');
    expect(error.details.problems).toEqual([
      { field: 'benchmark.violation', message: '违法行为不能为空' },
      { field: 'benchmark.grades[0].standard.person.min', message: '罚款下限不能高于上限' },
      { field: 'benchmark.grades[0].standard.organisation', message: '裁量幅度超出法定罚款幅度' },
      { field: 'benchmark.grades[1].conditions', message: '适用情形不能为空' },
    ]);
  });

  it('PLT-03 only an administrator adds a power item', async () => {
    const r = await post(officer, '/api/power-items', body({ code: 'QPMF-CF-104' }));
    expect(r.statusCode).toBe(403);
  });
});
