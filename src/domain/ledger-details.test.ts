import { describe, expect, it } from 'vitest';
import { bytesText, ledgerDetails, ledgerRefIds } from './ledger-details';
import type { LedgerRefKind } from './ledger-labels';

const NAMES: Record<string, string> = {
  'case:c1': '青国动罚字〔2026〕第1号 某公司违法案',
  'officer:o1': '张三',
  'officer:o2': '李四',
  'step:s1': '检查（2026年12月5日 14:03）',
  'user:u1': '王五',
};
const refs = { name: (k: LedgerRefKind, id: string) => NAMES[`${k}:${id}`] };

describe('ledger details', () => {
  it('PLT-06 a transition reads in Chinese: enumerations by their labels, dates, money in 元, no codes', () => {
    const d = ledgerDetails(
      {
        action: 'case.transitioned@1',
        subject: { type: 'case', id: 'c1' },
        data: {
          action: 'decide',
          from: 'noticed',
          to: 'decided',
          occurredOn: '2026-12-05',
          outcome: 'penalty',
          sanction: { kinds: ['warning', 'fine'], fine: 500_000, confiscated: 0 },
          state: { anything: 1 },
          somethingNew: 'x',
        },
      },
      refs,
    );
    expect(d).toEqual([
      { label: '流转', value: '作出决定' },
      { label: '原状态', value: expect.any(String) },
      { label: '新状态', value: expect.any(String) },
      { label: '决定结果', value: '处罚' },
      { label: '处罚', value: '警告；罚款 5,000元' },
      { label: '日期', value: '2026年12月5日' },
    ]);
    for (const x of d) expect(`${x.label}${x.value}`).not.toMatch(/[a-zA-Z]/);
  });

  it('PLT-06 ids become names or are left out; instants read in Beijing time', () => {
    const e = {
      action: 'step.recorded@1',
      subject: { type: 'step', id: 's1' },
      data: {
        caseId: 'c1',
        kind: 'inspection',
        occurredAt: '2026-12-05T06:03:00.000Z',
        officerIds: ['o1', 'o2'],
        inField: true,
        place: '某路1号',
        unitId: 'unknown-id',
      },
    };
    const ids = new Map<LedgerRefKind, Set<string>>();
    ledgerRefIds(e, ids);
    expect([...(ids.get('officer') ?? [])]).toEqual(['o1', 'o2']);
    expect(ledgerDetails(e, refs, { omitCaseId: 'c1' })).toEqual([
      { label: '环节类别', value: '检查' },
      { label: '时间', value: '2026年12月5日 14:03' },
      { label: '地点', value: '某路1号' },
      { label: '现场执法', value: '是' },
      { label: '执法人员', value: '张三、李四' },
    ]);
    expect(ledgerDetails(e, refs)[0]).toEqual({ label: '案件', value: NAMES['case:c1'] });
  });

  it('PLT-06 nested data reads as sentences: approvals, retention settings, AV', () => {
    const d = ledgerDetails(
      {
        action: 'record.disposed@1',
        subject: { type: 'record', id: 'r1' },
        data: {
          retention: '12m',
          dueOn: '2027-12-05',
          size: 2_621_440,
          approvals: [{ role: 'leader', userId: 'u1', at: '2026-12-05T06:03:00.000Z' }],
        },
      },
      refs,
    );
    expect(d).toEqual([
      { label: '保管期限', value: '12个月' },
      { label: '保管到期日', value: '2027年12月5日' },
      { label: '大小', value: '2.5 MB' },
      { label: '审批', value: '办领导 王五 （2026年12月5日 14:03）' },
    ]);
    expect(bytesText(512)).toBe('512 字节');
    const av = ledgerDetails(
      {
        action: 'record.created@1',
        subject: { type: 'record', id: 'r1' },
        data: {
          kind: 'video',
          protection: 'internal',
          sha256: 'ab'.repeat(32),
          av: {
            recorderId: 'x',
            recorderNumber: 'QP-JLY-001',
            officerIds: ['o1'],
            startedAt: '2026-12-05T06:00:00.000Z',
            endedAt: '2026-12-05T06:03:00.000Z',
            place: '地下室',
          },
        },
      },
      refs,
    );
    expect(av).toContainEqual({ label: '记录类别', value: '视频' });
    expect(av).toContainEqual({ label: '保护级别', value: '内部' });
    expect(av).toContainEqual({
      label: '音像记录',
      value: '执法记录仪 QP-JLY-001，2026年12月5日 14:00 至 2026年12月5日 14:03，地点 地下室，执法人员 张三',
    });
  });

  it('PLT-06 the major-decision settings read as amounts in 元, the licence list and working days', () => {
    const d = ledgerDetails(
      {
        action: 'settings.majorDecisionsSaved@1',
        subject: { type: 'setting', id: 's1' },
        data: {
          settings: {
            thresholds: { person: 500_000, organisation: 10_000_000, confiscation: 5_000_000 },
            licenceKinds: ['防空地下室审核', '民防工程拆除审批'],
            reviewPeriods: { reviewWorkingDays: 5, extensionWorkingDays: 3 },
          },
        },
      },
      refs,
    );
    expect(d).toEqual([
      {
        label: '设置',
        value:
          '个人罚款标准 5,000元；单位罚款标准 100,000元；没收较大价值标准 50,000元；' +
          '所列行政许可 2 项：防空地下室审核、民防工程拆除审批；审核期限 5 个工作日；可延长 3 个工作日',
      },
    ]);
  });
});
