/**
 * Shapes of the document API (执法文书、文书模板) as the workbench reads them; see
 * `src/services/document-service.ts` (`listTemplates`, `getTemplate`, `documentView`).
 */
import type { ActType } from './case-types';

export type DocumentKind =
  | 'filingApproval'
  | 'inspectionRecord'
  | 'inquiryRecord'
  | 'examinationRecord'
  | 'samplingVoucher'
  | 'penaltyNotice'
  | 'hearingNotice'
  | 'hearingRecord'
  | 'penaltyDecision'
  | 'noPenaltyDecision'
  | 'serviceReceipt'
  | 'legalReviewOpinion'
  | 'collectiveDiscussion'
  | 'closingApproval'
  | 'seizureDecision'
  | 'seizureList'
  | 'admonitionNotice'
  | 'executionDecision';

/** When a paragraph is included. */
export type Condition = 'hearingOffered' | 'hearingNotOffered' | 'hasFine' | 'person' | 'organisation';

export interface TemplateParagraph {
  text: string;
  when?: Condition;
  /** No first-line indent (addressee, form lines, signatures). */
  plain?: boolean;
}

export interface TemplateSection {
  heading?: string;
  paragraphs: TemplateParagraph[];
}

/** One kind in `GET /api/document-templates`, with its template in force. */
export interface TemplateKind {
  kind: DocumentKind;
  kindLabel: string;
  numbered: boolean;
  actTypes: ActType[];
  current: { id: string; version: number; title: string; createdAt: string } | null;
}

/** `GET /api/document-templates`: the kinds and the names a template editor needs. */
export interface TemplateList {
  kinds: TemplateKind[];
  /** `{{name}}` → what it is filled with. */
  placeholders: Record<string, string>;
  conditions: Record<Condition, string>;
  notices: Record<string, string>;
}

export interface TemplateVersion {
  id: string;
  version: number;
  title: string;
  /** The user id of whoever saved it. */
  createdBy: string;
  createdAt: string;
}

/** `GET /api/document-templates/:kind` (and the answer of `PUT`, without `versions`). */
export interface TemplateView {
  id: string;
  kind: DocumentKind;
  kindLabel: string;
  version: number;
  title: string;
  /** 文号 code (机关代字), only for numbered kinds. */
  code: string | null;
  sections: TemplateSection[];
  numbered: boolean;
  sealed: boolean;
  partySigns: boolean;
  requiredNotices: { notice: string; label: string }[];
  createdBy: string;
  createdAt: string;
  versions?: TemplateVersion[];
}

export interface TemplateInput {
  title: string;
  code?: string;
  sections: TemplateSection[];
}

/** The filled values and the conditions that hold: what a document stores as its data. */
export interface DocumentData {
  values: Record<string, string | undefined>;
  conditions: Condition[];
}

/** The scan of the copy the party signed (笔录, 送达回证, 清单). */
export interface SignedScan {
  recordId: string;
  attachedAt: string;
  attachedBy: { id: string; name: string };
}

/** An enforcement document of a case: a draft, or final with its 文号 and record. */
export interface DocumentView {
  id: string;
  caseId: string;
  stepId: string | null;
  kind: DocumentKind;
  kindLabel: string;
  title: string;
  templateId: string;
  templateVersion: number;
  state: 'draft' | 'final';
  number: string | null;
  recordId: string | null;
  version: number;
  versionOf: string | null;
  /** Why it was re-issued (version > 1). */
  reason: string | null;
  partySigns: boolean;
  /** Absent until the server has the signed-scan API. */
  signedScan?: SignedScan | null;
  data: DocumentData;
  createdBy: { id: string; name: string };
  createdAt: string;
  /** A user id today; a `{ id, name }` is shown by name. */
  finalisedBy: string | { id: string; name: string } | null;
  finalisedAt: string | null;
}

export interface GenerateDocumentInput {
  kind: DocumentKind;
  stepId?: string;
  facts?: string;
}
