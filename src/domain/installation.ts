/**
 * What a new installation needs (PLT-03): its agency and its first administrator, as `zhifa init`
 * takes them. The limits are the API's for the same fields, so nothing made here is refused later.
 */
export interface InstallationInput {
  agency: { name: string; shortName: string; address: string; phone: string };
  admin: { username: string; displayName: string };
}

export type InstallationField =
  | 'agency.name'
  | 'agency.shortName'
  | 'agency.address'
  | 'agency.phone'
  | 'admin.username'
  | 'admin.displayName';

export interface InstallationProblem {
  field: InstallationField;
  message: string;
}

/** Same rule as the users API: letters, digits and . _ -, 2 to 64 characters. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{2,64}$/;

const TEXT_LIMITS: Array<[InstallationField, string, number]> = [
  ['agency.name', '执法主体名称', 100],
  ['agency.shortName', '执法主体简称（用于文号）', 20],
  ['agency.address', '地址', 200],
  ['agency.phone', '联系电话', 40],
  ['admin.displayName', '管理员姓名', 50],
];

/** Every problem with the input, in a stable order; empty when it can be used. */
export function installationProblems(input: InstallationInput): InstallationProblem[] {
  const value = (field: InstallationField): string => {
    const [group, key] = field.split('.') as ['agency' | 'admin', string];
    return (input[group] as Record<string, string>)[key] ?? '';
  };
  const problems: InstallationProblem[] = [];
  for (const [field, label, max] of TEXT_LIMITS) {
    const v = value(field);
    if (v.trim() === '') problems.push({ field, message: `${label}不能为空` });
    else if (v.length > max) problems.push({ field, message: `${label}不能超过 ${max} 个字符` });
  }
  if (!USERNAME_PATTERN.test(input.admin.username))
    problems.push({
      field: 'admin.username',
      message: '管理员用户名应为 2–64 个字符，只能包含字母、数字和 . _ -',
    });
  return problems;
}
