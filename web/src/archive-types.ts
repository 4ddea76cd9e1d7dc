/**
 * Shapes of the case-file (案卷归档) and retention (保管期限) API as the workbench reads them.
 */
import type { Cursor } from './types';

export type CaseFileState = 'pending' | 'archived';
export type Volume = 'main' | 'sub';

export interface CaseFileSummary {
  id: string;
  caseId: string;
  caseNumber: string;
  caseName: string;
  partyName: string;
  state: CaseFileState;
  archiveNumber: string | null;
  closedOn: string | null;
  archivedOn: string | null;
  retention: string;
  retentionLabel: string;
  missingCount: number;
}

export interface CaseFileCover {
  caseName: string;
  caseNumber: string;
  decisionNumber: string | null;
  unitName: string;
  agencyName: string;
  filedOn: string;
  closedOn: string | null;
  retention: string;
  retentionLabel: string;
  pageCount: number | null;
  archiveNumber: string | null;
}

/** One line of the 卷内目录. */
export interface CaseFileIndexItem {
  order: number;
  volume: Volume;
  title: string;
  documentNumber: string | null;
  date: string;
  recordId: string;
  pages: number | null;
}

export interface CaseFileView extends CaseFileSummary {
  cover: CaseFileCover;
  index: CaseFileIndexItem[];
  missing: { code: string; message: string }[];
  unsigned: { documentId: string; title: string; number: string | null }[];
  acceptedBy: { id: string; name: string } | null;
  acceptedAt: string | null;
  note: string | null;
  restricted: { stateSecret: number; tradeSecret: number; privacy: number };
}

export interface CaseFileFilters {
  state: CaseFileState;
  q?: string | null;
  year?: number | null;
}

export interface CaseFilePage {
  items: CaseFileSummary[];
  nextCursor: Cursor | null;
}

export type RetentionStatus = 'due' | 'awaitingApproval' | 'undoWindow' | 'ready' | 'onHold' | 'disposed';
export type RetentionClass = 'inspectionAv' | 'caseFile';

export interface LegalHold {
  id: string;
  subjectType: 'case' | 'record';
  reason: string;
  placedBy: { id: string; name: string };
  placedAt: string;
}

export interface DisposalApproval {
  role: 'recordsKeeper' | 'leader';
  user: { id: string; name: string };
  at: string;
}

export interface RetentionItem {
  recordId: string;
  fileName: string;
  kind: string;
  kindLabel: string;
  caseId: string | null;
  caseNumber: string | null;
  retentionClass: RetentionClass;
  retentionLabel: string;
  dueOn: string | null;
  status: RetentionStatus;
  approvals: DisposalApproval[];
  undoUntil: string | null;
  disposedAt: string | null;
  holds: LegalHold[];
}

export interface RetentionPage {
  items: RetentionItem[];
  nextCursor: Cursor | null;
  counts: Record<RetentionStatus, number>;
}

export interface LegalHoldInput {
  caseId?: string;
  recordId?: string;
  reason: string;
}
