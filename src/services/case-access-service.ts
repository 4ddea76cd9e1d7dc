import {
  CASE_ACCESS_MESSAGES,
  CASE_SCOPES,
  canOnCase,
  caseListScope,
  type CaseAccessFacts,
  type CaseAccessUser,
  type CaseAction,
  type CaseListScope,
} from '../domain/case-access';
import { isClosed, lifecycleOf, type CaseState } from '../domain/case-machine';
import type { ActType, Procedure } from '../domain/case-types';
import { DomainError } from '../domain/errors';
import * as access from '../repositories/case-access-repository';
import type { Executor } from '../storage/database';

import { reviewUnitsOf } from '../repositories/legal-review-repository';
export type { CaseObject } from '../repositories/case-access-repository';

/** The facts access to a case depends on, or undefined when there is no such case. */
export async function caseAccessFacts(ex: Executor, caseId: string): Promise<CaseAccessFacts | undefined> {
  const c = await access.caseAccessRow(ex, caseId);
  if (!c) return undefined;
  const lifecycle = lifecycleOf(c.act_type as ActType, c.procedure as Procedure);
  return {
    unitId: c.unit_id,
    officerIds: c.officerIds,
    closed: lifecycle !== null && isClosed(lifecycle, c.state as CaseState),
    archived: c.file_state === 'archived',
    // The legal-review units the case was submitted to (法制审核).
    reviewUnitIds: await reviewUnitsOf(ex, caseId),
  };
}

export function caseAccessDenied(action: CaseAction): DomainError {
  return new DomainError('forbidden', 'CASE_ACCESS_DENIED', CASE_ACCESS_MESSAGES[action]);
}

/** Refuses with 403 unless the user may perform `action` on the case. */
export async function assertCaseAccess(
  ex: Executor,
  user: CaseAccessUser,
  action: CaseAction,
  caseId: string,
): Promise<void> {
  const facts = await caseAccessFacts(ex, caseId);
  if (facts && !canOnCase(user, action, facts)) throw caseAccessDenied(action);
}

/**
 * The check every case-scoped route makes before its handler: the object named by the route is
 * traced to its case, and the policy decides. An unknown object passes through, so the handler
 * answers its own 404; an object outside any case (a plain record) is governed by roles alone.
 */
export async function authorizeCaseObject(
  ex: Executor,
  user: CaseAccessUser,
  action: CaseAction,
  of: access.CaseObject,
  id: string,
): Promise<void> {
  const caseId = await access.caseIdOf(ex, of, id);
  if (caseId === undefined || caseId === null) return;
  await assertCaseAccess(ex, user, action, caseId);
}

/** Whether the user may perform `action` on the case (for views that show or hide an option). */
export async function mayOnCase(
  ex: Executor,
  user: CaseAccessUser,
  action: CaseAction,
  caseId: string,
): Promise<boolean> {
  const facts = await caseAccessFacts(ex, caseId);
  return facts !== undefined && canOnCase(user, action, facts);
}

/** The case actions the user may take on this case, in the policy's order. */
export async function casePermissions(
  ex: Executor,
  user: CaseAccessUser,
  caseId: string,
): Promise<CaseAction[]> {
  const facts = await caseAccessFacts(ex, caseId);
  if (!facts) return [];
  return (Object.keys(CASE_SCOPES) as CaseAction[]).filter((a) => canOnCase(user, a, facts));
}

export function readableScope(user: CaseAccessUser): CaseListScope {
  return caseListScope(user, 'case.read');
}
