import type { CaseFileCover, IndexItem, Volume } from './archive-manifest';
import type { ActType, Procedure, StepKind } from './case-types';
import { STEP_KIND_LABELS } from './case-types';
import type { IsoDate } from './dates';
import { DOCUMENT_KIND_INFO, DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from './documents';
import type { Lifecycle, TransitionAction } from './case-machine';
import {
  REVIEW_STAGE_LABELS,
  REVIEW_STAGES,
  stageOf,
  type OpinionKind,
  type ReviewStage,
} from './legal-review';
import { LEGAL_REVIEW_GATES, stageRequired } from './legal-review-gates';

/**
 * The case file (案卷, REC-08; DOMAIN.md "Records and archives"): one case, one file. Its index
 * (卷内目录) follows the standard order of the main volume — 立案审批表 → 决定书 and 送达回证 →
 * other documents and receipts → evidence → 结案审批表 — and a sub-volume (副卷) holds the internal
 * review and discussion material. Pure: the service gathers the items, this orders and checks them.
 */

/** Archive number: closing year + 4-digit sequence, e.g. 2026-0007. */
export function formatArchiveNumber(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(4, '0')}`;
}

const ARCHIVE_NUMBER = /^(\d{4})-(\d{4,})$/;
export function parseArchiveNumber(s: string): { year: number; seq: number } | null {
  const m = ARCHIVE_NUMBER.exec(s);
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : null;
}

/** 案卷题名: party + violation + 案 (a violation already ending in 案 is not doubled). */
export function caseFileName(partyName: string, violation: string): string {
  const v = violation.trim().replace(/案$/, '');
  return `${partyName}${v}案`;
}

/**
 * The sub-volume (副卷, REV-08): legal review's written opinions, the re-review papers, the leader's
 * decision on an objection and the case-review meeting's record — the kinds legal review issues.
 * The one place the index, the package and the records keeper's check take it from.
 */
export const SUB_VOLUME_KINDS: ReadonlySet<DocumentKind> = new Set(
  DOCUMENT_KINDS.filter((k) => DOCUMENT_KIND_INFO[k].review),
);
const DECISIONS: readonly DocumentKind[] = [
  'penaltyDecision',
  'noPenaltyDecision',
  'seizureDecision',
  'executionDecision',
];
const EVIDENCE_DOCUMENTS: readonly DocumentKind[] = [
  'inspectionRecord',
  'inquiryRecord',
  'examinationRecord',
  'samplingVoucher',
];

/** One record of the case as the index needs it. */
export interface FileItem {
  recordId: string;
  /** The record kind (document, scan, photo, audio, video, text). */
  kind: string;
  /** For an issued document: its kind and 文号. */
  documentKind: DocumentKind | null;
  documentNumber: string | null;
  /** For a signed scan: the record of the document it is the signed copy of. */
  scanOf: string | null;
  stepKind: StepKind | null;
  fileName: string;
  version: number;
  /** YYYY-MM-DD of the record. */
  date: IsoDate;
  /** Recording time, for a stable order within a day. */
  createdAt: string;
  pages: number | null;
}

/** Rank in the standard order; the sub-volume ranks after the whole main volume. */
function rank(i: FileItem): number {
  const k = i.documentKind;
  if (k === 'filingApproval') return 0;
  if (k !== null && DECISIONS.includes(k)) return 1;
  if (k === 'serviceReceipt') return 2;
  if (k === 'closingApproval') return 5;
  if (k !== null && SUB_VOLUME_KINDS.has(k)) return 10;
  if (k !== null && !EVIDENCE_DOCUMENTS.includes(k)) return 3;
  return 4; // evidence: 笔录, 凭证, photos, audio, video, scans, text
}

export function volumeOf(i: FileItem): Volume {
  return i.documentKind !== null && SUB_VOLUME_KINDS.has(i.documentKind) ? 'sub' : 'main';
}

const RECORD_KIND_TITLES: Record<string, string> = {
  text: '文字记录',
  scan: '扫描件',
  document: '文书',
  photo: '照片',
  audio: '录音',
  video: '录像',
};

export function itemTitle(i: FileItem): string {
  const v = i.version > 1 ? `（第${i.version}版）` : '';
  if (i.documentKind !== null) return `${DOCUMENT_KIND_LABELS[i.documentKind]}${v}`;
  const step = i.stepKind ? `${STEP_KIND_LABELS[i.stepKind]}` : '';
  const what = RECORD_KIND_TITLES[i.kind] ?? '记录';
  if (i.scanOf !== null) return `签名扫描件：${i.fileName}`;
  return `${step}${what}：${i.fileName}${v}`;
}

/**
 * The index in the standard order: by rank, then date, then recording time; a signed scan comes
 * right after the document it is the signed copy of.
 */
export function orderIndex(items: readonly FileItem[]): IndexItem[] {
  const byId = new Map(items.map((i) => [i.recordId, i]));
  const parentOf = (i: FileItem) => (i.scanOf !== null ? byId.get(i.scanOf) : undefined);
  // The document's own id keeps its scans next to it when another item ties on date and time.
  const keyOf = (i: FileItem): [number, string, string, string, number, string] => {
    const parent = parentOf(i);
    const base = parent ?? i;
    return [rank(base), base.date, base.createdAt, base.recordId, parent ? 1 : 0, i.createdAt];
  };
  // A signed scan is in the volume of its document.
  const volumeIn = (i: FileItem): Volume => volumeOf(parentOf(i) ?? i);
  const sorted = [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    for (let n = 0; n < ka.length; n++) {
      if (ka[n]! < kb[n]!) return -1;
      if (ka[n]! > kb[n]!) return 1;
    }
    return a.recordId < b.recordId ? -1 : 1;
  });
  // Main volume first, then the sub-volume, each numbered on.
  const main = sorted.filter((i) => volumeIn(i) === 'main');
  const sub = sorted.filter((i) => volumeIn(i) === 'sub');
  return [...main, ...sub].map((i, n) => ({
    order: n + 1,
    volume: volumeIn(i),
    title: itemTitle(i),
    documentNumber: i.documentNumber,
    date: i.date,
    recordId: i.recordId,
    pages: i.pages,
  }));
}

/** Pages of the file: items that know theirs; others (media) count as one sheet of the index. */
export function pageCount(index: readonly IndexItem[]): number {
  return index.reduce((n, i) => n + (i.pages ?? 1), 0);
}

export interface CoverInput {
  partyName: string;
  violation: string;
  caseNumber: string;
  decisionNumber: string | null;
  unitName: string;
  agencyName: string;
  filedOn: IsoDate;
  closedOn: IsoDate | null;
  retention: string;
  retentionLabel: string;
  archiveNumber: string | null;
}

export function coverOf(c: CoverInput, index: readonly IndexItem[]): CaseFileCover {
  return {
    caseName: caseFileName(c.partyName, c.violation),
    caseNumber: c.caseNumber,
    decisionNumber: c.decisionNumber,
    unitName: c.unitName,
    agencyName: c.agencyName,
    filedOn: c.filedOn,
    closedOn: c.closedOn,
    retention: c.retention,
    retentionLabel: c.retentionLabel,
    pageCount: pageCount(index),
    archiveNumber: c.archiveNumber,
  };
}

// ---- what the records keeper checks on receipt ------------------------------------------------

/** A case file is pending until the records keeper accepts it into the archive. */
export const CASE_FILE_STATES = ['pending', 'archived'] as const;
export type CaseFileState = (typeof CASE_FILE_STATES)[number];

/** What the records keeper may find missing from a case file. */
export const MISSING_CODES = [
  'DOCUMENT_MISSING',
  'SIGNATURE_MISSING',
  'DRAFT_NOT_ISSUED',
  'LEGAL_REVIEW_MISSING',
  'COLLECTIVE_DISCUSSION_MISSING',
] as const;
export interface MissingItem {
  code: (typeof MISSING_CODES)[number];
  message: string;
  documentKind?: DocumentKind;
  documentId?: string;
  /** For a missing legal review: its stage. */
  stage?: ReviewStage;
}

export interface FileCheckInput {
  actType: ActType;
  procedure: Procedure;
  /** The decision's outcome, if any (penalty, noPenalty, …); `terminated` when the case was withdrawn. */
  outcome: string | null;
  terminated: boolean;
  /** Issued documents (latest versions), with whether a signed scan is attached. */
  issued: ReadonlyArray<{ id: string; kind: DocumentKind; number: string | null; signed: boolean }>;
  /** Drafts never issued. */
  drafts: ReadonlyArray<{ id: string; kind: DocumentKind }>;
  /** What legal review did on the case (REV-04, REV-06, REV-08); absent: not checked. */
  legalReview?: ReviewFileFacts;
}

/** The case's legal review as the records keeper's check reads it. */
export interface ReviewFileFacts {
  lifecycle: Lifecycle;
  major: boolean;
  /** When the case became major (a category added midway); null: major from the start. */
  majorSince: string | null;
  /** Art. 58 (a hearing held, or marked complex): the review before the decision is needed. */
  preDecisionRequired: boolean;
  /** The case's transitions: action, instant, and the day in Asia/Shanghai. */
  transitions: ReadonlyArray<{ action: TransitionAction; at: string; on: IsoDate }>;
  /** Each review with the written documents it ended in: `issued` means the document is final. */
  reviews: ReadonlyArray<{
    stage: ReviewStage;
    opinion: { kind: OpinionKind; issued: boolean } | null;
    reply: { kind: OpinionKind; issued: boolean } | null;
    finalDecision: { issued: boolean } | null;
  }>;
  /** The case-review meeting, with whether its 集体讨论记录 is issued. */
  meeting: { heldOn: IsoDate; issued: boolean } | null;
}

/** The transitions that wait for the case-review meeting (the gate's own list). */
const MEETING_ACTIONS: readonly TransitionAction[] =
  LEGAL_REVIEW_GATES.find((g) => g.id === 'legalReview.meeting')?.actions ?? [];

/**
 * The legal review a case file lacks (REV-04, REV-06, REV-08): each stage the case passed that
 * needed a review — for a major case every stage from the time it was major, for an art. 58 case
 * the one before the decision — without a written opinion ending in agreement (the 意见书, or a
 * 复审意见书 revising it to 同意) or the leader's written decision on the objection; and, for a
 * major case decided, the 集体讨论记录 of a meeting held on or before the decision.
 */
export function missingReviewItems(f: ReviewFileFacts): MissingItem[] {
  const out: MissingItem[] = [];
  const whileMajor = (at: string) => f.majorSince === null || at >= f.majorSince;
  const facts = { passed: [], preDecisionRequired: f.preDecisionRequired, meetingHeld: false };
  for (const stage of REVIEW_STAGES) {
    if (!stageRequired(stage, f.major, facts)) continue;
    const passedStage = f.transitions.some(
      (t) =>
        stageOf(f.lifecycle, t.action) === stage &&
        (whileMajor(t.at) || (stage === 'beforeDecision' && f.preDecisionRequired)),
    );
    if (!passedStage) continue;
    const written = f.reviews.some(
      (r) =>
        r.stage === stage &&
        ((r.opinion?.kind === 'agree' && r.opinion.issued) ||
          (r.reply?.kind === 'agree' && r.reply.issued) ||
          r.finalDecision?.issued === true),
    );
    if (!written)
      out.push({
        code: 'LEGAL_REVIEW_MISSING',
        stage,
        documentKind: 'legalReviewOpinion',
        message: `缺少${REVIEW_STAGE_LABELS[stage]}同意的法制审核意见书（或负责人对异议的决定书）`,
      });
  }
  const decision = f.major
    ? f.transitions.find((t) => MEETING_ACTIONS.includes(t.action) && whileMajor(t.at))
    : undefined;
  if (decision && !(f.meeting?.issued === true && f.meeting.heldOn <= decision.on))
    out.push({
      code: 'COLLECTIVE_DISCUSSION_MISSING',
      documentKind: 'collectiveDiscussion',
      message: '缺少作出决定前案审会的集体讨论记录',
    });
  return out;
}

/** The documents a file of this kind must hold (beyond what every file has). */
export function requiredDocuments(
  i: Pick<FileCheckInput, 'actType' | 'procedure' | 'outcome' | 'terminated'>,
): DocumentKind[] {
  if (i.terminated) return [];
  if (i.actType === 'penalty' && i.procedure === 'simplified') return ['penaltyDecision'];
  if (i.actType === 'penalty') {
    if (i.outcome === 'penalty') return ['penaltyNotice', 'penaltyDecision', 'serviceReceipt'];
    if (i.outcome === 'noPenalty') return ['noPenaltyDecision', 'serviceReceipt'];
    return [];
  }
  if (i.actType === 'compulsion' && i.procedure === 'measure') return ['seizureDecision', 'seizureList'];
  if (i.actType === 'compulsion') return ['admonitionNotice', 'executionDecision'];
  return [];
}

/** What is missing from the file: required documents not issued, documents the party has not
 *  signed (no scan attached), drafts left unissued. Empty when the file is complete. */
export function missingItems(i: FileCheckInput): MissingItem[] {
  const out: MissingItem[] = [];
  for (const kind of requiredDocuments(i))
    if (!i.issued.some((d) => d.kind === kind))
      out.push({
        code: 'DOCUMENT_MISSING',
        documentKind: kind,
        message: `缺少${DOCUMENT_KIND_LABELS[kind]}`,
      });
  for (const d of i.issued)
    if (DOCUMENT_KIND_INFO[d.kind].partySigns && !d.signed)
      out.push({
        code: 'SIGNATURE_MISSING',
        documentKind: d.kind,
        documentId: d.id,
        message: `${DOCUMENT_KIND_LABELS[d.kind]}${d.number ? `（${d.number}）` : ''}尚未附当事人签名的扫描件`,
      });
  for (const d of i.drafts)
    out.push({
      code: 'DRAFT_NOT_ISSUED',
      documentKind: d.kind,
      documentId: d.id,
      message: `${DOCUMENT_KIND_LABELS[d.kind]}草稿未签发`,
    });
  if (i.legalReview) out.push(...missingReviewItems(i.legalReview));
  return out;
}
