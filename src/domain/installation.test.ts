import { describe, expect, it } from 'vitest';
import { installationProblems, type InstallationInput } from './installation';

const good: InstallationInput = {
  agency: {
    name: '上海市松江区国防动员办公室',
    shortName: '松国动',
    address: '上海市松江区中山中路1号',
    phone: '021-57810000',
  },
  admin: { username: 'zhang.admin', displayName: '张管理' },
};

describe('installation input', () => {
  it('PLT-03 a complete agency and administrator are accepted', () => {
    expect(installationProblems(good)).toEqual([]);
  });

  it('PLT-03 empty, blank and over-long fields and a bad user name are each named', () => {
    const bad: InstallationInput = {
      agency: { name: '  ', shortName: '简'.repeat(21), address: '', phone: '021' },
      admin: { username: 'a b', displayName: '张管理' },
    };
    expect(installationProblems(bad)).toEqual([
      { field: 'agency.name', message: '执法主体名称不能为空' },
      { field: 'agency.shortName', message: '执法主体简称（用于文号）不能超过 20 个字符' },
      { field: 'agency.address', message: '地址不能为空' },
      { field: 'admin.username', message: '管理员用户名应为 2–64 个字符，只能包含字母、数字和 . _ -' },
    ]);
    expect(installationProblems({ ...good, admin: { ...good.admin, username: 'x' } })).toHaveLength(1);
  });
});
