import { describe, expect, it } from 'vitest';
import { DEFAULT_AV_RULES, avRequirement, validateAvRules, type AvContext, type AvRule } from './av-rules';

/** A step that no default rule covers: an inquiry on an ordinary penalty case, no flags. */
const base: AvContext = {
  stepKind: 'inquiry',
  procedure: 'ordinary',
  actType: 'penalty',
  caseMajor: false,
  inField: true,
  afterCommitmentLicensing: false,
  designatedSite: false,
  contactWithParty: false,
};
const inspection: AvContext = {
  ...base,
  stepKind: 'inspection',
  actType: 'inspection',
  procedure: 'standard',
};

const label = (id: string) => DEFAULT_AV_RULES.find((r) => r.id === id)?.label;
const reasons = (ctx: AvContext) => avRequirement(DEFAULT_AV_RULES, ctx).reasons;

describe('REC-03 default AV rules', () => {
  it('the default table is valid and has the nine cases of REC-03', () => {
    expect(validateAvRules(DEFAULT_AV_RULES)).toEqual([]);
    expect(DEFAULT_AV_RULES).toHaveLength(9);
  });

  it('REC-03 a plain inquiry needs no AV', () => {
    expect(avRequirement(DEFAULT_AV_RULES, base)).toEqual({ required: false, reasons: [] });
  });

  // Each case: [rule id, a step it covers, a similar step it does not cover]
  const cases: Array<[string, AvContext, AvContext]> = [
    ['afterCommitmentLicensing', { ...inspection, afterCommitmentLicensing: true }, inspection],
    ['designatedSite', { ...inspection, designatedSite: true }, inspection],
    ['contactInspection', { ...inspection, contactWithParty: true }, { ...base, contactWithParty: true }],
    ['examination', { ...base, stepKind: 'examination' }, base],
    ['sampling', { ...base, stepKind: 'sampling' }, { ...base, stepKind: 'inspection' }],
    [
      'simplifiedPenalty',
      { ...base, stepKind: 'notice', procedure: 'simplified' },
      { ...base, stepKind: 'notice' },
    ],
    ['hearing', { ...base, stepKind: 'hearing' }, { ...base, stepKind: 'notice' }],
    [
      'leftOrPublicService',
      { ...base, stepKind: 'service', serviceManner: 'leftAtPremises' },
      { ...base, stepKind: 'service', serviceManner: 'direct' },
    ],
    [
      'leftOrPublicService',
      { ...base, stepKind: 'service', serviceManner: 'publicNotice' },
      { ...base, stepKind: 'service', serviceManner: 'post' },
    ],
    ['majorCase', { ...base, stepKind: 'execution', caseMajor: true }, { ...base, stepKind: 'execution' }],
    [
      'majorCase',
      { ...base, stepKind: 'other', caseMajor: true },
      // A major case's document issued in the office is no act on site.
      { ...base, stepKind: 'other', caseMajor: true, inField: false },
    ],
  ];

  it.each(cases)('REC-03 rule %s requires AV when it applies, and not otherwise', (id, on, off) => {
    expect(label(id)).toBeDefined();
    expect(avRequirement(DEFAULT_AV_RULES, on)).toEqual({ required: true, reasons: [label(id)] });
    expect(avRequirement(DEFAULT_AV_RULES, off)).toEqual({ required: false, reasons: [] });
  });

  it('REC-03 a service without a manner is not left-at-premises or public-notice service', () => {
    expect(reasons({ ...base, stepKind: 'service' })).toEqual([]);
  });

  it('REC-03 simplified procedure covers every step of such a case', () => {
    for (const stepKind of ['inquiry', 'notice', 'execution', 'other'] as const) {
      expect(reasons({ ...base, stepKind, procedure: 'simplified' })).toEqual([label('simplifiedPenalty')]);
    }
  });

  it('REC-03 lists every rule that applies', () => {
    expect(
      reasons({
        ...base,
        stepKind: 'sampling',
        procedure: 'simplified',
        caseMajor: true,
        designatedSite: true,
      }),
    ).toEqual([label('designatedSite'), label('sampling'), label('simplifiedPenalty'), label('majorCase')]);
  });
});

describe('configured AV rules', () => {
  it('an office may add its own case', () => {
    const rules: AvRule[] = [
      ...DEFAULT_AV_RULES,
      { id: 'seizure', label: '查封扣押', when: { actTypes: ['compulsion'], stepKinds: ['seizure'] } },
    ];
    expect(validateAvRules(rules)).toEqual([]);
    const ctx: AvContext = { ...base, actType: 'compulsion', procedure: 'measure', stepKind: 'seizure' };
    expect(avRequirement(rules, ctx)).toEqual({ required: true, reasons: ['查封扣押'] });
    expect(avRequirement(DEFAULT_AV_RULES, ctx).required).toBe(false);
  });

  it('round-trips through JSON', () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_AV_RULES))).toEqual(DEFAULT_AV_RULES);
  });

  it('reports broken rules', () => {
    const rules = [
      { id: 'a', label: '甲', when: { stepKinds: ['inspection'] } },
      { id: 'a', label: '', when: { stepKinds: [] } },
      { id: '', label: '丙', when: {} },
      { id: 'd', label: '丁', when: { flags: ['nightTime'], serviceManners: ['fax'], colour: ['red'] } },
      'nonsense',
      { id: 'f', label: '戊' },
    ];
    expect(validateAvRules(rules)).toEqual([
      { field: '[1].id', message: '规则编号“a”重复' },
      { field: '[1].label', message: '规则名称不能为空' },
      { field: '[1].when.stepKinds', message: '条件应为非空列表' },
      { field: '[2].id', message: '规则编号不能为空' },
      { field: '[2].when', message: '规则至少应有一个条件' },
      { field: '[3].when.colour', message: '未知的条件“colour”' },
      { field: '[3].when.serviceManners', message: '条件值“fax”不正确' },
      { field: '[3].when.flags', message: '条件值“nightTime”不正确' },
      { field: '[4]', message: '规则格式不正确' },
      { field: '[5].when', message: '规则条件格式不正确' },
    ]);
    expect(validateAvRules({})).toEqual([{ field: '', message: '音像记录规则应为列表' }]);
  });

  it('a rule without conditions never matches', () => {
    expect(avRequirement([{ id: 'x', label: 'x', when: {} }], base).required).toBe(false);
  });
});
