import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PUBLICATION_SETTINGS as D,
  fenToWan,
  isMinorOn,
  PUBLICATION_FIELD_HEADERS,
  PUBLICATION_FIELD_SETS,
  shouldPublish,
  shuangGongshiFields,
  type PublicationCandidate,
} from './publication-rules';

const ordinary: PublicationCandidate = {
  actType: 'penalty',
  procedure: 'ordinary',
  partyKind: 'organisation',
  decidedOn: '2026-03-20',
  sanctionKinds: ['fine'],
};

describe('which decisions are published', () => {
  it('PUB-08 every ordinary-procedure penalty decision is published by default (沪府令36号), a warning alone too', () => {
    expect(shouldPublish(ordinary, D)).toEqual({ publish: true, reason: '普通程序的行政处罚决定应当公示' });
    expect(shouldPublish({ ...ordinary, sanctionKinds: ['warning'] }, D).publish).toBe(true);
  });

  it('PUB-08 simplified-procedure penalties are not published by default; a setting can change that', () => {
    const simple = { ...ordinary, procedure: 'simplified' as const };
    expect(shouldPublish(simple, D)).toEqual({
      publish: false,
      reason: '按公示设置，简易程序的行政处罚决定不予公示',
    });
    const all = {
      ...D,
      publishByProcedure: { ...D.publishByProcedure, penalty: { ordinary: true, simplified: true } },
    };
    expect(shouldPublish(simple, all).publish).toBe(true);
  });

  it('PUB-08 warning-only penalties are configurable; 不予处罚 and 不予许可 not published by default', () => {
    expect(
      shouldPublish({ ...ordinary, sanctionKinds: ['warning'] }, { ...D, publishWarningOnly: false }),
    ).toEqual({
      publish: false,
      reason: '按公示设置，仅给予警告的行政处罚决定不予公示',
    });
    expect(
      shouldPublish({ ...ordinary, sanctionKinds: ['warning', 'fine'] }, { ...D, publishWarningOnly: false })
        .publish,
    ).toBe(true);
    expect(shouldPublish({ ...ordinary, sanctionKinds: [] }, D).publish).toBe(false);
    const licence = {
      ...ordinary,
      actType: 'licensing' as const,
      procedure: 'standard' as const,
      sanctionKinds: undefined,
    };
    expect(shouldPublish({ ...licence, licenceGranted: true }, D).publish).toBe(true);
    expect(shouldPublish({ ...licence, licenceGranted: false }, D)).toEqual({
      publish: false,
      reason: '按公示设置，不予许可决定不予公示',
    });
  });

  it('PUB-08 inspection, compulsion and expropriation decisions are published', () => {
    for (const [actType, procedure] of [
      ['inspection', 'standard'],
      ['compulsion', 'measure'],
      ['compulsion', 'execution'],
      ['expropriation', 'standard'],
    ] as const)
      expect(shouldPublish({ ...ordinary, actType, procedure, sanctionKinds: undefined }, D).publish).toBe(
        true,
      );
  });

  it('PUB-11 decisions concerning minors are never published, whatever the settings', () => {
    const everything = {
      ...D,
      publishByProcedure: { ...D.publishByProcedure, penalty: { ordinary: true, simplified: true } },
      publishNoPenalty: true,
    };
    const minor = { ...ordinary, partyKind: 'person' as const, concernsMinor: true };
    expect(shouldPublish(minor, everything)).toEqual({
      publish: false,
      reason: '涉及未成年人的决定一律不予公开',
    });
    const byBirth = { ...ordinary, partyKind: 'person' as const, partyBirthDate: '2008-03-21' };
    expect(shouldPublish(byBirth, everything).publish).toBe(false); // 18 on 2026-03-21
    expect(shouldPublish({ ...byBirth, partyBirthDate: '2008-03-20' }, everything).publish).toBe(true);
  });

  it.each([
    ['2008-03-21', '2026-03-20', true],
    ['2008-03-20', '2026-03-20', false],
    ['2008-02-29', '2026-02-28', true],
    ['2008-02-29', '2026-03-01', false],
  ])('PUB-11 born %s, on %s a minor: %s', (birth, on, minor) => {
    expect(isMinorOn(birth, on)).toBe(minor);
  });
});

describe('双公示 data items', () => {
  it('PUB-03 every key has a Chinese header and each set names the national items', () => {
    for (const set of Object.values(PUBLICATION_FIELD_SETS))
      for (const { key, header } of set) expect(PUBLICATION_FIELD_HEADERS[key] && header).toBeTruthy();
    const penalty = PUBLICATION_FIELD_SETS.penalty.map((f) => f.header);
    for (const h of [
      '行政相对人名称',
      '统一社会信用代码',
      '处罚决定书文号',
      '违法行为类型',
      '处罚依据',
      '处罚类别',
      '处罚内容',
      '罚款金额（万元）',
      '处罚决定日期',
      '公示截止期',
      '处罚机关',
    ])
      expect(penalty).toContain(h);
    const licence = PUBLICATION_FIELD_SETS.licensing.map((f) => f.header);
    for (const h of [
      '行政许可决定书文号',
      '项目名称',
      '审批类别',
      '许可内容',
      '许可决定日期',
      '许可截止期',
      '许可机关',
      '当前状态',
    ])
      expect(licence).toContain(h);
  });

  it('PUB-03 a penalty on an organisation: named with its code; the legal representative masked; fine in 万元', () => {
    const { kind, fields } = shuangGongshiFields({
      actType: 'penalty',
      documentNumber: '沪民防罚字〔2026〕第12号',
      party: {
        kind: 'organisation',
        name: '上海浦江置业有限公司',
        creditCode: '91310118MA1J12345N',
        legalRepresentative: '欧阳娜娜',
      },
      violationType: '未按规定修建防空地下室',
      basis: '《上海市民防条例》第四十三条',
      sanctionKinds: ['warning', 'fine'],
      result: '警告，罚款人民币50000元',
      fine: 5_000_000,
      decidedOn: '2026-03-20',
      displayUntil: '2031-03-20',
      authority: '上海市青浦区国防动员办公室',
    });
    const v = Object.fromEntries(fields.map((f) => [f.key, f.value]));
    expect(kind).toBe('penalty');
    expect(v).toMatchObject({
      partyName: '上海浦江置业有限公司',
      creditCode: '91310118MA1J12345N',
      legalRepresentative: '欧阳某',
      penaltyCategory: '警告、罚款',
      fineWan: '5',
      decidedOn: '2026-03-20',
      displayUntil: '2031-03-20',
    });
  });

  it('PUB-11 a natural person is published as surname+某 and without a code', () => {
    const { fields } = shuangGongshiFields({
      actType: 'inspection',
      documentNumber: '青国动检字〔2026〕第3号',
      party: { kind: 'person', name: '司马光明', creditCode: '310118198506121010' },
      decidedOn: '2026-03-20',
      displayUntil: '2028-03-20',
      authority: '上海市青浦区国防动员办公室',
    });
    const v = Object.fromEntries(fields.map((f) => [f.key, f.value]));
    expect(v.partyName).toBe('司马某');
    expect(v.creditCode).toBe('');
    expect(JSON.stringify(fields)).not.toContain('光明');
  });

  it.each([
    [5_000_000, '5'],
    [1_234_567, '1.234567'],
    [100, '0.0001'],
    [150_000_000, '150'],
  ])('PUB-03 %i fen is %s 万元', (fen, wan) => {
    expect(fenToWan(fen)).toBe(wan);
  });
});
