import { describe, expect, it } from 'vitest';
import { ACT_TYPES, yuan, type Sanction } from './case-types';
import {
  CERTIFICATE_DOMAINS,
  DEFAULT_HEARING_THRESHOLDS,
  GRADE_LABELS,
  SEED_POWER_ITEMS,
  checkFine,
  checkSimplified,
  hearingQualifies,
  legalBand,
  validateBenchmark,
  type DiscretionBenchmark,
} from './penalty-rules';

const item = (code: string) => {
  const found = SEED_POWER_ITEMS.find((i) => i.code === code);
  if (!found) throw new Error(code);
  return found.benchmark;
};

const sanction = (s: Partial<Sanction>): Sanction => ({ kinds: [], fine: 0, confiscated: 0, ...s });

describe('discretion benchmark model', () => {
  it('labels grades in Chinese', () => {
    expect(GRADE_LABELS).toEqual({ none: '不予处罚', lenient: '从轻', ordinary: '一般', severe: '从重' });
  });

  it('finds nothing wrong with the seed benchmarks', () => {
    for (const i of SEED_POWER_ITEMS) expect(validateBenchmark(i.benchmark), i.code).toEqual([]);
  });

  it('reports each broken field', () => {
    const bad: DiscretionBenchmark = {
      violation: ' ',
      basis: '',
      legal: { person: { min: yuan(100), max: yuan(1000) } },
      grades: [
        {
          grade: 'lenient',
          conditions: '',
          standard: { kind: 'band', person: { min: yuan(500), max: yuan(200) } },
        },
        {
          grade: 'ordinary',
          conditions: 'x',
          standard: { kind: 'band', person: { min: yuan(500), max: yuan(2000) } },
        },
        { grade: 'severe', conditions: 'x', standard: { kind: 'band' } },
        { grade: 'none', conditions: 'x', standard: { kind: 'band', person: { min: 1, max: 2 } } },
        { grade: 'ordinary', conditions: 'x', standard: { kind: 'perUnit', unit: '', perUnit: 0, cap: -1 } },
        {
          grade: 'ordinary',
          conditions: 'x',
          standard: { kind: 'band', organisation: { min: 1.5, max: 100 } },
        },
      ],
    };
    const fields = validateBenchmark(bad).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'violation',
        'basis',
        'grades[0].conditions',
        'grades[0].standard.person.min',
        'grades[1].standard.person',
        'grades[2].standard',
        'grades[3].standard',
        'grades[4].standard.unit',
        'grades[4].standard.perUnit',
        'grades[4].standard.cap',
        'grades[5].standard.organisation.min',
        'grades[5].standard.organisation',
      ]),
    );
    expect(validateBenchmark({ violation: 'x', basis: 'y', grades: [] })).toEqual([
      { field: 'grades', message: '裁量基准至少应有一个裁量等级' },
    ]);
  });

  it('refuses a per-unit cap above the statutory maximum', () => {
    const b: DiscretionBenchmark = {
      violation: 'x',
      basis: 'y',
      legal: { organisation: { min: yuan(10_000), max: yuan(100_000) } },
      grades: [
        {
          grade: 'ordinary',
          conditions: 'x',
          standard: {
            kind: 'perUnit',
            unit: 'm²',
            perUnit: yuan(100),
            cap: yuan(200_000),
            partyKinds: ['organisation'],
          },
        },
      ],
    };
    expect(validateBenchmark(b).map((p) => p.field)).toEqual([
      'grades[0].standard.cap',
      'grades[0].standard.min',
    ]);
  });
});

describe('legalBand', () => {
  it('is the statutory band of the power item per party kind', () => {
    expect(legalBand(item('QPMF-CF-002'), 'person')).toEqual({ min: yuan(1_000), max: yuan(5_000) });
    expect(legalBand(item('QPMF-CF-002'), 'organisation')).toEqual({ min: yuan(10_000), max: yuan(50_000) });
    expect(legalBand(item('QPMF-CF-003'), 'person')).toEqual({ min: yuan(100), max: yuan(1_000) });
    expect(legalBand(item('QPMF-CF-003'), 'organisation')).toEqual({ min: yuan(500), max: yuan(5_000) });
    expect(legalBand(item('QPMF-CF-005'), 'person')).toEqual({ min: 0, max: yuan(5_000) });
    expect(legalBand(item('QPMF-JC-001'), 'person')).toBeNull();
  });

  it('without a stated legal band, spans the grades', () => {
    const b: DiscretionBenchmark = {
      violation: 'x',
      basis: 'y',
      grades: [
        { grade: 'none', conditions: 'x', standard: { kind: 'none' } },
        { grade: 'lenient', conditions: 'x', standard: { kind: 'band', person: { min: 100, max: 500 } } },
        {
          grade: 'severe',
          conditions: 'x',
          standard: { kind: 'perUnit', unit: 'm²', perUnit: 10, min: 400, cap: 900 },
        },
      ],
    };
    expect(legalBand(b, 'person')).toEqual({ min: 100, max: 900 });
    expect(legalBand(b, 'organisation')).toEqual({ min: 400, max: 900 });
  });
});

describe('checkFine', () => {
  const cf002 = item('QPMF-CF-002');

  it('accepts a fine inside the legal band, at both ends', () => {
    expect(checkFine(cf002, 'person', yuan(1_000))).toEqual({ ok: true });
    expect(checkFine(cf002, 'person', yuan(5_000))).toEqual({ ok: true });
    expect(checkFine(cf002, 'organisation', yuan(10_000))).toEqual({ ok: true });
  });

  it('refuses a fine outside the legal band of the power item', () => {
    expect(checkFine(cf002, 'person', yuan(5_000) + 1)).toEqual({
      ok: false,
      code: 'FINE_OUTSIDE_BAND',
      message: '罚款5,000.01元超出法定幅度（自然人：1,000元至5,000元）',
      band: { min: yuan(1_000), max: yuan(5_000) },
    });
    expect(checkFine(cf002, 'organisation', yuan(9_999))).toMatchObject({
      ok: false,
      code: 'FINE_OUTSIDE_BAND',
    });
    expect(checkFine(item('QPMF-JC-001'), 'person', 100)).toMatchObject({ ok: false, band: null });
  });

  it('refuses a fine outside the chosen grade', () => {
    expect(checkFine(cf002, 'organisation', yuan(30_000), { grade: 'ordinary' })).toEqual({ ok: true });
    expect(checkFine(cf002, 'organisation', yuan(45_000), { grade: 'ordinary' })).toEqual({
      ok: false,
      code: 'FINE_OUTSIDE_BAND',
      message: '罚款45,000元不在“一般”等级的幅度内（法人或其他组织：20,000元至40,000元）',
      band: { min: yuan(20_000), max: yuan(40_000) },
    });
  });

  it('a grade of no penalty allows no fine', () => {
    const cf003 = item('QPMF-CF-003');
    expect(checkFine(cf003, 'person', 0, { grade: 'none' })).toEqual({ ok: true });
    expect(checkFine(cf003, 'person', yuan(200), { grade: 'none' })).toMatchObject({ ok: false });
    expect(checkFine(cf003, 'person', 0, { grade: 'lenient' })).toMatchObject({ ok: false });
  });

  it('refuses a grade the benchmark lacks, and a fine that is not whole fen', () => {
    expect(checkFine(cf002, 'person', yuan(1_000), { grade: 'none' })).toMatchObject({
      code: 'GRADE_NOT_FOUND',
    });
    expect(checkFine(cf002, 'person', 100.5)).toMatchObject({ code: 'FINE_INVALID' });
    expect(checkFine(cf002, 'person', -1)).toMatchObject({ code: 'FINE_INVALID' });
  });

  describe('per-m² grade with a cap (QPMF-CF-001 一般: ¥200/m², at least ¥30,000, at most ¥100,000)', () => {
    const cf001 = item('QPMF-CF-001');
    it('caps the fine at perUnit × units', () => {
      // 300 m² × ¥200 = ¥60,000
      expect(checkFine(cf001, 'organisation', yuan(60_000), { grade: 'ordinary', units: 300 })).toEqual({
        ok: true,
      });
      expect(
        checkFine(cf001, 'organisation', yuan(60_000) + 1, { grade: 'ordinary', units: 300 }),
      ).toMatchObject({
        ok: false,
        code: 'FINE_OUTSIDE_BAND',
        band: { min: yuan(30_000), max: yuan(60_000) },
      });
    });
    it('never above the cap', () => {
      // 800 m² × ¥200 = ¥160,000 → cap ¥100,000
      expect(checkFine(cf001, 'person', yuan(100_000), { grade: 'ordinary', units: 800 })).toEqual({
        ok: true,
      });
      expect(checkFine(cf001, 'person', yuan(100_000) + 1, { grade: 'ordinary', units: 800 })).toMatchObject({
        ok: false,
        band: { min: yuan(10_000), max: yuan(100_000) }, // the legal band refuses it first
      });
    });
    it('keeps the minimum when the formula gives less', () => {
      // 50 m² × ¥200 = ¥10,000 < minimum ¥30,000
      expect(checkFine(cf001, 'organisation', yuan(30_000), { grade: 'ordinary', units: 50 })).toEqual({
        ok: true,
      });
      expect(checkFine(cf001, 'organisation', yuan(20_000), { grade: 'ordinary', units: 50 })).toMatchObject({
        ok: false,
      });
    });
    it('needs the number of units', () => {
      expect(checkFine(cf001, 'organisation', yuan(30_000), { grade: 'ordinary' })).toMatchObject({
        ok: false,
        code: 'UNITS_REQUIRED',
      });
    });
  });
});

describe('simplified procedure (行政处罚法 art. 51)', () => {
  it.each([
    ['person', sanction({ kinds: ['warning'] })],
    ['person', sanction({ kinds: ['fine'], fine: yuan(200) })],
    ['person', sanction({ kinds: ['warning', 'fine'], fine: yuan(50) })],
    ['organisation', sanction({ kinds: ['fine'], fine: yuan(3_000) })],
  ] as const)('allows a %s %j', (party, s) => {
    expect(checkSimplified(party, s)).toEqual({ ok: true });
  });

  it('refuses a fine above ¥200 for a person or ¥3,000 for an organisation', () => {
    expect(checkSimplified('person', sanction({ kinds: ['fine'], fine: yuan(200) + 1 }))).toEqual({
      ok: false,
      code: 'SIMPLIFIED_LIMIT_EXCEEDED',
      message: '简易程序对公民只能处以200元以下罚款；超过的应适用普通程序',
      field: 'fine',
    });
    expect(checkSimplified('organisation', sanction({ kinds: ['fine'], fine: yuan(3_001) }))).toMatchObject({
      ok: false,
      field: 'fine',
    });
  });

  it.each(['confiscation', 'lowerQualification', 'revokeLicence', 'suspension', 'restriction'] as const)(
    'refuses %s',
    (kind) => {
      expect(checkSimplified('organisation', sanction({ kinds: ['warning', kind] }))).toMatchObject({
        ok: false,
        code: 'SIMPLIFIED_LIMIT_EXCEEDED',
        field: 'kinds',
      });
    },
  );

  it('refuses confiscated value and an empty sanction', () => {
    expect(checkSimplified('person', sanction({ kinds: ['fine'], fine: 100, confiscated: 1 }))).toMatchObject(
      {
        field: 'confiscated',
      },
    );
    expect(checkSimplified('person', sanction({}))).toMatchObject({ ok: false, field: 'kinds' });
  });
});

describe('hearing (行政处罚法 art. 63)', () => {
  it('defaults to ¥5,000 / ¥50,000 / ¥50,000', () => {
    expect(DEFAULT_HEARING_THRESHOLDS).toEqual({
      person: 500_000,
      organisation: 5_000_000,
      confiscation: 5_000_000,
    });
  });

  it('a large fine qualifies at the threshold, not below', () => {
    const t = DEFAULT_HEARING_THRESHOLDS;
    expect(hearingQualifies('person', sanction({ kinds: ['fine'], fine: yuan(5_000) }), t)).toEqual({
      qualifies: true,
      reasons: ['较大数额罚款（5,000元，自然人达到5,000元）'],
    });
    expect(hearingQualifies('person', sanction({ kinds: ['fine'], fine: yuan(4_999) }), t).qualifies).toBe(
      false,
    );
    expect(
      hearingQualifies('organisation', sanction({ kinds: ['fine'], fine: yuan(49_999) }), t).qualifies,
    ).toBe(false);
    expect(
      hearingQualifies('organisation', sanction({ kinds: ['fine'], fine: yuan(50_000) }), t).qualifies,
    ).toBe(true);
  });

  it('uses the office thresholds it is given', () => {
    const t = { person: yuan(2_000), organisation: yuan(20_000), confiscation: yuan(10_000) };
    expect(hearingQualifies('person', sanction({ kinds: ['fine'], fine: yuan(2_000) }), t).qualifies).toBe(
      true,
    );
    expect(
      hearingQualifies('person', sanction({ kinds: ['confiscation'], confiscated: yuan(10_000) }), t),
    ).toEqual({
      qualifies: true,
      reasons: ['没收较大数额违法所得、较大价值非法财物（10,000元）'],
    });
  });

  it('lowering qualification, revoking a licence, suspension and restriction qualify whatever the amount', () => {
    const r = hearingQualifies(
      'organisation',
      sanction({ kinds: ['lowerQualification', 'revokeLicence', 'suspension', 'restriction'] }),
    );
    expect(r).toEqual({
      qualifies: true,
      reasons: ['降低资质等级', '吊销许可证件', '责令停产停业、责令关闭', '限制从业'],
    });
  });

  it('a warning alone does not qualify', () => {
    expect(hearingQualifies('person', sanction({ kinds: ['warning'] }))).toEqual({
      qualifies: false,
      reasons: [],
    });
  });
});

describe('seed power items', () => {
  it('has an item for every act type, with unique codes and known domains', () => {
    const codes = SEED_POWER_ITEMS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of SEED_POWER_ITEMS) {
      expect(CERTIFICATE_DOMAINS).toContain(i.domain);
      expect(i.basis.length).toBeGreaterThan(0);
      expect(i.code).toMatch(/^QPMF-[A-Z]{2}-\d{3}$/);
      if (i.actType !== 'penalty') expect(legalBand(i.benchmark, 'organisation')).toBeNull();
    }
    const types = new Set(SEED_POWER_ITEMS.map((i) => i.actType));
    for (const t of ACT_TYPES) expect(types).toContain(t);
  });

  it('carries the statutory bands of DOMAIN.md', () => {
    const bands = SEED_POWER_ITEMS.filter((i) => i.actType === 'penalty').map((i) => [
      i.code,
      legalBand(i.benchmark, 'person'),
      legalBand(i.benchmark, 'organisation'),
    ]);
    const b = (min: number, max: number) => ({ min: yuan(min), max: yuan(max) });
    expect(bands).toEqual([
      ['QPMF-CF-001', b(10_000, 100_000), b(10_000, 100_000)],
      ['QPMF-CF-002', b(1_000, 5_000), b(10_000, 50_000)],
      ['QPMF-CF-003', b(100, 1_000), b(500, 5_000)],
      ['QPMF-CF-004', b(0, 100_000), b(0, 100_000)],
      ['QPMF-CF-005', b(0, 5_000), b(10_000, 50_000)],
    ]);
  });
});
