import { describe, expect, it } from 'vitest';
import { SEED_POWER_ITEMS, validateBenchmark } from '../../src/domain/penalty-rules';
import {
  benchmarkFieldPath,
  benchmarkToForm,
  emptyBenchmarkForm,
  formToBenchmark,
  type BenchmarkForm,
} from './benchmark-form';

describe('the discretion-benchmark form (yuan) and the benchmark (fen)', () => {
  it('PUB-05 every seed benchmark comes back unchanged from the form, and the form shows yuan', () => {
    for (const item of SEED_POWER_ITEMS)
      expect(formToBenchmark(benchmarkToForm(item.benchmark))).toEqual(item.benchmark);
    const form = benchmarkToForm(SEED_POWER_ITEMS.find((i) => i.code === 'QPMF-CF-001')!.benchmark);
    expect(form.legal.person).toEqual({ min: 10_000, max: 100_000 });
    expect(form.grades[1]!.standard).toMatchObject({
      kind: 'perUnit',
      unit: 'm²',
      perUnit: 200,
      min: 30_000,
      cap: 100_000,
    });
    // The fine is the standard: 其他处罚种类 lists the rest.
    expect(form.grades[0]!.sanctions).toEqual(['warning']);
  });

  it('converts yuan with cents exactly, leaves an untyped band out and an untyped lower end at zero', () => {
    const f: BenchmarkForm = {
      ...emptyBenchmarkForm(),
      violation: ' 擅自拆除民防工程 ',
      basis: '《上海市民防条例》第四十三条',
      legal: { person: { min: null, max: 5000.29 }, organisation: {} },
      grades: [
        {
          grade: 'lenient',
          conditions: '及时改正的',
          standard: {
            kind: 'band',
            person: { min: 0.29, max: 1000.1 },
            organisation: { min: null, max: null },
          },
          sanctions: ['warning'],
        },
        {
          grade: 'ordinary',
          conditions: '按面积计罚',
          standard: {
            kind: 'perUnit',
            unit: ' m² ',
            perUnit: 12.5,
            cap: 5000,
            min: null,
            partyKinds: ['person'],
          },
        },
        { grade: 'none', conditions: '首违不罚', standard: { kind: 'none' }, sanctions: [] },
      ],
    };
    const b = formToBenchmark(f);
    expect(b).toEqual({
      violation: '擅自拆除民防工程',
      basis: '《上海市民防条例》第四十三条',
      legal: { person: { min: 0, max: 500_029 } },
      grades: [
        {
          grade: 'lenient',
          conditions: '及时改正的',
          standard: { kind: 'band', person: { min: 29, max: 100_010 } },
          sanctions: ['warning', 'fine'],
        },
        {
          grade: 'ordinary',
          conditions: '按面积计罚',
          standard: { kind: 'perUnit', unit: 'm²', perUnit: 1250, cap: 500_000, partyKinds: ['person'] },
        },
        { grade: 'none', conditions: '首违不罚', standard: { kind: 'none' } },
      ],
    });
    expect(validateBenchmark(b)).toEqual([]);
  });

  it('PLT-05 names the form field for each of the server’s benchmark fields', () => {
    expect(benchmarkFieldPath('benchmark.violation')).toEqual(['benchmark', 'violation']);
    expect(benchmarkFieldPath('benchmark.grades[2].standard.person.min')).toEqual([
      'benchmark',
      'grades',
      2,
      'standard',
      'person',
      'min',
    ]);
    expect(benchmarkFieldPath('benchmark.grades[0].standard.organisation')).toEqual([
      'benchmark',
      'grades',
      0,
      'standard',
      'organisation',
      'min',
    ]);
    expect(benchmarkFieldPath('benchmark.grades[1].standard')).toEqual([
      'benchmark',
      'grades',
      1,
      'standard',
      'kind',
    ]);
    expect(benchmarkFieldPath('benchmark.legal.person.max')).toEqual(['benchmark', 'legal', 'person', 'max']);
    expect(benchmarkFieldPath('benchmark.grades')).toEqual(['benchmark', 'grades']);
  });
});
