import { caseListScope, type CaseAccessUser, type CaseAction } from '../domain/case-access';
import { caseDeadlines, deadlineStatus } from '../domain/case-deadlines';
import { decisionExtension, deadlineInput, parseDates, parseFacts } from '../domain/case-facts';
import { isClosed, lifecycleOf, STATE_LABELS, type CaseState } from '../domain/case-machine';
import {
  FLAG_LABELS,
  STEP_KIND_LABELS,
  type ActType,
  type FlagKind,
  type Procedure,
  type StepKind,
} from '../domain/case-types';
import { addDays, shanghaiDate, type IsoDate } from '../domain/dates';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../domain/documents';
import type { Role } from '../domain/policy';
import * as todo from '../repositories/todo-repository';
import { loadCalendar } from './calendar-service';
import { APPROVAL_KIND_LABELS, type ApprovalKind } from '../domain/approvals';
import * as approvalRepo from '../repositories/approval-repository';
import type { Deps } from './deps';
import { disposalsAwaiting } from './retention-service';
import type { LegalReviewSummary } from '../http/routes/legal-review.schema';
import { assignedReviews, leaderInbox } from './legal-review-inbox';

/**
 * The 待办 home page (issue 12): for each role the user holds, what waits for them, as a count and
 * the first `limit` items. Every section is narrowed by the case scope of its role for the act the
 * user would do there (`caseListScope` of that role alone, PLT-07): an officer's sections reach the
 * cases they are assigned to, a leader's every case, the records keeper's the closed ones. A user
 * with several roles gets each role's section, each judged as that role.
 */
export type TodoViewer = CaseAccessUser & { userId: string };

/** A section: how many in all, and the first of them. */
export interface TodoSection<T> {
  count: number;
  items: T[];
}
type CaseRef = { id: string; number: string; title: string };

/** An approval waiting for a leader, or returned to the officer who asked (审批). */
export interface ApprovalTodoItem {
  approvalId: string;
  kindLabel: string;
  at: string;
  /** Who asked (to decide) or who returned it (returned), by name. */
  by: string;
  case: CaseRef;
}

interface ExtensionTodoItem {
  case: CaseRef;
  decisionDue: IsoDate;
  status: 'dueSoon' | 'overdue';
  statusLabel: string;
  extensionText: string;
}

/** Case scope of one of the user's roles for an action (the sections are per role). */
const scopeAs = (viewer: TodoViewer, role: Role, action: CaseAction) =>
  caseListScope({ ...viewer, roles: [role] }, action);

const caseRef = (r: { case_id: string; case_number: string; case_title: string }): CaseRef => ({
  id: r.case_id,
  number: r.case_number,
  title: r.case_title,
});

export async function todoFor(deps: Deps, viewer: TodoViewer, limit: number) {
  const today = shanghaiDate(deps.clock.now());
  const has = (r: Role) => viewer.roles.includes(r);
  const approvals = await approvalSections(deps, viewer, limit);
  const inbox = has('leader') ? await leaderInbox(deps, limit) : null;
  return {
    today,
    officer: has('officer')
      ? {
          openCases: await casesByDue(deps, scopeAs(viewer, 'officer', 'case.act'), today, { limit }),
          stepsMissingAv: await stepsMissingAv(deps, viewer, limit),
          documentsToIssue: await documentsToIssue(deps, viewer, limit),
          approvalsReturned: approvals.approvalsReturned,
        }
      : null,
    leader: has('leader')
      ? {
          approvalsToDecide: approvals.approvalsToDecide,
          extensionsToDecide: await extensionsToDecide(deps, viewer, today, limit),
          disposalsToApprove: await disposalsAwaiting(deps, viewer, 'leader', limit),
          reviewEscalations: reviewSection(inbox!.escalations),
          reviewExtensions: reviewSection({
            count: inbox!.extensionRequests.count,
            items: inbox!.extensionRequests.items.map((i) => i.review),
          }),
          reviewMeetings: {
            count: inbox!.meetingsToHold.count,
            items: inbox!.meetingsToHold.items.map((m) => ({
              reviewId: m.reviewId,
              case: { id: m.caseId, number: m.caseNumber, title: m.caseTitle },
            })),
          },
        }
      : null,
    reviewer: has('reviewer')
      ? { assignedReviews: reviewSection(await assignedReviews(deps, viewer.userId, limit)) }
      : null,
    recordsKeeper: has('recordsKeeper')
      ? {
          caseFilesToAccept: await caseFilesToAccept(deps, viewer, limit),
          disposalsToApprove: await disposalsAwaiting(deps, viewer, 'recordsKeeper', limit),
        }
      : null,
    supervisor: has('supervisor')
      ? {
          openFlags: await openFlags(deps, viewer, limit),
          overdueCases: await casesByDue(deps, scopeAs(viewer, 'supervisor', 'case.read'), today, {
            limit,
            dueBefore: today,
          }),
        }
      : null,
  };
}

/** Legal reviews as to-do items: the running deadline in working days. */
function reviewSection(s: TodoSection<LegalReviewSummary>) {
  return {
    count: s.count,
    items: s.items.map((r) => ({
      reviewId: r.id,
      stageLabel: r.stageLabel,
      stateLabel: r.stateLabel,
      deadlineLabel: r.currentDeadline?.label ?? null,
      due: r.currentDeadline?.due ?? null,
      daysLeft: r.currentDeadline?.daysLeft ?? null,
      overdue: r.overdue,
      case: { id: r.caseId, number: r.caseNumber, title: r.caseTitle },
    })),
  };
}

/**
 * Approvals waiting for a leader (审批) and those returned to the officer who asked for them. The
 * approvals table is being added; this is the one place that will read it.
 */
export async function approvalSections(
  deps: Deps,
  viewer: TodoViewer,
  limit: number,
): Promise<{
  approvalsToDecide: TodoSection<ApprovalTodoItem>;
  approvalsReturned: TodoSection<ApprovalTodoItem>;
}> {
  // Leaders approve on every case (case.approve: any); none approves what they asked for.
  const pending = viewer.roles.includes('leader')
    ? (await approvalRepo.pendingApprovals(deps.db, 200)).filter((a) => a.requested_by !== viewer.userId)
    : [];
  const returned = viewer.roles.includes('officer')
    ? await approvalRepo.returnedApprovalsOf(deps.db, viewer.userId, 200)
    : [];
  return {
    approvalsToDecide: {
      count: pending.length,
      items: pending.slice(0, limit).map((a) => ({
        approvalId: a.id,
        kindLabel: APPROVAL_KIND_LABELS[a.kind as ApprovalKind],
        at: a.requested_at,
        by: a.requested_by_name,
        case: caseRef(a),
      })),
    },
    approvalsReturned: {
      count: returned.length,
      items: returned.slice(0, limit).map((a) => ({
        approvalId: a.id,
        kindLabel: APPROVAL_KIND_LABELS[a.kind as ApprovalKind],
        at: a.decided_at ?? '',
        by: a.decided_by_name ?? '',
        case: caseRef(a),
      })),
    },
  };
}

async function casesByDue(
  deps: Deps,
  scope: ReturnType<typeof caseListScope>,
  today: IsoDate,
  q: { limit: number; dueBefore?: IsoDate },
): Promise<TodoSection<{ case: CaseRef; stateLabel: string; nextDue: string | null; overdue: boolean }>> {
  const { count, rows } = await todo.openCasesByDue(deps.db, scope, q);
  return {
    count,
    items: rows.map((r) => ({
      case: caseRef(r),
      stateLabel: STATE_LABELS[r.state as CaseState] ?? r.state,
      nextDue: r.next_due,
      overdue: r.next_due !== null && r.next_due < today,
    })),
  };
}

async function stepsMissingAv(deps: Deps, viewer: TodoViewer, limit: number) {
  const { count, rows } = await todo.stepsMissingAv(deps.db, scopeAs(viewer, 'officer', 'case.act'), limit);
  return {
    count,
    items: rows.map((r) => ({
      stepId: r.id,
      kindLabel: STEP_KIND_LABELS[r.kind as StepKind] ?? '执法环节',
      occurredAt: r.occurred_at,
      avReasons: JSON.parse(r.av_reasons) as string[],
      case: caseRef(r),
    })),
  };
}

async function documentsToIssue(deps: Deps, viewer: TodoViewer, limit: number) {
  const scope = scopeAs(viewer, 'officer', 'document.write');
  const { count, rows } = await todo.draftDocuments(deps.db, scope, limit);
  return {
    count,
    items: rows.map((r) => ({
      documentId: r.id,
      kindLabel: DOCUMENT_KIND_LABELS[r.kind as DocumentKind] ?? '执法文书',
      title: r.title,
      createdAt: r.created_at,
      case: caseRef(r),
    })),
  };
}

/**
 * Decision periods a leader may extend (行政处罚法 art. 60, 行政许可法 art. 42) that are due soon or
 * over: the case view's `decisionExtension` is offered and its decision deadline reads 即将到期 or
 * 已逾期 as of today — the same functions the case view uses. A decision deadline that is due soon
 * is the case's next deadline or later, so the candidates are the open cases whose next deadline
 * falls inside the warning window.
 */
async function extensionsToDecide(
  deps: Deps,
  viewer: TodoViewer,
  today: IsoDate,
  limit: number,
): Promise<TodoSection<ExtensionTodoItem>> {
  const scope = scopeAs(viewer, 'leader', 'case.approveExtension');
  const candidates = await todo.openCasesDueBy(deps.db, scope, addDays(today, DUE_SOON_DAYS));
  if (candidates.length === 0) return { count: 0, items: [] };
  const { calendar } = await loadCalendar(deps);
  const items: ExtensionTodoItem[] = [];
  for (const r of candidates) {
    const lifecycle = lifecycleOf(r.act_type as ActType, r.procedure as Procedure);
    if (lifecycle === null) continue;
    const dates = parseDates(r);
    const ext = decisionExtension(lifecycle, r.procedure, dates, isClosed(lifecycle, r.state as CaseState));
    if (ext === null) continue;
    const decision = caseDeadlines(
      calendar,
      r.act_type as ActType,
      r.procedure as Procedure,
      deadlineInput(dates, parseFacts(r)),
    ).find((d) => d.kind === 'decision');
    if (!decision) continue;
    const status = deadlineStatus(decision, today, DUE_SOON_DAYS);
    if (status !== 'dueSoon' && status !== 'overdue') continue;
    const unit = ext.unit === 'natural' ? '日' : '个工作日';
    const left = ext.maxDays - ext.usedDays;
    items.push({
      case: caseRef(r),
      decisionDue: decision.due,
      status,
      statusLabel: status === 'overdue' ? '已逾期' : '即将到期',
      extensionText:
        ext.usedDays > 0
          ? `已延长 ${ext.usedDays} ${unit}，最多还可延长 ${left} ${unit}`
          : `最多可延长 ${left} ${unit}`,
    });
  }
  items.sort((a, b) => (a.decisionDue < b.decisionDue ? -1 : a.decisionDue > b.decisionDue ? 1 : 0));
  return { count: items.length, items: items.slice(0, limit) };
}
/** The case view's warning window for a deadline (`deadlineStatus`'s default): 3 days. */
const DUE_SOON_DAYS = 3;

async function caseFilesToAccept(deps: Deps, viewer: TodoViewer, limit: number) {
  const scope = scopeAs(viewer, 'recordsKeeper', 'caseFile.accept');
  const { count, rows } = await todo.pendingCaseFiles(deps.db, scope, limit);
  return {
    count,
    items: rows.map((r) => ({
      caseFileId: r.id,
      closedOn: r.closed_on,
      assembledAt: r.assembled_at,
      case: caseRef(r),
    })),
  };
}

/**
 * The supervisor's open flags (REC-11). Every flag is open until supervisors can mark one handled;
 * then this reads only the unhandled ones.
 */
async function openFlags(deps: Deps, viewer: TodoViewer, limit: number) {
  const scope = scopeAs(viewer, 'supervisor', 'case.read');
  const { count, rows } = await todo.flags(deps.db, scope, limit);
  return {
    count,
    items: rows.map((r) => ({
      flagId: r.id,
      kindLabel: FLAG_LABELS[r.kind as FlagKind] ?? '监督事项',
      at: r.at,
      userName: r.user_name,
      case:
        r.case_id !== null && r.case_number !== null && r.case_title !== null
          ? { id: r.case_id, number: r.case_number, title: r.case_title }
          : null,
    })),
  };
}
