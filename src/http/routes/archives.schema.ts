import { Type, type Static } from 'typebox';
import { VOLUMES } from '../../domain/archive-manifest';
import { CASE_FILE_STATES, MISSING_CODES } from '../../domain/case-file';
import { PROCEDURES } from '../../domain/case-types';
import {
  DASHBOARD_STATUSES,
  DISPOSAL_APPROVERS,
  DISPOSAL_STATUSES,
  MARKS,
  RETENTION_CLASSES,
} from '../../domain/retention';
import { Id, Limit, MultiLine, Obj, OneOf, Text } from '../schemas';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Who = Obj({ id: Type.String(), name: Type.String() });
const Reason = MultiLine(500);

// ---- case files (案卷) -------------------------------------------------------------------------

export const CaseFileStateSchema = OneOf(CASE_FILE_STATES);
export type CaseFileState = Static<typeof CaseFileStateSchema>;
export const VolumeSchema = OneOf(VOLUMES);
export type Volume = Static<typeof VolumeSchema>;

/** A case file in the intake queue or the register. */
export const CaseFileSummarySchema = Obj({
  id: Id,
  caseId: Id,
  caseNumber: Type.String(),
  caseName: Type.String(),
  partyName: Type.String(),
  state: CaseFileStateSchema,
  archiveNumber: Nullable(Type.String()),
  closedOn: Nullable(Type.String()),
  archivedOn: Nullable(Type.String()),
  retention: Type.String(),
  retentionLabel: Type.String(),
  missingCount: Type.Integer(),
});
export type CaseFileSummary = Static<typeof CaseFileSummarySchema>;

export const CaseFilePageSchema = Obj({
  items: Type.Array(CaseFileSummarySchema),
  nextCursor: Nullable(Id),
});
export type CaseFilePage = Static<typeof CaseFilePageSchema>;
export const CaseFileQuerySchema = Obj({
  state: Type.Optional(CaseFileStateSchema),
  q: Type.Optional(Text(100)),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  cursor: Type.Optional(Id),
  limit: Type.Optional(Limit),
});
export type CaseFileQuery = Static<typeof CaseFileQuerySchema>;

/** 案卷封面. */
export const CaseFileCoverSchema = Obj({
  caseName: Type.String(),
  caseNumber: Type.String(),
  decisionNumber: Nullable(Type.String()),
  unitName: Type.String(),
  agencyName: Type.String(),
  filedOn: Type.String(),
  closedOn: Nullable(Type.String()),
  retention: Type.String(),
  retentionLabel: Type.String(),
  pageCount: Type.Integer(),
  archiveNumber: Nullable(Type.String()),
});
export type CaseFileCover = Static<typeof CaseFileCoverSchema>;

/** One line of the 卷内目录. */
export const CaseFileIndexItemSchema = Obj({
  order: Type.Integer(),
  volume: VolumeSchema,
  title: Type.String(),
  documentNumber: Nullable(Type.String()),
  date: Type.String(),
  recordId: Type.String(),
  pages: Nullable(Type.Integer()),
});
export type CaseFileIndexItem = Static<typeof CaseFileIndexItemSchema>;

/** Something the file lacks: a document not issued, or one the party signs without its scan. */
export const CaseFileMissingSchema = Obj({
  code: OneOf(MISSING_CODES),
  message: Type.String(),
  documentKind: Type.Optional(Type.String()),
  documentId: Type.Optional(Type.String()),
  /** For a missing legal review: its stage (REV-04). */
  stage: Type.Optional(Type.String()),
});
export type CaseFileMissing = Static<typeof CaseFileMissingSchema>;

export const CaseFileViewSchema = Obj({
  ...CaseFileSummarySchema.properties,
  cover: CaseFileCoverSchema,
  index: Type.Array(CaseFileIndexItemSchema),
  missing: Type.Array(CaseFileMissingSchema),
  /** The documents still awaiting the party's signed scan. */
  unsigned: Type.Array(
    Obj({ documentId: Type.String(), title: Type.String(), number: Nullable(Type.String()) }),
  ),
  /** How many of the case's records are not in the file (superseded versions and the like). */
  outsideFile: Type.Integer(),
  acceptedBy: Nullable(Who),
  acceptedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
  /** How many records of each restricted class the file holds. */
  restricted: Obj({ stateSecret: Type.Integer(), tradeSecret: Type.Integer(), privacy: Type.Integer() }),
});
export type CaseFileView = Static<typeof CaseFileViewSchema>;
export const CaseFileAcceptSchema = Obj({ note: Type.Optional(MultiLine(1000)) });
export type CaseFileAccept = Static<typeof CaseFileAcceptSchema>;
export const PackageQuerySchema = Obj({ purpose: MultiLine(200), redacted: Type.Optional(Type.Boolean()) });

// ---- retention (保管期限) and disposal ------------------------------------------------------------

/** The statuses the retention dashboard lists. */
export const RetentionStatusSchema = OneOf(DASHBOARD_STATUSES);
export type RetentionStatus = Static<typeof RetentionStatusSchema>;

/** A legal hold as a record's retention standing shows it. */
export const RetentionHoldSchema = Obj({
  id: Id,
  subjectType: OneOf(['case', 'record'] as const),
  reason: Type.String(),
  placedBy: Who,
  placedAt: Type.String(),
});
export type RetentionHold = Static<typeof RetentionHoldSchema>;

export const DisposalApprovalSchema = Obj({
  role: OneOf(DISPOSAL_APPROVERS),
  user: Who,
  at: Type.String(),
});
export type DisposalApproval = Static<typeof DisposalApprovalSchema>;

/** A record's retention class, due date, marks, disposal and holds (restricted ones masked). */
export const RetentionItemSchema = Obj({
  recordId: Id,
  restricted: Type.Boolean(),
  fileName: Type.String(),
  kind: Nullable(Type.String()),
  kindLabel: Type.String(),
  size: Nullable(Type.Integer()),
  sha256: Type.String(),
  createdAt: Type.String(),
  caseId: Nullable(Id),
  caseNumber: Nullable(Type.String()),
  caseTitle: Nullable(Type.String()),
  retentionClass: OneOf(RETENTION_CLASSES),
  retentionClassLabel: Type.String(),
  retentionLabel: Type.String(),
  retentionReason: Type.String(),
  dueOn: Nullable(Type.String()),
  status: OneOf(DISPOSAL_STATUSES),
  marks: Type.Array(Obj({ mark: Type.String(), reason: Type.String(), at: Type.String() })),
  approvals: Type.Array(DisposalApprovalSchema),
  disposalId: Nullable(Id),
  undoUntil: Nullable(Type.String()),
  disposedAt: Nullable(Type.String()),
  holds: Type.Array(RetentionHoldSchema),
});
export type RetentionItem = Static<typeof RetentionItemSchema>;

export const RetentionPageSchema = Obj({
  items: Type.Array(RetentionItemSchema),
  nextCursor: Nullable(Id),
  /** How many records are in each status, whichever is listed. */
  counts: Obj(Object.fromEntries(DASHBOARD_STATUSES.map((s) => [s, Type.Integer()])) as DashboardCounts),
});
type DashboardCounts = Record<(typeof DASHBOARD_STATUSES)[number], ReturnType<typeof Type.Integer>>;
export type RetentionPage = Static<typeof RetentionPageSchema>;
export const RetentionQuerySchema = Obj({
  status: Type.Optional(RetentionStatusSchema),
  cursor: Type.Optional(Id),
  limit: Type.Optional(Limit),
});
export const DisposalCancelSchema = Obj({ reason: Reason });
export const RecordMarkSchema = Obj({ mark: OneOf(MARKS), reason: Reason });
export type RecordMark = Static<typeof RecordMarkSchema>;

// ---- legal holds (法律冻结) ----------------------------------------------------------------------

export const LegalHoldSchema = Obj({
  ...RetentionHoldSchema.properties,
  caseId: Nullable(Id),
  recordId: Nullable(Id),
  releasedBy: Nullable(Id),
  releasedAt: Nullable(Type.String()),
  releaseReason: Nullable(Type.String()),
  active: Type.Boolean(),
});
export type LegalHold = Static<typeof LegalHoldSchema>;
export const LegalHoldPageSchema = Obj({ items: Type.Array(LegalHoldSchema), nextCursor: Nullable(Id) });
export type LegalHoldPage = Static<typeof LegalHoldPageSchema>;
export const LegalHoldQuerySchema = Obj({
  active: Type.Optional(Type.Boolean()),
  cursor: Type.Optional(Id),
  limit: Type.Optional(Limit),
});
export const NewLegalHoldSchema = Obj({
  caseId: Type.Optional(Id),
  recordId: Type.Optional(Id),
  reason: Reason,
});
export type NewLegalHold = Static<typeof NewLegalHoldSchema>;
export const HoldReleaseSchema = Obj({ reason: Reason });

// ---- settings ---------------------------------------------------------------------------------

const Period = Type.String({ pattern: '^(permanent|[1-9]\\d{0,2}[ym])$', maxLength: 9 });
/** Case-file retention by procedure, inspection AV months and the disposal undo window. */
export const RetentionSettingsSchema = Obj({
  byProcedure: Type.Partial(
    Type.Object(Object.fromEntries(PROCEDURES.map((p) => [p, Period])) as Record<string, typeof Period>),
    { additionalProperties: false },
  ),
  default: Period,
  inspectionAvMonths: Type.Integer({ minimum: 12, maximum: 999 }),
  undoDays: Type.Integer({ minimum: 1, maximum: 90 }),
});
export type RetentionSettings = Static<typeof RetentionSettingsSchema>;
