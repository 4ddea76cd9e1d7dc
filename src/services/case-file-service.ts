import { maskedIndexTitle, protectionOf, visibleRecords, type RecordViewer } from './record-presenter';
import type { CaseListScope } from '../domain/case-access';
import { createHash } from 'node:crypto';
import {
  EXPORT_ACTION,
  PACKAGE_FORMAT,
  type ExportClaim,
  type CaseFileCover,
  type IndexItem,
  type PackageFile,
  type PackageLedgerEntry,
  type PackageManifest,
} from '../domain/archive-manifest';
import {
  caseFileName,
  coverOf,
  formatArchiveNumber,
  missingItems,
  type ReviewFileFacts,
  orderIndex,
  type FileItem,
  type MissingItem,
} from '../domain/case-file';
import type { ActType, Procedure, StepKind } from '../domain/case-types';
import { shanghaiDate, yearOf } from '../domain/dates';
import { DOCUMENT_KIND_INFO, type DocumentKind } from '../domain/documents';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { can, canSeeRecord, isRole, PROTECTION_LABELS, type Protection } from '../domain/policy';
import { displayNames, findUserByName, rolesOf } from '../repositories/user-repository';
import { writePackage } from './archive-zip';
import {
  caseFileRetention,
  retentionLabel,
  retentionOf,
  type RetentionPeriod,
  type RetentionSettings,
} from '../domain/retention';
import * as archive from '../repositories/archive-repository';
import * as cases from '../repositories/case-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import * as docs from '../repositories/document-repository';
import { recordContentEntries, rowToEntry } from '../repositories/ledger-repository';
import { getAgency } from '../repositories/org-repository';
import * as recordRepo from '../repositories/record-repository';
import { chargeText } from '../domain/violations';
import { lifecycleOf, type TransitionAction } from '../domain/case-machine';
import type { ReviewStage } from '../domain/legal-review';
import * as lrRepo from '../repositories/legal-review-repository';
import { loadLegalReviewFacts } from './legal-review-facts';
import type { ObjectionJson, OpinionJson } from './legal-review-service';
import type { Executor } from '../storage/database';
import type { StoredFacts } from '../domain/case-facts';
import { newId, type Deps, type Tx } from './deps';
import { appendEntries, appendEntry } from './ledger';
import { seqsDigest } from '../domain/archive-verify';
import { lockLedger } from '../storage/row-locks';
import { createRecord, type RecordDeps, type UploadedContent, type Viewer } from './record-service';
import { retentionSettings } from './settings-service';
import { makeCheckpoint, nodeGetter, type Transparency } from './transparency-service';
import { inclusionProof, toBase64, type Hash } from '../domain/merkle';

/**
 * Case files (REC-08) and their archive packages. Closing a case assembles its case file (pending);
 * its cover and index (卷内目录) are computed from the case as it stands until the records keeper
 * accepts it — then they are frozen in the row and its ledger entry, an archive number (closing
 * year + 4-digit sequence) is taken in the same transaction, and the case becomes read-only.
 */

type CaseRow = NonNullable<Awaited<ReturnType<typeof cases.getCase>>>;
type FileRow = archive.CaseFileRow;

const DECISION_KINDS: readonly DocumentKind[] = [
  'penaltyDecision',
  'noPenaltyDecision',
  'seizureDecision',
  'executionDecision',
];

/** Called by the transition that closes a case, inside its transaction. */
export async function assembleOnClose(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  c: { id: string; agency_id: string; procedure: string },
  settings: RetentionSettings,
): Promise<void> {
  if (await archive.caseFileOfCase(trx, c.id)) return; // a licence's later acts close it again
  const id = newId(deps.clock);
  const retention = caseFileRetention(c.procedure as Procedure, settings);
  await archive.insertCaseFile(trx, {
    id,
    case_id: c.id,
    agency_id: c.agency_id,
    state: 'pending',
    retention,
    archive_year: null,
    archive_seq: null,
    archive_number: null,
    cover: null,
    index_items: null,
    assembled_at: deps.clock.now().toISOString(),
    accepted_by: null,
    accepted_at: null,
    note: null,
  });
  await appendEntry(
    trx,
    deps,
    actor,
    'caseFile.assembled@1',
    { type: 'caseFile', id },
    { caseId: c.id, retention },
  );
}

// ---- what the file holds ----------------------------------------------------------------------

/** The case's legal review as the missing-items check reads it (REV-04, REV-06, REV-08). */
async function reviewFileFacts(
  ex: Executor,
  c: CaseRow,
  final: ReadonlySet<string>,
): Promise<ReviewFileFacts> {
  const issued = (id: string | null | undefined) => id != null && final.has(id);
  const marks = await lrRepo.caseMarks(ex, c.id);
  const since = marks
    .filter((m) => m.kind === 'category6' || m.kind === 'category7')
    .map((m) => m.at)
    .sort()[0];
  const meeting = await lrRepo.caseMeeting(ex, c.id);
  return {
    lifecycle: lifecycleOf(c.act_type as ActType, c.procedure as Procedure)!,
    major: c.major === 1,
    majorSince: since ?? null,
    preDecisionRequired: (await loadLegalReviewFacts(ex, c.id)).preDecisionRequired,
    transitions: (await cases.caseTransitions(ex, c.id)).map((t) => ({
      action: t.action as TransitionAction,
      at: t.at,
      on: shanghaiDate(new Date(t.at)),
    })),
    reviews: (await lrRepo.caseReviews(ex, c.id)).map((r) => {
      const o = r.opinion ? (JSON.parse(r.opinion) as OpinionJson) : null;
      const x = r.objection ? (JSON.parse(r.objection) as ObjectionJson) : null;
      return {
        stage: r.stage as ReviewStage,
        opinion: o && { kind: o.kind, issued: issued(o.documentId) },
        reply: x?.reply ? { kind: x.reply.kind, issued: issued(x.reply.documentId) } : null,
        finalDecision: x?.finalDecision ? { issued: issued(x.finalDecision.documentId) } : null,
      };
    }),
    meeting: meeting ? { heldOn: meeting.held_on, issued: issued(meeting.document_id) } : null,
  };
}

interface Contents {
  items: FileItem[];
  records: archive.CaseRecordItem[];
  /** Records kept outside the file (non-evidence inspection AV), by id. */
  outside: Set<string>;
  missing: MissingItem[];
  /** The latest version of each document of the case. */
  latest: docs.DocumentRow[];
  decisionNumber: string | null;
  violation: string;
}

async function contentsOf(ex: Executor, c: CaseRow, settings: RetentionSettings): Promise<Contents> {
  const records = await archive.caseRecordItems(ex, c.id);
  const marks = await archive.marksOf(
    ex,
    records.map((r) => r.id),
  );
  const outside = new Set<string>();
  for (const r of records) {
    const m = marks.filter((x) => x.record_id === r.id);
    const ret = retentionOf(
      {
        record: { kind: r.kind, createdOn: shanghaiDate(new Date(r.created_at)) },
        case: {
          actType: c.act_type as ActType,
          procedure: c.procedure as Procedure,
          closedOn: c.closed_on,
          archivedOn: null,
        },
        marks: {
          evidence: m.some((x) => x.mark === 'evidence'),
          disputed: m.some((x) => x.mark === 'disputed'),
        },
      },
      settings,
    );
    if (ret.class !== 'caseFile') outside.add(r.id);
  }
  const items: FileItem[] = records
    .filter((r) => !outside.has(r.id))
    .map((r) => ({
      recordId: r.id,
      kind: r.kind ?? 'document',
      documentKind: (r.document_kind as DocumentKind | null) ?? null,
      documentNumber: r.document_number,
      scanOf: r.scan_of_record,
      stepKind: (r.step_kind as StepKind | null) ?? null,
      fileName: r.file_name,
      version: r.version ?? 1,
      date: shanghaiDate(new Date(r.created_at)),
      createdAt: r.created_at,
      pages: null,
    }));
  const documents = await docs.caseDocuments(ex, c.id);
  const superseded = new Set(documents.map((d) => d.version_of).filter((x): x is string => x !== null));
  const latest = documents.filter((d) => !superseded.has(d.id));
  const facts = JSON.parse(c.facts) as StoredFacts;
  const missing = missingItems({
    actType: c.act_type as ActType,
    procedure: c.procedure as Procedure,
    outcome: facts.outcome ?? null,
    terminated: facts.terminateReason !== undefined,
    issued: latest
      .filter((d) => d.state === 'final')
      .map((d) => ({
        id: d.id,
        kind: d.kind as DocumentKind,
        number: d.number,
        signed: d.signed_record_id !== null,
      })),
    drafts: latest
      .filter((d) => d.state === 'draft')
      .map((d) => ({ id: d.id, kind: d.kind as DocumentKind })),
    legalReview: await reviewFileFacts(
      ex,
      c,
      new Set(latest.filter((d) => d.state === 'final').map((d) => d.id)),
    ),
  });
  const decision = latest
    .filter((d) => d.state === 'final' && DECISION_KINDS.includes(d.kind as DocumentKind))
    .at(-1);
  return {
    items,
    records,
    outside,
    missing,
    latest,
    decisionNumber: decision?.number ?? null,
    violation: await chargeOf(ex, c),
  };
}

/** What the case charges (案由): its violations, or for a case that names none, its power item's. */
async function chargeOf(
  ex: Executor,
  c: { power_item_id: string; charged_violations: string },
): Promise<string> {
  const charged = JSON.parse(c.charged_violations) as string[];
  if (charged.length > 0) return chargeText(charged);
  const item = (await powerItemRepo.getPowerItem(ex, c.power_item_id))!;
  const benchmark = JSON.parse(item.benchmark) as { violation?: string };
  return benchmark.violation ?? item.name;
}

async function coverFor(
  ex: Executor,
  c: CaseRow,
  f: FileRow,
  k: Contents,
  index: IndexItem[],
  archiveNumber: string | null,
) {
  const agency = (await getAgency(ex))!;
  const retention = f.retention as RetentionPeriod;
  return coverOf(
    {
      partyName: c.party_name,
      violation: k.violation,
      caseNumber: c.number,
      decisionNumber: k.decisionNumber,
      unitName: c.unit_name,
      agencyName: agency.name,
      filedOn: c.filed_on,
      closedOn: c.closed_on,
      retention,
      retentionLabel: retentionLabel(retention),
      archiveNumber,
    },
    index,
  );
}

// ---- views ------------------------------------------------------------------------------------

function summaryOf(f: FileRow, missingCount: number, caseName: string) {
  const retention = f.retention as RetentionPeriod;
  return {
    id: f.id,
    caseId: f.case_id,
    caseNumber: f.case_number,
    caseName: f.cover ? (JSON.parse(f.cover) as { caseName: string }).caseName : caseName,
    partyName: f.party_name,
    state: f.state as 'pending' | 'archived',
    archiveNumber: f.archive_number,
    closedOn: f.closed_on,
    archivedOn: f.accepted_at ? shanghaiDate(new Date(f.accepted_at)) : null,
    retention: f.retention,
    retentionLabel: retentionLabel(retention),
    missingCount,
  };
}

async function fileRow(ex: Executor, id: string): Promise<FileRow> {
  const f = await archive.getCaseFile(ex, id);
  if (!f) throw notFound('CASE_FILE_NOT_FOUND', '案卷不存在');
  return f;
}

async function caseRowOf(ex: Executor, id: string): Promise<CaseRow> {
  const c = await cases.getCase(ex, id);
  if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
  return c;
}

async function viewOf(deps: Deps, f: FileRow, viewer: RecordViewer) {
  const settings = await retentionSettings(deps.db);
  const c = await caseRowOf(deps.db, f.case_id);
  const k = await contentsOf(deps.db, c, settings);
  const archived = f.state === 'archived';
  const fullIndex = archived ? (JSON.parse(f.index_items!) as IndexItem[]) : orderIndex(k.items);
  // Titles name the files: restricted ones are masked for those who may not see them (REC-09).
  const visible = await visibleRecords(
    deps.db,
    viewer,
    k.records.map((r) => ({ id: r.id, case_id: c.id, protection: r.protection })),
  );
  const protection = new Map(k.records.map((r) => [r.id, protectionOf(r)]));
  const index = fullIndex.map((i) =>
    visible.has(i.recordId) || !protection.has(i.recordId)
      ? i
      : { ...i, title: maskedIndexTitle(i.title, protection.get(i.recordId)!) },
  );
  const cover: CaseFileCover = archived
    ? (JSON.parse(f.cover!) as CaseFileCover)
    : await coverFor(deps.db, c, f, k, index, null);
  const restricted = { stateSecret: 0, tradeSecret: 0, privacy: 0 };
  const inFile = new Set(index.map((i) => i.recordId));
  for (const r of k.records)
    if (inFile.has(r.id) && r.protection && r.protection in restricted)
      restricted[r.protection as keyof typeof restricted]++;
  return {
    ...summaryOf(f, archived ? 0 : k.missing.length, cover.caseName),
    cover,
    index,
    missing: archived ? [] : k.missing,
    // The documents still awaiting the party's signed scan, as the file check finds them.
    unsigned: k.missing
      .filter((m) => m.code === 'SIGNATURE_MISSING')
      .map((m) => k.latest.find((d) => d.id === m.documentId)!)
      .map((d) => ({ documentId: d.id, title: d.template_title, number: d.number })),
    outsideFile: k.outside.size,
    acceptedBy: f.accepted_by ? { id: f.accepted_by, name: f.accepted_by_name ?? f.accepted_by } : null,
    acceptedAt: f.accepted_at,
    note: f.note,
    restricted,
  };
}
export type CaseFileView = Awaited<ReturnType<typeof viewOf>>;

export async function getCaseFile(deps: Deps, id: string, viewer: RecordViewer): Promise<CaseFileView> {
  return viewOf(deps, await fileRow(deps.db, id), viewer);
}

export async function caseFileOfCase(
  deps: Deps,
  caseId: string,
  viewer: RecordViewer,
): Promise<CaseFileView> {
  await caseRowOf(deps.db, caseId);
  const f = await archive.caseFileOfCase(deps.db, caseId);
  if (!f) throw notFound('CASE_FILE_NOT_FOUND', '案件尚未结案，还没有案卷');
  return viewOf(deps, f, viewer);
}

export async function listCaseFiles(
  deps: Deps,
  q: { state?: 'pending' | 'archived'; q?: string; year?: number; cursor?: string; limit: number },
  scope: CaseListScope,
) {
  const rows = await archive.listCaseFiles(deps.db, {
    scope,
    ...(q.state && { state: q.state }),
    ...(q.q && { q: q.q.trim() }),
    ...(q.year !== undefined && { year: q.year }),
    ...(q.cursor && { afterId: q.cursor }),
    limit: q.limit + 1,
  });
  const settings = await retentionSettings(deps.db);
  const page = rows.slice(0, q.limit);
  const items = [];
  for (const f of page) {
    // The queue shows what is missing; the register's files are complete or accepted as they are.
    if (f.state === 'pending') {
      const k = await contentsOf(deps.db, await caseRowOf(deps.db, f.case_id), settings);
      items.push(summaryOf(f, k.missing.length, caseFileName(f.party_name, k.violation)));
    } else items.push(summaryOf(f, 0, ''));
  }
  return { items, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/**
 * The records keeper checks and accepts the file (REC-08, REC-12). Anything missing must be
 * explained in a note. In one transaction: the index and cover are frozen, the archive number is
 * taken (gapless per agency and closing year), and `caseFile.archived@1` is written.
 */
export async function acceptCaseFile(
  deps: RecordDeps,
  actor: Actor & { type: 'user' },
  id: string,
  input: { note?: string },
  viewer: RecordViewer,
): Promise<CaseFileView> {
  const settings = await retentionSettings(deps.db);
  const note = input.note?.trim() ?? '';
  // 四性检测 on receipt, before anything is written: what cannot pass is not archived, note or not.
  const pending = await fileRow(deps.db, id);
  const checks = await receiptChecks(deps, await caseRowOf(deps.db, pending.case_id), settings);
  if (checks.problems.length > 0)
    throw new DomainError(
      'conflict',
      'CASE_FILE_CHECK_FAILED',
      `案卷未通过归档检测：${checks.problems.map((p) => p.message).join('；')}`,
      undefined,
      { problems: checks.problems },
    );
  await deps.db.transaction().execute(async (trx) => {
    const locked = await archive.lockCaseFile(trx, id);
    if (!locked) throw notFound('CASE_FILE_NOT_FOUND', '案卷不存在');
    if (locked.state === 'archived') throw conflict('CASE_FILE_ARCHIVED', '该案卷已归档');
    const f = (await archive.getCaseFile(trx, id))!;
    const c = await caseRowOf(trx, f.case_id);
    if (c.closed_on === null) throw conflict('CASE_NOT_CLOSED', '案件尚未结案，不能归档');
    const k = await contentsOf(trx, c, settings);
    if (k.missing.length > 0 && note.length < 2)
      throw new DomainError(
        'unprocessable',
        'CASE_FILE_INCOMPLETE',
        `案卷不完整：${k.missing.map((m) => m.message).join('；')}。请补齐后再接收，或在备注中说明情况后接收`,
        'note',
        { missing: k.missing },
      );
    const year = yearOf(c.closed_on);
    const seq = await archive.nextArchiveSeq(trx, f.agency_id, year);
    const archiveNumber = formatArchiveNumber(year, seq);
    const index = orderIndex(k.items);
    const cover = await coverFor(trx, c, f, k, index, archiveNumber);
    const at = deps.clock.now().toISOString();
    await archive.updateCaseFile(trx, id, {
      state: 'archived',
      archive_year: year,
      archive_seq: seq,
      archive_number: archiveNumber,
      cover: JSON.stringify(cover),
      index_items: JSON.stringify(index),
      accepted_by: actor.id,
      accepted_at: at,
      note: note || null,
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'caseFile.archived@1',
      { type: 'caseFile', id },
      {
        caseId: c.id,
        archiveNumber,
        items: index.length,
        checks: checks.summary,
        ...(k.missing.length > 0 && { missing: k.missing.map((m) => m.message) }),
        ...(note && { note }),
      },
    );
  });
  return getCaseFile(deps, id, viewer);
}

/**
 * The checks an electronic archive makes on receipt (DOMAIN.md: authenticity, integrity,
 * usability, security — 四性): each record of the file was recorded in the ledger with the digest
 * it has now (authenticity); its content is present and hashes to that digest (integrity, by
 * re-reading every byte); it has a media type and a non-empty body (usability); it carries a
 * protection class (security).
 */
async function receiptChecks(deps: RecordDeps, c: CaseRow, settings: RetentionSettings) {
  const k = await contentsOf(deps.db, c, settings);
  const inFile = new Set(k.items.map((i) => i.recordId));
  const records = k.records.filter((r) => inFile.has(r.id));
  const problems: Array<{ recordId: string; check: string; message: string }> = [];
  const recorded = new Map<string, string>();
  for (let i = 0; i < records.length; i += 500) {
    const rows = await recordContentEntries(
      deps.db,
      records.slice(i, i + 500).map((r) => r.id),
    );
    for (const r of rows) recorded.set(r.subject_id, (JSON.parse(r.data) as { sha256: string }).sha256);
  }
  let bytes = 0;
  for (const r of records) {
    const name = `“${r.file_name}”`;
    if (recorded.get(r.id) !== r.sha256)
      problems.push({
        recordId: r.id,
        check: 'authenticity',
        message: `${name}与留痕登记的摘要不符或没有留痕`,
      });
    if (!r.protection) problems.push({ recordId: r.id, check: 'security', message: `${name}没有保护级别` });
    if (!r.media_type || r.size === 0)
      problems.push({ recordId: r.id, check: 'usability', message: `${name}没有媒体类型或内容为空` });
    let digest: string | null = null;
    let size = 0;
    try {
      const h = createHash('sha256');
      for await (const chunk of await deps.blobs.get(r.sha256)) {
        h.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      digest = h.digest('hex');
    } catch {
      problems.push({ recordId: r.id, check: 'integrity', message: `${name}的内容在存储中不存在` });
      continue;
    }
    bytes += size;
    if (digest !== r.sha256 || size !== r.size)
      problems.push({ recordId: r.id, check: 'integrity', message: `${name}的内容与登记的摘要不符` });
  }
  return {
    problems,
    summary: {
      records: records.length,
      bytes,
      authenticity: true,
      integrity: true,
      usability: true,
      security: true,
    },
  };
}

// ---- the party's signature --------------------------------------------------------------------

/**
 * The scan of a document the party signed (笔录, 送达回证, 清单) becomes a record of the case, filed
 * under the document's step, and the document is marked signed — in one transaction. Allowed
 * after closing (the receipt often comes back later), refused once the file is archived.
 */
export async function attachSignedScan(
  deps: RecordDeps,
  actor: Actor & { type: 'user' },
  documentId: string,
  input: UploadedContent,
) {
  const d = await docs.getDocument(deps.db, documentId);
  if (!d) throw notFound('DOCUMENT_NOT_FOUND', '执法文书不存在');
  const kind = d.kind as DocumentKind;
  if (!DOCUMENT_KIND_INFO[kind].partySigns)
    throw invalid('SIGNATURE_NOT_REQUIRED', `“${DOCUMENT_KIND_INFO[kind].label}”不需要当事人签名`, 'id');
  if (d.state !== 'final' || d.step_id === null || d.record_id === null)
    throw conflict('DOCUMENT_NOT_FINAL', '文书签发后才能附当事人签名的扫描件');
  if (d.signed_record_id !== null) throw conflict('DOCUMENT_ALREADY_SIGNED', '该文书已附签名扫描件');
  const docRecord = (await recordRepo.getRecord(deps.db, d.record_id))!;
  const r = await createRecord(deps, actor, {
    content: input.content,
    fileName: input.fileName,
    mediaType: input.mediaType,
    ...(input.expectedSha256 && { expectedSha256: input.expectedSha256 }),
    ...(input.file && { file: input.file }),
    meta: {
      caseId: d.case_id,
      stepId: d.step_id,
      kind: 'scan',
      protection: (docRecord.protection ?? 'internal') as Protection,
      afterClosing: true,
    },
    inTx: async (trx, recordId) => {
      if (await archive.signatureOf(trx, documentId))
        throw conflict('DOCUMENT_ALREADY_SIGNED', '该文书已附签名扫描件');
      await archive.insertSignature(trx, {
        document_id: documentId,
        record_id: recordId,
        attached_by: actor.id,
        attached_at: deps.clock.now().toISOString(),
      });
      await appendEntry(
        trx,
        deps,
        actor,
        'document.signed@1',
        { type: 'document', id: documentId },
        {
          caseId: d.case_id,
          scanRecordId: recordId,
        },
      );
    },
  });
  return r;
}

// ---- the archive package ----------------------------------------------------------------------

export interface PackagePlan {
  fileName: string;
  manifest: PackageManifest;
}

const FILES_DIR = 'files';
/** A file name safe in any unzip tool: no separators, reserved or control characters. */
const safeName = (s: string) =>
  [...s]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .slice(0, 120);

/**
 * What goes into the package of an archived case file, for this viewer: the manifest with the
 * case's ledger entries and their proofs against a fresh signed checkpoint. A full package needs
 * `caseFile.export` and, for 国家秘密 and 商业秘密 records, a role that may see them; any staff
 * member may export a redacted one, in which restricted records (and personal privacy) are
 * replaced by their metadata and digests. A purpose is always required. The export is
 * logged: one retrieval per record whose content is included, and a `caseFile.exported@1` entry.
 */
export async function planPackage(
  deps: Deps,
  t: Transparency,
  actor: Actor & { type: 'user' },
  viewer: Viewer,
  id: string,
  q: { purpose: string; redacted: boolean },
): Promise<PackagePlan> {
  const purpose = q.purpose.trim();
  if (purpose.length < 2) throw invalid('PURPOSE_REQUIRED', '导出归档包须说明用途（至少 2 个字）', 'purpose');
  const f = await fileRow(deps.db, id);
  if (f.state !== 'archived') throw conflict('CASE_FILE_NOT_ARCHIVED', '案卷归档后才能导出归档包');
  const c = await caseRowOf(deps.db, f.case_id);
  const index = JSON.parse(f.index_items!) as IndexItem[];
  const cover = JSON.parse(f.cover!) as PackageManifest['caseFile']['cover'];
  const all = await archive.caseRecordItems(deps.db, c.id);
  const byId = new Map(all.map((r) => [r.id, r]));
  const member = viewer.officerId !== null && (await cases.isCaseOfficer(deps.db, c.id, viewer.officerId));
  const restrictedHere = index
    .map((i) => byId.get(i.recordId)!)
    .filter((r) => r.protection === 'stateSecret' || r.protection === 'tradeSecret');
  const blocked = restrictedHere.filter(
    (r) => !canSeeRecord(viewer.roles, r.protection as Protection, member),
  );
  // Those who keep or oversee the archive export full packages; other staff only redacted ones.
  if (!q.redacted && !can(viewer.roles, 'caseFile.export'))
    throw new DomainError(
      'forbidden',
      'PACKAGE_RESTRICTED',
      '完整归档包由综合科、办领导或监督人员导出；您可导出脱敏归档包（受限材料仅含元数据和摘要）',
      'redacted',
      { restricted: restrictedHere.length },
    );
  if (!q.redacted && blocked.length > 0)
    throw new DomainError(
      'forbidden',
      'PACKAGE_RESTRICTED',
      `案卷含${[...new Set(blocked.map((r) => PROTECTION_LABELS[r.protection as Protection]))].join('、')}材料 ${blocked.length} 件，您无权导出完整归档包；可导出脱敏归档包（涉密材料仅含元数据和摘要）`,
      'redacted',
      { restricted: blocked.length },
    );
  const disposed = new Map(
    (
      await archive.liveDisposals(
        deps.db,
        index.map((i) => i.recordId),
      )
    )
      .filter((d) => d.state === 'disposed')
      .map((d) => [d.record_id, d]),
  );
  const redact = (r: archive.CaseRecordItem) =>
    q.redacted
      ? r.protection === 'stateSecret' || r.protection === 'tradeSecret' || r.protection === 'privacy'
      : !canSeeRecord(viewer.roles, (r.protection ?? 'internal') as Protection, member);
  const included = index.filter((i) => !disposed.has(i.recordId) && !redact(byId.get(i.recordId)!));

  // The export is logged before anything is read, then the checkpoint covers that entry too.
  const exportedAt = deps.clock.now().toISOString();
  let exportSeq = 0;
  await deps.db.transaction().execute(async (trx) => {
    // Each record whose content leaves in the package is a retrieval, logged as on the one path;
    // the rows inserted and the entries appended in batches (one ledger lock and last-leaf read).
    const rows = included.map((i) => ({
      id: newId(deps.clock),
      record_id: i.recordId,
      user_id: actor.id,
      purpose: `导出归档包：${purpose}`,
      range_start: null,
      range_end: null,
      at: exportedAt,
    }));
    await recordRepo.insertRetrievals(trx, rows);
    await appendEntries(
      trx,
      deps,
      actor,
      rows.map((r) => ({
        action: 'record.retrieved@1' as const,
        subject: { type: 'retrieval', id: r.id },
        data: {
          recordId: r.record_id,
          sha256: byId.get(r.record_id)!.sha256,
          purpose: r.purpose,
          range: null,
        },
      })),
    );
    // What the case's ledger holds just before this entry: under the ledger lock nothing can come
    // in between, so the package's verifier can tell whether any of it was left out.
    await lockLedger(trx);
    const seqs = (await archive.caseLedgerRows(trx, c.id)).map((r) => Number(r.seq));
    const claim: ExportClaim = { entries: seqs.length, seqsSha256: seqsDigest(seqs) };
    const entry = await appendEntry(
      trx,
      deps,
      actor,
      EXPORT_ACTION,
      { type: 'caseFile', id },
      {
        caseId: c.id,
        archiveNumber: f.archive_number,
        purpose,
        redacted: q.redacted,
        records: included.length,
        withheld: index.length - included.length - disposed.size,
        disposed: disposed.size,
        ledger: claim,
      },
    );
    exportSeq = entry.seq;
  });
  const checkpoint = await makeCheckpoint(deps, t);

  const entries = await caseEntries(deps, c.id, checkpoint.size);
  const seqOf = new Map<string, number>();
  const disposalSeq = new Map<string, number>();
  for (const e of entries) {
    if (e.subject.type !== 'record') continue;
    if (e.action === 'record.created@1' || e.action === 'record.corrected@1') seqOf.set(e.subject.id, e.seq);
    if (e.action === 'record.disposed@1') disposalSeq.set(e.subject.id, e.seq);
  }
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const files: PackageFile[] = index.map((i) => {
    const r = byId.get(i.recordId)!;
    const inclusion = disposed.has(r.id) ? 'disposed' : redact(r) ? 'redacted' : 'content';
    const ext = /\.[0-9A-Za-z]{1,8}$/.exec(r.file_name)?.[0] ?? '';
    const base = safeName(r.file_name.slice(0, r.file_name.length - ext.length));
    const entry = bySeq.get(seqOf.get(r.id)!)!;
    return {
      order: i.order,
      volume: i.volume,
      path:
        inclusion === 'content'
          ? `${FILES_DIR}/${i.volume}/${String(i.order).padStart(4, '0')}-${base}${ext}`
          : null,
      inclusion,
      recordId: r.id,
      title: i.title,
      documentNumber: i.documentNumber,
      fileName: r.file_name,
      mediaType: r.media_type,
      size: r.size,
      sha256: r.sha256,
      sm3: r.sm3,
      kind: r.kind ?? 'document',
      protection: r.protection ?? 'internal',
      createdBy: { id: r.created_by, name: r.creator_name },
      createdAt: entry.recordedAt,
      ledgerSeq: entry.seq,
      ...(inclusion === 'disposed' && { disposalSeq: disposalSeq.get(r.id)! }),
    };
  });
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    exportedAt,
    exportedBy: { id: actor.id, name: await userName(deps.db, actor.id) },
    purpose,
    redacted: q.redacted,
    caseFile: { id, caseId: c.id, state: f.state, cover, index },
    files,
    ledger: { treeSize: checkpoint.size, rootHash: checkpoint.rootHash, entries },
    exportSeq,
    checkpoint: checkpoint.note,
    verifierKey: t.verifierKey,
  };
  return { fileName: `归档包-${f.archive_number}${q.redacted ? '-脱敏' : ''}.zip`, manifest };
}

async function userName(ex: Executor, id: string): Promise<string> {
  return (await displayNames(ex, [id])).get(id) ?? id;
}

/**
 * The case's ledger entries up to `size` — about the case, its steps, records, documents, case
 * file, disposals and holds — each with its inclusion proof in the tree of `size` leaves.
 */
async function caseEntries(deps: Deps, caseId: string, size: number): Promise<PackageLedgerEntry[]> {
  const rows = await archive.caseLedgerRows(deps.db, caseId, size);
  // Proofs of neighbouring entries share most of their nodes: read each node once.
  const read = nodeGetter(deps.db);
  const cache = new Map<string, Promise<Hash>>();
  const get = (level: number, index: number) => {
    const key = `${level}/${index}`;
    let h = cache.get(key);
    if (h === undefined) cache.set(key, (h = read(level, index)));
    return h;
  };
  const out: PackageLedgerEntry[] = [];
  for (const r of rows) {
    const proof = await inclusionProof(Number(r.seq) - 1, size, get);
    out.push({ ...rowToEntry(r), proof: proof.map(toBase64) });
  }
  return out;
}

/** Opens a file's content for the package writer (content that is gone is never asked for). */
export function packageOpener(deps: RecordDeps) {
  return (f: PackageFile) => deps.blobs.get(f.sha256);
}

/**
 * `zhifa archive export`: the same package as the API gives, for a named user (their roles decide
 * what is restricted, and the export is logged under their name), written to `out`.
 */
export async function exportPackageAs(
  deps: RecordDeps,
  t: Transparency,
  username: string,
  target: { caseFileId?: string; archiveNumber?: string },
  q: { purpose: string; redacted: boolean },
  out: NodeJS.WritableStream,
): Promise<{ fileName: string; bytes: number; files: number }> {
  const user = await findUserByName(deps.db, username);
  if (!user || user.disabled === 1) throw notFound('USER_NOT_FOUND', `用户 ${username} 不存在或已停用`);
  const roles = ((await rolesOf(deps.db, [user.id])).get(user.id) ?? []).filter(isRole);
  if (!can(roles, q.redacted ? 'caseFile.read' : 'caseFile.export'))
    throw new DomainError(
      'forbidden',
      'FORBIDDEN',
      `用户 ${username} 无权导出${q.redacted ? '' : '完整'}归档包（完整包：综合科、办领导、监督人员）`,
    );
  let id = target.caseFileId;
  if (id === undefined) {
    const f = await archive.caseFileIdByArchiveNumber(deps.db, target.archiveNumber ?? '');
    if (!f) throw notFound('CASE_FILE_NOT_FOUND', `没有档号为 ${target.archiveNumber ?? ''} 的案卷`);
    id = f.id;
  }
  const plan = await planPackage(
    deps,
    t,
    { type: 'user', id: user.id },
    { userId: user.id, roles, officerId: user.officer_id, unitId: null },
    id,
    q,
  );
  const { bytes } = await writePackage(out, plan.manifest, packageOpener(deps));
  return {
    fileName: plan.fileName,
    bytes,
    files: plan.manifest.files.filter((f) => f.inclusion === 'content').length,
  };
}
