import { describe, expect, it } from 'vitest';
import {
  basisOutsideCivilDefence,
  checkFilingFacts,
  classificationInput,
  reviewSanctionsOf,
  type CaseClassificationFacts,
} from './case-classification';
import { classifyMajorDecision, DEFAULT_MAJOR_DECISION_SETTINGS } from './major-decision';

const base: CaseClassificationFacts = {
  actType: 'penalty',
  procedure: 'ordinary',
  partyKind: 'organisation',
  filing: {},
  powerItemBasis: ['《上海市民防条例》第四十三条'],
  decidedBefore: false,
  manual: [],
};
const classify = (f: Partial<CaseClassificationFacts>) =>
  classifyMajorDecision(classificationInput({ ...base, ...f }), DEFAULT_MAJOR_DECISION_SETTINGS);

describe('a case’s facts as the classification’s input', () => {
  it('REV-01 the party kind and the sanctions proposed at filing are the input', () => {
    const input = classificationInput({
      ...base,
      filing: { proposedSanctions: [{ kind: 'fine', amountFen: 6_000_000 }] },
    });
    expect(input).toEqual({
      actType: 'penalty',
      partyKind: 'organisation',
      sanctions: [{ kind: 'fine', amountFen: 6_000_000 }],
    });
    expect(
      classifyMajorDecision(input, DEFAULT_MAJOR_DECISION_SETTINGS).categories.map((c) => c.category),
    ).toEqual([1]);
  });

  it('REV-01 the penalty proposal replaces the filing’s, and the approved decision replaces both', () => {
    const filing = { proposedSanctions: [{ kind: 'fine' as const, amountFen: 6_000_000 }] };
    const proposed = { kinds: ['warning', 'fine'] as const, fine: 2_000_000, confiscated: 0 };
    expect(classify({ filing }).major).toBe(true);
    expect(classify({ filing, sanction: proposed }).major).toBe(false);
    expect(
      classify({
        filing,
        sanction: proposed,
        approvedDecision: {
          outcome: 'penalty',
          sanction: { kinds: ['fine'], fine: 5_000_000, confiscated: 0 },
        },
      }).major,
    ).toBe(true);
    // Without any proposal, a fine does not make the case major.
    expect(classify({}).major).toBe(false);
  });

  it('REV-01 the case’s sanction kinds map onto the classification’s, with the amounts', () => {
    expect(
      reviewSanctionsOf({
        kinds: [
          'warning',
          'fine',
          'confiscation',
          'suspension',
          'restriction',
          'revokeLicence',
          'lowerQualification',
        ],
        fine: 100,
        confiscated: 200,
      }),
    ).toEqual([
      { kind: 'warning' },
      { kind: 'fine', amountFen: 100 },
      { kind: 'confiscation', amountFen: 200 },
      { kind: 'suspendBusiness' },
      { kind: 'restrictPractice' },
      { kind: 'revokeLicence' },
      { kind: 'lowerQualification' },
    ]);
  });

  it('REV-01 a decision not to penalise is no penalty: the filing’s proposal no longer counts', () => {
    const filing = { proposedSanctions: [{ kind: 'fine' as const, amountFen: 6_000_000 }] };
    expect(classify({ filing, outcome: 'noPenalty' }).major).toBe(false);
    expect(
      classify({ filing, outcome: 'noPenalty', noPenaltyReason: 'minorCorrectedHarmless' }).categories.map(
        (c) => c.category,
      ),
    ).toEqual([3]);
    expect(classify({ reduced: true }).categories.map((c) => c.category)).toEqual([2]);
  });

  it('REV-01 a basis outside civil defence: major on the office’s first decision under it only', () => {
    expect(basisOutsideCivilDefence(['《上海市民防条例》第四十三条'])).toBe(false);
    expect(basisOutsideCivilDefence(['《中华人民共和国人民防空法》第四十八条'])).toBe(false);
    expect(
      basisOutsideCivilDefence([
        '《中华人民共和国行政处罚法》第七十二条',
        '《中华人民共和国行政强制法》第四十五条',
      ]),
    ).toBe(false);
    expect(basisOutsideCivilDefence(['《中华人民共和国消防法》第六十条', '《上海市民防条例》'])).toBe(true);
    expect(basisOutsideCivilDefence(['第四十三条'])).toBe(false);
    const outside = { powerItemBasis: ['《中华人民共和国消防法》第六十条'] };
    const first = classify(outside);
    expect(first.categories.map((c) => c.category)).toEqual([1]);
    expect(first.categories[0]!.reason).toContain('首次');
    expect(classify({ ...outside, decidedBefore: true }).major).toBe(false);
    expect(classificationInput({ ...base, ...outside, decidedBefore: true })).toMatchObject({
      basisOutsideCivilDefence: true,
      firstUseOfBasis: false,
    });
  });

  it('REV-01 the execution method of a compulsory execution and the licence action are the input', () => {
    const exec = (method: 'demolition' | 'lateFee' | 'immediateSubstitutePerformance') =>
      classify({ actType: 'compulsion', procedure: 'execution', filing: { executionMethod: method } });
    expect(exec('demolition').categories.map((c) => c.category)).toEqual([5]);
    expect(exec('lateFee').major).toBe(false);
    expect(exec('immediateSubstitutePerformance').major).toBe(false);
    expect(
      classificationInput({
        ...base,
        actType: 'compulsion',
        procedure: 'measure',
        filing: { executionMethod: 'demolition' },
      }).compulsion,
    ).toEqual({ kind: 'measure', method: 'demolition' });
    const lic = (kind: string, action: 'revoke' | 'grant') =>
      classify({ actType: 'licensing', procedure: 'standard', filing: { licence: { kind, action } } });
    expect(lic('防空地下室审核', 'revoke').categories.map((c) => c.category)).toEqual([4]);
    expect(lic('防空地下室审核', 'grant').major).toBe(false);
    expect(lic('其他许可', 'revoke').major).toBe(false);
    // A penalty's facts do not leak into other act types.
    expect(
      classificationInput({
        ...base,
        actType: 'inspection',
        filing: { proposedSanctions: [{ kind: 'fine', amountFen: 9_000_000 }] },
      }),
    ).toEqual({ actType: 'inspection', partyKind: 'organisation' });
  });

  it('REV-01 manual categories 6 and 7 are kept with their reasons, whatever the facts', () => {
    const r = classify({
      filing: { proposedSanctions: [{ kind: 'fine', amountFen: 6_000_000 }] },
      manual: [{ category: 7, reason: '区领导指定' }],
    });
    expect(r.categories.map((c) => c.category)).toEqual([1, 7]);
    expect(r.categories[1]!.reason).toContain('区领导指定');
    expect(classify({ manual: [{ category: 6, reason: '社会关注' }] }).major).toBe(true);
  });
});

describe('what a filing may propose', () => {
  it('REV-01 sanctions only for an ordinary penalty case, each known once, amounts in fen where they belong', () => {
    const ok = checkFilingFacts('penalty', 'ordinary', {
      proposedSanctions: [{ kind: 'warning' }, { kind: 'fine', amountFen: 6_000_000 }],
    });
    expect(ok).toEqual([]);
    const fields = (actType: 'penalty' | 'compulsion' | 'licensing', procedure: string, f: object) =>
      checkFilingFacts(actType, procedure, f as never).map((p) => p.field);
    expect(fields('penalty', 'simplified', { proposedSanctions: [] })).toEqual(['proposedSanctions']);
    expect(fields('penalty', 'ordinary', { proposedSanctions: [{ kind: 'fine' }] })).toEqual([
      'proposedSanctions[0].amountFen',
    ]);
    expect(fields('penalty', 'ordinary', { proposedSanctions: [{ kind: 'fine', amountFen: 1.5 }] })).toEqual([
      'proposedSanctions[0].amountFen',
    ]);
    expect(fields('penalty', 'ordinary', { proposedSanctions: [{ kind: 'warning', amountFen: 1 }] })).toEqual(
      ['proposedSanctions[0].amountFen'],
    );
    expect(fields('penalty', 'ordinary', { proposedSanctions: [{ kind: 'jail' }] })).toEqual([
      'proposedSanctions[0].kind',
    ]);
    expect(
      fields('penalty', 'ordinary', { proposedSanctions: [{ kind: 'warning' }, { kind: 'warning' }] }),
    ).toEqual(['proposedSanctions[1].kind']);
    expect(fields('penalty', 'ordinary', { executionMethod: 'demolition' })).toEqual(['executionMethod']);
    expect(fields('compulsion', 'measure', { executionMethod: 'demolition' })).toEqual(['executionMethod']);
    expect(fields('compulsion', 'execution', { executionMethod: 'burn' })).toEqual(['executionMethod']);
    expect(fields('compulsion', 'execution', { executionMethod: 'demolition' })).toEqual([]);
    expect(fields('penalty', 'ordinary', { licence: { kind: 'x', action: 'revoke' } })).toEqual(['licence']);
    expect(fields('licensing', 'standard', { licence: { kind: ' ', action: 'revoke' } })).toEqual([
      'licence.kind',
    ]);
    expect(fields('licensing', 'standard', { licence: { kind: 'x', action: 'burn' } })).toEqual([
      'licence.action',
    ]);
    for (const p of checkFilingFacts('penalty', 'simplified', { proposedSanctions: [{ kind: 'fine' }] }))
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
