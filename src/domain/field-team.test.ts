import { describe, expect, it } from 'vitest';
import { checkFieldTeam, recorderWarning, type TeamMember } from './field-team';

const DAY = '2026-06-15';

const cert = (number: string, over: Partial<TeamMember['certificates'][number]> = {}) => ({
  number,
  state: 'valid' as const,
  validFrom: '2024-01-01',
  validTo: '2027-12-31',
  domains: ['民防工程建设', '人防工程使用管理'],
  ...over,
});

const officer = (officerId: string, name: string, over: Partial<TeamMember> = {}): TeamMember => ({
  officerId,
  name,
  active: true,
  certificates: [cert(`3101180000${officerId}`)],
  ...over,
});

const zhang = officer('1', '张三');
const wang = officer('2', '王五');

describe('checkFieldTeam', () => {
  it('REC-05 accepts two officers with valid certificates covering the field', () => {
    expect(checkFieldTeam([zhang, wang], DAY, '民防工程建设')).toEqual({ ok: true, qualified: ['1', '2'] });
  });

  it('REC-05 refuses a field step with one qualified officer', () => {
    const li = officer('3', '李四', { certificates: [cert('31011800003', { validTo: '2026-04-30' })] });
    expect(checkFieldTeam([zhang, li], DAY, '民防工程建设')).toEqual({
      ok: false,
      qualified: ['1'],
      problems: [
        {
          officerId: '3',
          name: '李四',
          reason: 'certificateNotValid',
          message: '李四的执法证件（31011800003）有效期至2026-04-30，已过期',
        },
      ],
      message: '现场执法须至少两名持有效执法证件（执法领域：民防工程建设）的执法人员；合格 1 名',
    });
  });

  it('REC-05 counts an officer listed twice once', () => {
    const r = checkFieldTeam([zhang, zhang], DAY, null);
    expect(r).toMatchObject({ ok: false, qualified: ['1'], problems: [] });
    if (!r.ok) expect(r.message).toBe('现场执法须至少两名持有效执法证件的执法人员；合格 1 名');
  });

  it('REC-05 refuses an empty team', () => {
    expect(checkFieldTeam([], DAY, null)).toMatchObject({ ok: false, qualified: [] });
  });

  it.each([
    ['inactive', officer('3', '李四', { active: false }), '李四已停用，不能参加执法'],
    ['noCertificate', officer('3', '李四', { certificates: [] }), '李四未持有执法证件'],
    [
      'certificateNotValid',
      officer('3', '李四', { certificates: [cert('31011800003', { state: 'suspended' })] }),
      '李四的执法证件（31011800003）已暂停',
    ],
    [
      'certificateNotValid',
      officer('3', '李四', { certificates: [cert('31011800003', { state: 'revoked' })] }),
      '李四的执法证件（31011800003）已吊销',
    ],
    [
      'certificateNotValid',
      officer('3', '李四', { certificates: [cert('31011800003', { validFrom: '2026-07-01' })] }),
      '李四的执法证件（31011800003）自2026-07-01起生效，尚未生效',
    ],
    [
      'domainNotCovered',
      officer('3', '李四', { certificates: [cert('31011800003', { domains: ['民防工程监理'] })] }),
      '李四的执法证件（31011800003）执法领域不含“民防工程建设”',
    ],
  ] as const)('REC-05 reports %s', (reason, member, message) => {
    expect(checkFieldTeam([zhang, member], DAY, '民防工程建设')).toMatchObject({
      ok: false,
      qualified: ['1'],
      problems: [{ officerId: '3', name: '李四', reason, message }],
    });
  });

  it('REC-05 with no field given, any valid certificate will do', () => {
    const li = officer('3', '李四', { certificates: [cert('31011800003', { domains: ['民防工程监理'] })] });
    expect(checkFieldTeam([zhang, li], DAY, null)).toEqual({ ok: true, qualified: ['1', '3'] });
  });

  it('REC-05 certificate validity counts its first and last days', () => {
    const li = officer('3', '李四', {
      certificates: [cert('31011800003', { validFrom: DAY, validTo: DAY })],
    });
    expect(checkFieldTeam([zhang, li], DAY, '民防工程建设').ok).toBe(true);
    expect(checkFieldTeam([zhang, li], '2026-06-16', '民防工程建设').ok).toBe(false);
  });

  it('one valid certificate among several is enough; otherwise the relevant one is named', () => {
    const li = officer('3', '李四', {
      certificates: [
        cert('OLD', { validTo: '2025-12-31' }),
        cert('NEW', { validFrom: '2026-01-01', validTo: '2028-12-31' }),
      ],
    });
    expect(checkFieldTeam([zhang, li], DAY, '民防工程建设').ok).toBe(true);

    const zhao = officer('4', '赵六', {
      certificates: [
        cert('A', { validTo: '2026-03-31', domains: ['民防工程监理'] }),
        cert('B', { validTo: '2025-03-31' }),
        cert('C', { validTo: '2026-05-31' }),
      ],
    });
    expect(checkFieldTeam([zhang, zhao], DAY, '民防工程建设')).toMatchObject({
      problems: [{ reason: 'certificateNotValid', message: '赵六的执法证件（C）有效期至2026-05-31，已过期' }],
    });
  });
});

describe('recorderWarning', () => {
  it('REC-05 warns when no team member holds a recorder', () => {
    expect(recorderWarning(['1', '2'], ['7', '8'])).toContain('执法记录仪');
    expect(recorderWarning(['1', '2'], [])).toContain('执法记录仪');
  });

  it('REC-05 is silent when one member holds a recorder', () => {
    expect(recorderWarning(['1', '2'], ['7', '2'])).toBeNull();
  });
});
