/**
 * Who may do what (PLT-03). The one place where authorisation is decided; routes name an action,
 * the HTTP layer asks `can`, and the workbench shows what `permissionsOf` returns.
 */
export const ROLES = ['officer', 'reviewer', 'recordsKeeper', 'leader', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  recordsKeeper: '综合科（档案与装备）',
  leader: '办领导',
  supervisor: '监督人员',
  admin: '系统管理员',
};

const ALL_STAFF: readonly Role[] = ROLES;

/** Each action and the roles that may perform it. */
export const POLICY = {
  'org.read': ALL_STAFF,
  'org.write': ['admin'],
  'user.read': ['admin'],
  'user.write': ['admin'],
  'token.manage': ['admin'],
  'calendar.read': ALL_STAFF,
  'calendar.import': ['admin'],
  'ledger.read': ['supervisor', 'admin'],
  'checkpoint.sign': ['supervisor', 'admin'],
  'record.create': ['officer', 'recordsKeeper', 'admin'],
  'record.read': ALL_STAFF,
  'retrieval.read': ['supervisor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export function can(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = POLICY[action];
  return roles.some((r) => allowed.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Action[] {
  return ACTIONS.filter((a) => can(roles, a));
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}
