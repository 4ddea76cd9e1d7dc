/**
 * Object-level access to cases (PLT-07). A role says what kind of thing a user may do
 * (`policy.ts`); this says on WHICH cases, from the user's relation to the case. Every route that
 * reads or changes a case or anything under it (steps, records, documents, marks, transitions,
 * extensions, case files, packages, parties' personal data) asks `canOnCase`; case lists are
 * narrowed by `caseListScope`, the same rule written as a filter.
 *
 * The defaults are data (`CASE_SCOPES`), documented in ARCHITECTURE.md:
 * - an officer acts only on cases they are assigned to, and reads the cases of their own unit and
 *   those they are assigned to (行政处罚法 art. 42: the case's own officers investigate);
 * - leaders and supervisors read every case; the records keeper reads closed and archived cases;
 *   a legal reviewer reads the cases sent to a legal-review unit;
 * - the system administrator configures the system and reads no case (个人信息保护法 art. 6:
 *   minimum necessary).
 */
import { can, POLICY, type Action, type Role } from './policy';

/** Who is asking, as far as access to a case depends on it. */
export interface CaseAccessUser {
  roles: readonly Role[];
  officerId: string | null;
  /** The unit of the user's officer record, if any. */
  unitId: string | null;
}

/** What of a case decides who may reach it. */
export interface CaseAccessFacts {
  unitId: string;
  officerIds: readonly string[];
  /** In a terminal state (closed, terminated, …). */
  closed: boolean;
  /** Its case file is archived. */
  archived: boolean;
  /** Sent to a legal-review unit (法制审核); the units it was sent to. */
  reviewUnitIds: readonly string[];
}

/**
 * A relation between a user and a case that can grant access:
 * - `any`: every case;
 * - `assigned`: the user's officer is one of the case's officers;
 * - `unit`: assigned, or the case belongs to the user's unit;
 * - `closed`: the case is closed or archived;
 * - `review`: the case was sent to the user's legal-review unit.
 */
export type CaseScope = 'any' | 'assigned' | 'unit' | 'closed' | 'review';

/**
 * For each case-scoped action, the relation each role needs. A role that may perform the action
 * (`POLICY`) but is not listed here may not perform it on any case.
 */
export const CASE_SCOPES = {
  'case.read': {
    officer: 'unit',
    reviewer: 'review',
    recordsKeeper: 'closed',
    leader: 'any',
    supervisor: 'any',
  },
  'case.act': { officer: 'assigned' },
  'case.approveExtension': { leader: 'any' },
  'case.approve': { leader: 'any' },
  'document.write': { officer: 'assigned' },
  'caseFile.accept': { recordsKeeper: 'closed' },
  'caseFile.export': { recordsKeeper: 'closed', leader: 'any', supervisor: 'any' },
  // Officers mark their own case's evidence; the records keeper marks what caused a dispute.
  'record.mark': { officer: 'assigned', recordsKeeper: 'closed' },
  'retention.approve': { recordsKeeper: 'closed', leader: 'any' },
  'legalHold.manage': { recordsKeeper: 'closed', leader: 'any', supervisor: 'any' },
  // Seeing a party's personal data in full: those who handle, review or lead a case of theirs.
  'party.disclose': { officer: 'assigned', reviewer: 'review', leader: 'any' },
} as const satisfies Partial<Record<Action, Partial<Record<Role, CaseScope>>>>;

export type CaseAction = keyof typeof CASE_SCOPES;

export const CASE_ACCESS_MESSAGES: Record<CaseAction, string> = {
  'case.read': '您无权查看此案件：只有本案执法人员、本部门人员及有权限的人员可以查看',
  'case.act': '只有本案承办的执法人员可以办理此案件',
  'case.approveExtension': '您无权批准此案件延长期限',
  'case.approve': '只有负责人可以审批此案件',
  'document.write': '只有本案承办的执法人员可以制作或签发本案文书',
  'caseFile.accept': '只有综合科可以接收已结案件的案卷',
  'caseFile.export': '您无权导出此案卷的完整归档包',
  'record.mark': '您无权标记此案件的记录资料',
  'retention.approve': '您无权审批此案件记录资料的处置',
  'legalHold.manage': '您无权对此案件设置或解除法律冻结',
  'party.disclose': '只有承办、审核本案当事人案件的人员或办领导可以查看当事人完整个人信息',
};

function holds(scope: CaseScope, u: CaseAccessUser, c: CaseAccessFacts): boolean {
  const assigned = u.officerId !== null && c.officerIds.includes(u.officerId);
  switch (scope) {
    case 'any':
      return true;
    case 'assigned':
      return assigned;
    case 'unit':
      return assigned || (u.unitId !== null && u.unitId === c.unitId);
    case 'closed':
      return c.closed || c.archived;
    case 'review':
      return u.unitId !== null && c.reviewUnitIds.includes(u.unitId);
  }
}

/**
 * Whether the user may perform `action` on this case: one of their roles both holds the action
 * (`POLICY`) and stands in the relation that role needs for it (`CASE_SCOPES`). The role that
 * grants the action must be the one whose relation holds: a leader who is also an officer does
 * not act on a case as an officer because leaders read every case.
 */
export function canOnCase(u: CaseAccessUser, action: CaseAction, c: CaseAccessFacts): boolean {
  const scopes: Partial<Record<Role, CaseScope>> = CASE_SCOPES[action];
  const allowed: readonly Role[] = POLICY[action];
  return u.roles.some((r) => {
    const scope = scopes[r];
    return scope !== undefined && allowed.includes(r) && holds(scope, u, c);
  });
}

/**
 * The cases a user may read, as a filter for lists: every case, or the union of the listed
 * relations (empty = none).
 */
export type CaseListScope =
  | { all: true }
  | {
      all: false;
      officerId: string | null;
      unitIds: string[];
      closed: boolean;
      reviewUnitIds: string[];
    };

export function caseListScope(u: CaseAccessUser, action: CaseAction = 'case.read'): CaseListScope {
  const scopes: Partial<Record<Role, CaseScope>> = CASE_SCOPES[action];
  const allowed: readonly Role[] = POLICY[action];
  const out = { all: false as const, officerId: null as string | null, unitIds: [] as string[] };
  let closed = false;
  const reviewUnitIds: string[] = [];
  for (const r of u.roles) {
    const scope = scopes[r];
    if (scope === undefined || !allowed.includes(r)) continue;
    switch (scope) {
      case 'any':
        return { all: true };
      case 'assigned':
        out.officerId = u.officerId;
        break;
      case 'unit':
        out.officerId = u.officerId;
        if (u.unitId !== null) out.unitIds.push(u.unitId);
        break;
      case 'closed':
        closed = true;
        break;
      case 'review':
        if (u.unitId !== null) reviewUnitIds.push(u.unitId);
        break;
    }
  }
  return { ...out, closed, reviewUnitIds };
}

/**
 * Filing (立案): an officer files a case only as one of its officers, for their own unit; a leader
 * may file for any unit (PLT-07). Assigning officers who do not qualify is refused separately (certificates).
 */
export function mayFile(
  u: CaseAccessUser,
  input: { unitId: string; officerIds: readonly string[] },
): boolean {
  if (u.roles.includes('leader') && POLICY['case.file'].includes('leader')) return true;
  return (
    u.roles.includes('officer') &&
    u.officerId !== null &&
    input.officerIds.includes(u.officerId) &&
    u.unitId === input.unitId
  );
}
export const FILE_DENIED_MESSAGE =
  '立案时须将本人列为承办执法人员，承办部门须为本人所在部门（办领导可为各部门立案）';

/**
 * Seeing a party's personal data in full (PLT-07, PLT-08): allowed to whoever may disclose it on
 * one of the party's cases, and to the officer who registered the party before any case names it.
 */
export function mayDisclose(
  u: CaseAccessUser,
  party: { registeredByUser: boolean; cases: readonly CaseAccessFacts[] },
): boolean {
  if (party.cases.some((c) => canOnCase(u, 'party.disclose', c))) return true;
  return party.registeredByUser && party.cases.length === 0 && can(u.roles, 'party.disclose');
}
