/**
 * The 待办 (to-do) summary: for each role the user holds, what waits for them, as counts and the
 * first few items with what a link needs (case id, number, title …). It is a summary, not a list:
 * no cursor — the workbench links each section to the full list page. The workbench reads these
 * types with `import type`.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Id, IsoDate, Obj, OneOf } from '../schemas';

const Str = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** How many items each section lists at most (`?limit=`); the count is always the whole. */
export const TodoQuerySchema = Obj({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })) });
export type TodoQuery = Static<typeof TodoQuerySchema>;

/** What a link to a case shows: its number and title (案号、案由). */
export const TodoCaseRefSchema = Obj({ id: Id, number: Str, title: Str });
export type TodoCaseRef = Static<typeof TodoCaseRefSchema>;

/** A section: how many there are in all, and the first of them. */
const Section = <T extends TSchema>(item: T) =>
  Obj({ count: Type.Integer({ minimum: 0 }), items: Type.Array(item) });

/** An open case, by its next deadline (下一期限). */
export const TodoCaseItemSchema = Obj({
  case: TodoCaseRefSchema,
  stateLabel: Str,
  nextDue: Nullable(Str),
  overdue: Type.Boolean(),
});
export type TodoCaseItem = Static<typeof TodoCaseItemSchema>;

/** An open step that needs an audio-video record (REC-03) and has none yet. */
export const TodoStepItemSchema = Obj({
  stepId: Id,
  kindLabel: Str,
  occurredAt: Str,
  /** Why AV is required (the rules' labels). */
  avReasons: Type.Array(Str),
  case: TodoCaseRefSchema,
});
export type TodoStepItem = Static<typeof TodoStepItemSchema>;

/** A document drafted and not yet issued (签发). */
export const TodoDocumentItemSchema = Obj({
  documentId: Id,
  kindLabel: Str,
  title: Str,
  createdAt: Str,
  case: TodoCaseRefSchema,
});
export type TodoDocumentItem = Static<typeof TodoDocumentItemSchema>;

/** An approval (审批) waiting for a leader, or returned to the officer who asked for it. */
export const TodoApprovalItemSchema = Obj({
  approvalId: Id,
  kindLabel: Str,
  at: Str,
  /** Who asked (to decide) or who returned it (returned), by name. */
  by: Str,
  case: TodoCaseRefSchema,
});
export type TodoApprovalItem = Static<typeof TodoApprovalItemSchema>;

/** A case whose decision period (决定期限) is due soon or over and may still be extended. */
export const TodoExtensionItemSchema = Obj({
  case: TodoCaseRefSchema,
  decisionDue: IsoDate,
  status: OneOf(['dueSoon', 'overdue'] as const),
  statusLabel: Str,
  /** What extending allows, in words (e.g. 最多还可延长 275 日). */
  extensionText: Str,
});
export type TodoExtensionItem = Static<typeof TodoExtensionItemSchema>;

/** A closed case's case file (案卷) waiting for the records keeper. */
export const TodoCaseFileItemSchema = Obj({
  caseFileId: Id,
  closedOn: Nullable(Str),
  assembledAt: Str,
  case: TodoCaseRefSchema,
});
export type TodoCaseFileItem = Static<typeof TodoCaseFileItemSchema>;

/** A record whose retention has run out, waiting for this role's approval of its disposal. */
export const TodoDisposalItemSchema = Obj({
  recordId: Id,
  kindLabel: Str,
  dueOn: Nullable(Str),
  statusLabel: Str,
  case: Nullable(TodoCaseRefSchema),
});
export type TodoDisposalItem = Static<typeof TodoDisposalItemSchema>;

/** An open entry of the supervisor's list (REC-11). */
export const TodoFlagItemSchema = Obj({
  flagId: Id,
  kindLabel: Str,
  at: Str,
  userName: Str,
  case: Nullable(TodoCaseRefSchema),
});
export type TodoFlagItem = Static<typeof TodoFlagItemSchema>;

/** A legal review waiting for someone (法制审核), with the deadline running on it in working days. */
export const TodoReviewItemSchema = Obj({
  reviewId: Id,
  stageLabel: Str,
  stateLabel: Str,
  /** The running deadline (审核期限, 提出异议期限, 答复异议期限); null when none runs. */
  deadlineLabel: Nullable(Str),
  due: Nullable(Str),
  /** Working days left (0 on the due day, negative after); null when no deadline runs. */
  daysLeft: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  case: TodoCaseRefSchema,
});
export type TodoReviewItem = Static<typeof TodoReviewItemSchema>;

/** A major case whose pre-decision review passed, waiting for its 案审会 (REV-06). */
export const TodoMeetingItemSchema = Obj({ reviewId: Id, case: TodoCaseRefSchema });
export type TodoMeetingItem = Static<typeof TodoMeetingItemSchema>;

export const OfficerTodoSchema = Obj({
  openCases: Section(TodoCaseItemSchema),
  stepsMissingAv: Section(TodoStepItemSchema),
  documentsToIssue: Section(TodoDocumentItemSchema),
  approvalsReturned: Section(TodoApprovalItemSchema),
});
export const LeaderTodoSchema = Obj({
  approvalsToDecide: Section(TodoApprovalItemSchema),
  extensionsToDecide: Section(TodoExtensionItemSchema),
  disposalsToApprove: Section(TodoDisposalItemSchema),
  /** Objections escalated for the leader's final decision (REV-07). */
  reviewEscalations: Section(TodoReviewItemSchema),
  /** Requests to extend a review period (REV-05). */
  reviewExtensions: Section(TodoReviewItemSchema),
  /** Case-review meetings to hold (REV-06). */
  reviewMeetings: Section(TodoMeetingItemSchema),
});
/** A legal reviewer's: the reviews assigned to them (opinion or reply owed), due first. */
export const ReviewerTodoSchema = Obj({
  assignedReviews: Section(TodoReviewItemSchema),
});
export const RecordsKeeperTodoSchema = Obj({
  caseFilesToAccept: Section(TodoCaseFileItemSchema),
  disposalsToApprove: Section(TodoDisposalItemSchema),
});
export const SupervisorTodoSchema = Obj({
  openFlags: Section(TodoFlagItemSchema),
  overdueCases: Section(TodoCaseItemSchema),
});

/** One section per role the user holds; null for a role they do not hold. */
export const TodoSchema = Obj({
  /** Today in Beijing time: what 逾期 and 即将到期 are measured against. */
  today: IsoDate,
  officer: Nullable(OfficerTodoSchema),
  leader: Nullable(LeaderTodoSchema),
  reviewer: Nullable(ReviewerTodoSchema),
  recordsKeeper: Nullable(RecordsKeeperTodoSchema),
  supervisor: Nullable(SupervisorTodoSchema),
});
export type Todo = Static<typeof TodoSchema>;
export type TodoSection<T> = { count: number; items: T[] };
