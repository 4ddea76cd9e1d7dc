/**
 * The documents legal review issues as it acts (REV-05…REV-08): the 法制审核意见书, the 复审申请书,
 * the 复审意见书, the leader's 异议决定书 and the 案审会's 集体讨论记录. `issueWithin` runs inside the
 * caller's transaction — the act and its document commit together or not at all: the template in
 * force is filled from the case and the act's own values, the next 文号 of its code is taken (for
 * numbered kinds), the .docx is rendered and stored as a record of the case, and the document is
 * written drafted-then-final with the same ledger entries as an officer's document
 * (`document.drafted@1`, `record.created@1`, `document.finalised@1`). Personal data stays masked:
 * these documents are internal and never served. Everything is read through the transaction (on
 * SQLite the one connection belongs to it).
 *
 * Kept apart from `document-service.ts`, which imports the case services (and through them the
 * legal review view): legal review imports this module without a cycle.
 */
import type { StoredFacts } from '../domain/case-facts';
import { chineseDate, shanghaiDate, yearOf, type IsoDate } from '../domain/dates';
import {
  DOCUMENT_KIND_INFO,
  documentData,
  fillTemplate,
  formatDocumentNumber,
  type DocumentKind,
  type ReviewValues,
  type TemplateBody,
} from '../domain/documents';
import { notFound, conflict } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { documentParty, documentPowerItem } from './document-subject';
import * as cases from '../repositories/case-repository';
import * as repo from '../repositories/document-repository';
import { getAgency } from '../repositories/org-repository';
import * as partyRepo from '../repositories/party-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import * as records from '../repositories/record-repository';
import type { BlobStore } from '../storage/blobs';
import { newId, type Deps, type Tx } from './deps';
import type { DocxLayout } from './document-docx';
import { renderDocx } from './docx-render';
import { appendEntry } from './ledger';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What issuing a document needs: the database, the clock, and the blob store for its .docx. */
export type ReviewDocumentDeps = Pick<Deps, 'db' | 'clock' | 'dialect'> & { blobs: BlobStore };

/** How a document of this kind is laid out: the seal block for sealed kinds, 共X页 第X页 for 笔录. */
export const documentLayout = (kind: DocumentKind, o: Omit<DocxLayout, 'sealed' | 'paged'>): DocxLayout => ({
  ...o,
  sealed: DOCUMENT_KIND_INFO[kind].sealed,
  paged: DOCUMENT_KIND_INFO[kind].paged,
});

export const fileNameOf = (title: string, number: string | null, version: number) =>
  `${title}${number ? `（${number}）` : ''}${version > 1 ? `（第${version}版）` : ''}.docx`;

/**
 * The record of an issued document, written inside the issuing transaction (the .docx carries
 * the 文号, which is taken there). The same row and `record.created@1`/`record.corrected@1` entry
 * as `record-service.createRecord` writes for a case record of kind `document`.
 */
export async function insertDocumentRecord(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  r: {
    id: string;
    blob: { sha256: string; sm3: string; size: number };
    fileName: string;
    caseId: string;
    stepId: string | null;
    versionOf: string | null;
    reason: string | null;
    at: string;
  },
) {
  let chain = { root: r.id, version: 1 };
  if (r.versionOf !== null) {
    const prior = await records.getRecord(trx, r.versionOf);
    if (!prior) throw notFound('RECORD_NOT_FOUND', '原文书的记录不存在');
    if (await records.successorOf(trx, prior.id))
      throw conflict('RECORD_SUPERSEDED', '原文书的记录已有更新的版本', 'id');
    chain = { root: prior.root_id ?? prior.id, version: (prior.version ?? 1) + 1 };
  }
  const meta = {
    caseId: r.caseId,
    ...(r.stepId !== null && { stepId: r.stepId }),
    kind: 'document' as const,
    protection: 'internal' as const,
  };
  await records.insertRecord(trx, {
    id: r.id,
    sha256: r.blob.sha256,
    sm3: r.blob.sm3,
    size: r.blob.size,
    media_type: DOCX_MEDIA_TYPE,
    file_name: r.fileName,
    created_by: actor.id,
    created_at: r.at,
    case_id: meta.caseId,
    step_id: r.stepId,
    kind: meta.kind,
    protection: meta.protection,
    version_of: r.versionOf,
    root_id: chain.root,
    version: chain.version,
    correction_reason: r.versionOf !== null ? r.reason : null,
    av_meta: null,
    recorder_id: null,
  });
  await appendEntry(
    trx,
    deps,
    actor,
    r.versionOf !== null ? 'record.corrected@1' : 'record.created@1',
    { type: 'record', id: r.id },
    {
      fileName: r.fileName,
      mediaType: DOCX_MEDIA_TYPE,
      size: r.blob.size,
      sha256: r.blob.sha256,
      sm3: r.blob.sm3,
      ...meta,
      ...(r.versionOf !== null && { versionOf: r.versionOf, reason: r.reason }),
    },
  );
}

export interface IssuedReviewDocument {
  id: string;
  number: string | null;
  recordId: string;
}

/**
 * Issues one of legal review's documents for `caseId` inside `trx` (the caller holds the case's
 * row lock). The template in force for the kind is used; an office whose template predates the
 * kind's 文号 code is numbered with the kind's default code.
 */
export async function issueWithin(
  trx: Tx,
  deps: ReviewDocumentDeps,
  actor: Actor,
  input: { caseId: string; kind: DocumentKind; review: ReviewValues; date?: IsoDate },
): Promise<IssuedReviewDocument> {
  const { caseId, kind } = input;
  const info = DOCUMENT_KIND_INFO[kind];
  const c = await cases.getCase(trx, caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
  const agency = await getAgency(trx);
  if (!agency) throw notFound('AGENCY_NOT_FOUND', '尚未登记执法主体');
  const template = await repo.getTemplate(trx, kind);
  if (!template) throw notFound('TEMPLATE_NOT_FOUND', `尚无“${info.label}”的模板，请系统管理员先保存模板`);
  const title = template.title;
  const body = JSON.parse(template.body) as TemplateBody;
  const party = (await partyRepo.getParty(trx, c.party_id))!;
  const item = (await powerItemRepo.getPowerItem(trx, c.power_item_id))!;
  const facts = JSON.parse(c.facts) as StoredFacts;
  const charged = JSON.parse(c.charged_violations) as string[];
  const officers = await cases.caseOfficers(trx, caseId);
  const date = input.date ?? shanghaiDate(deps.clock.now());
  const data = documentData({
    date,
    agency: { name: agency.name, address: agency.address, phone: agency.phone },
    caseInfo: { number: c.number, title: c.title, filedOn: c.filed_on },
    party: documentParty(party),
    powerItem: documentPowerItem(item, charged),
    sanction: facts.sanction,
    hearingOffered: facts.hearingOffered === true,
    officers: officers.map((o) => ({ name: o.name, certificateNumber: '' })),
    evidence: [],
    review: input.review,
  });

  const code = body.code ?? info.code ?? undefined;
  let number: string | null = null;
  if (code !== undefined) {
    const year = yearOf(date);
    const seq = await repo.nextDocumentSeq(trx, agency.id, code, year);
    number = formatDocumentNumber(agency.short_name, code, year, seq);
  }
  const rendered = fillTemplate(title, body, data);
  const buffer = await renderDocx(
    rendered,
    documentLayout(kind, { agencyName: agency.name, number, dateText: chineseDate(date), banner: null }),
  );
  const blob = await deps.blobs.put(buffer);
  const id = newId(deps.clock);
  const recordId = newId(deps.clock);
  const at = deps.clock.now().toISOString();
  const templateId = template.id;
  const templateVersion = Number(template.version);
  await repo.insertDocument(trx, {
    id,
    case_id: caseId,
    step_id: null,
    kind,
    template_id: templateId,
    template_version: templateVersion,
    state: 'draft',
    number: null,
    record_id: null,
    data: JSON.stringify(data),
    version_of: null,
    version: 1,
    reason: null,
    created_by: actor.id,
    created_at: at,
    finalised_by: null,
    finalised_at: null,
  });
  await appendEntry(
    trx,
    deps,
    actor,
    'document.drafted@1',
    { type: 'document', id },
    { caseId, kind, templateId, templateVersion },
  );
  await insertDocumentRecord(trx, deps, actor, {
    id: recordId,
    blob,
    fileName: fileNameOf(title, number, 1),
    caseId,
    stepId: null,
    versionOf: null,
    reason: null,
    at,
  });
  await repo.updateDocument(trx, id, {
    state: 'final',
    number,
    record_id: recordId,
    finalised_by: actor.id,
    finalised_at: at,
  });
  await appendEntry(
    trx,
    deps,
    actor,
    'document.finalised@1',
    { type: 'document', id },
    {
      caseId,
      kind,
      number,
      templateVersion,
      recordId,
      sha256: blob.sha256,
      sm3: blob.sm3,
      disclosed: [],
    },
  );
  return { id, number, recordId };
}
