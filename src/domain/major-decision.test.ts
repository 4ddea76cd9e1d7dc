import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { yuan } from './case-types';
import {
  checkMajorDecisionInput,
  checkMajorDecisionSettings,
  classifyMajorDecision,
  COMPULSION_METHODS,
  DEFAULT_MAJOR_DECISION_SETTINGS as S,
  SANCTION_KINDS_FOR_REVIEW,
  type MajorCategory,
  type MajorDecisionInput,
} from './major-decision';

const cats = (i: MajorDecisionInput, s = S) => classifyMajorDecision(i, s).categories.map((c) => c.category);
const fine = (amountFen: number) => ({ kind: 'fine' as const, amountFen });
const org = { actType: 'penalty', partyKind: 'organisation' } as const;
const person = { actType: 'penalty', partyKind: 'person' } as const;

const table: [string, MajorDecisionInput, MajorCategory[]][] = [
  ['organisation fine AT ¥50,000', { ...org, sanctions: [fine(yuan(50_000))] }, [1]],
  ['organisation fine JUST BELOW ¥50,000', { ...org, sanctions: [fine(yuan(50_000) - 1)] }, []],
  ['person fine AT ¥5,000', { ...person, sanctions: [fine(yuan(5_000))] }, [1]],
  ['person fine JUST BELOW ¥5,000', { ...person, sanctions: [fine(yuan(5_000) - 1)] }, []],
  [
    'person fine ¥20,000 but organisation threshold not relevant',
    { ...person, sanctions: [fine(yuan(20_000))] },
    [1],
  ],
  [
    'confiscation AT ¥50,000',
    { ...person, sanctions: [{ kind: 'confiscation', amountFen: yuan(50_000) }] },
    [1],
  ],
  [
    'confiscation JUST BELOW',
    { ...person, sanctions: [{ kind: 'confiscation', amountFen: yuan(50_000) - 1 }] },
    [],
  ],
  ['a warning alone', { ...org, sanctions: [{ kind: 'warning' }] }, []],
  ['warning and a small fine', { ...org, sanctions: [{ kind: 'warning' }, fine(yuan(10_000))] }, []],
  ['lower qualification', { ...org, sanctions: [{ kind: 'lowerQualification' }] }, [1]],
  ['revoke licence', { ...org, sanctions: [{ kind: 'revokeLicence' }] }, [1]],
  ['suspend business', { ...org, sanctions: [{ kind: 'suspendBusiness' }] }, [1]],
  ['order closure', { ...org, sanctions: [{ kind: 'orderClosure' }] }, [1]],
  ['restrict practice', { ...person, sanctions: [{ kind: 'restrictPractice' }] }, [1]],
  [
    'first use of a basis outside civil defence',
    { ...org, basisOutsideCivilDefence: true, firstUseOfBasis: true },
    [1],
  ],
  [
    'basis outside civil defence, not the first use',
    { ...org, basisOutsideCivilDefence: true, firstUseOfBasis: false },
    [],
  ],
  ['reduced penalty', { ...org, sanctions: [fine(yuan(1_000))], reduced: true }, [2]],
  ['reduced and above threshold', { ...org, sanctions: [fine(yuan(60_000))], reduced: true }, [1, 2]],
  [
    'no penalty: minor, corrected, harmless',
    { ...org, outcome: 'noPenalty', noPenaltyReason: 'minorCorrectedHarmless' },
    [3],
  ],
  ['no penalty: not established', { ...org, outcome: 'noPenalty', noPenaltyReason: 'notEstablished' }, []],
  [
    'no penalty with a fine listed is not category 1',
    { ...org, outcome: 'noPenalty', sanctions: [fine(yuan(90_000))] },
    [],
  ],
  [
    'revoke a listed licence',
    { actType: 'licensing', licence: { kind: '防空地下室审核', action: 'revoke' } },
    [4],
  ],
  [
    'change a listed licence',
    { actType: 'licensing', licence: { kind: '民防工程拆除审批', action: 'change' } },
    [4],
  ],
  [
    'withdraw a listed licence',
    { actType: 'licensing', licence: { kind: '民防建设工程竣工验收备案', action: 'withdraw' } },
    [4],
  ],
  [
    'grant a listed licence',
    { actType: 'licensing', licence: { kind: '防空地下室审核', action: 'grant' } },
    [],
  ],
  [
    'revoke an unlisted licence',
    { actType: 'licensing', licence: { kind: '其他许可', action: 'revoke' } },
    [],
  ],
  [
    'execution by demolition',
    { actType: 'compulsion', compulsion: { kind: 'execution', method: 'demolition' } },
    [5],
  ],
  [
    'execution by auction',
    { actType: 'compulsion', compulsion: { kind: 'execution', method: 'auction' } },
    [5],
  ],
  [
    'execution by surcharge',
    { actType: 'compulsion', compulsion: { kind: 'execution', method: 'surcharge' } },
    [],
  ],
  [
    'execution by late fee',
    { actType: 'compulsion', compulsion: { kind: 'execution', method: 'lateFee' } },
    [],
  ],
  [
    'immediate substitute performance',
    { actType: 'compulsion', compulsion: { kind: 'execution', method: 'immediateSubstitutePerformance' } },
    [],
  ],
  [
    'a measure, not an execution',
    { actType: 'compulsion', compulsion: { kind: 'measure', method: 'other' } },
    [],
  ],
  ['manual 6', { actType: 'inspection', manual: [{ category: 6, reason: '社会关注度高' }] }, [6]],
  [
    'manual 7 and 6, sorted',
    {
      actType: 'inspection',
      manual: [
        { category: 7, reason: '领导指定' },
        { category: 6, reason: '影响大' },
      ],
    },
    [6, 7],
  ],
  [
    'all of 1, 2, 6',
    { ...org, sanctions: [fine(yuan(50_000))], reduced: true, manual: [{ category: 6, reason: '影响大' }] },
    [1, 2, 6],
  ],
];

describe('classifyMajorDecision', () => {
  it.each(table)('REV-01 %s', (_t, input, expected) => {
    const r = classifyMajorDecision(input, S);
    expect(r.categories.map((c) => c.category)).toEqual(expected);
    expect(r.major).toBe(expected.length > 0);
    for (const c of r.categories) expect(c.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('REV-01 the reason names the fact and the threshold', () => {
    const r = classifyMajorDecision({ ...org, sanctions: [fine(yuan(60_000))] }, S);
    expect(r.categories).toEqual([
      { category: 1, reason: '对单位罚款 60,000元，达到听证标准 50,000元（行政处罚法第六十三条）' },
    ]);
  });

  it('REV-01 a category appears once even when several facts match it', () => {
    const r = classifyMajorDecision(
      {
        ...org,
        sanctions: [fine(yuan(60_000)), { kind: 'revokeLicence' }],
        basisOutsideCivilDefence: true,
        firstUseOfBasis: true,
      },
      S,
    );
    expect(r.categories.map((c) => c.category)).toEqual([1]);
    expect(r.categories[0]!.reason.split('；')).toHaveLength(3);
  });

  it('REV-01 the thresholds and licence list are settings', () => {
    const s = {
      thresholds: { person: yuan(3_000), organisation: yuan(30_000), confiscation: yuan(10_000) },
      licenceKinds: ['某许可'],
    };
    expect(cats({ ...org, sanctions: [fine(yuan(30_000))] }, s)).toEqual([1]);
    expect(cats({ ...org, sanctions: [fine(yuan(30_000))] })).toEqual([]);
    expect(cats({ actType: 'licensing', licence: { kind: '某许可', action: 'revoke' } }, s)).toEqual([4]);
    expect(cats({ actType: 'licensing', licence: { kind: '防空地下室审核', action: 'revoke' } }, s)).toEqual(
      [],
    );
  });

  it('REV-01 adding a manual category never removes another', () => {
    const input = fc.record({
      partyKind: fc.constantFrom('person' as const, 'organisation' as const),
      sanctions: fc.array(
        fc.record({ kind: fc.constantFrom(...SANCTION_KINDS_FOR_REVIEW), amountFen: fc.nat(yuan(200_000)) }),
        { maxLength: 3 },
      ),
      reduced: fc.boolean(),
      method: fc.constantFrom(...COMPULSION_METHODS),
      actType: fc.constantFrom('penalty' as const, 'compulsion' as const),
    });
    fc.assert(
      fc.property(input, fc.constantFrom(6 as const, 7 as const), (i, m) => {
        const base: MajorDecisionInput = { ...i, compulsion: { kind: 'execution', method: i.method } };
        const before = cats(base);
        const after = cats({ ...base, manual: [{ category: m, reason: '理由充分' }] });
        expect(after).toEqual([...new Set([...before, m])].sort());
      }),
    );
  });
});

describe('checkMajorDecisionInput / checkMajorDecisionSettings', () => {
  it('REV-01 bad input is named by field', () => {
    expect(checkMajorDecisionInput({ ...org, sanctions: [fine(-1)] })[0]?.field).toBe(
      'sanctions[0].amountFen',
    );
    expect(
      checkMajorDecisionInput({ actType: 'penalty', manual: [{ category: 6, reason: ' 甲 ' }] })[0]?.field,
    ).toBe('manual[0].reason');
    expect(checkMajorDecisionInput({ ...org, noPenaltyReason: 'timeBarred' })[0]?.field).toBe(
      'noPenaltyReason',
    );
    expect(checkMajorDecisionInput({ ...org, sanctions: [fine(yuan(1))] })).toEqual([]);
  });
  it('REV-01 settings need positive thresholds and distinct licence kinds', () => {
    expect(checkMajorDecisionSettings(S)).toEqual([]);
    expect(
      checkMajorDecisionSettings({
        ...S,
        thresholds: { ...S.thresholds, person: 0 },
        licenceKinds: ['甲', '甲'],
      }).map((p) => p.field),
    ).toEqual(['thresholds.person', 'licenceKinds[1]']);
  });
});
