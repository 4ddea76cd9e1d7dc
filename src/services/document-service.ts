import { documentParty, documentPowerItem } from './document-subject';
import { draftRefusal } from '../domain/document-availability';
import { isClosed, lifecycleOf, type CaseState } from '../domain/case-machine';
import type { Procedure } from '../domain/case-types';
import type { Readable } from 'node:stream';
import { SERVICE_MANNER_LABELS, type ActType, type ServiceManner, type StepKind } from '../domain/case-types';
import { DEFAULT_TEMPLATES } from '../domain/document-templates';
import {
  CONDITION_LABELS,
  DOCUMENT_KIND_INFO,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  documentData,
  fillTemplate,
  formatDocumentNumber,
  isNumbered,
  isServed,
  missingNotices,
  NOTICE_LABELS,
  noticeFactsOf,
  PLACEHOLDERS,
  RECORDED_STEP,
  renderedText,
  REQUIRED_NOTICES,
  sampleContext,
  templateMissingNotices,
  validateTemplate,
  type DocumentContext,
  type DocumentData,
  type DocumentKind,
  type TemplateBody,
} from '../domain/documents';
import { placeholdersIn } from '../domain/template-fill';
import { chineseDate, shanghaiDate, yearOf, type IsoDate } from '../domain/dates';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import * as cases from '../repositories/case-repository';
import * as partyRepo from '../repositories/party-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import * as stepRepo from '../repositories/step-repository';
import * as repo from '../repositories/document-repository';
import { certificatesOf, getAgency } from '../repositories/org-repository';
import type { Row } from '../storage/schema';
import { assertOpen } from '../domain/case-open';
import type { StoredFacts } from '../domain/case-facts';
import type { CaseDeps } from './case-service';
import { newId, type Deps, type Tx } from './deps';
import { renderDocx } from './docx-render';
import { documentLayout, fileNameOf, insertDocumentRecord } from './review-document-service';
import { appendEntry } from './ledger';
import { discloseParty } from './party-service';
import { retrieve, type RecordDeps, type Viewer } from './record-service';
import { completeStep, recordStep } from './step-service';
import { loadCalendar } from './calendar-service';
import { paymentBank } from './settings-service';
import * as userRepo from '../repositories/user-repository';
import { addWorkingDays } from '../domain/calendar';
import { NOTICE_PERIOD_WORKING_DAYS, type CaseDates } from '../domain/case-deadlines';

/** Documents use the case services (parties, steps) and the record store. */
export type DocumentDeps = CaseDeps & RecordDeps;
type LedgerDeps = Pick<Deps, 'clock'>;

export { DOCX_MEDIA_TYPE, documentLayout, issueWithin } from './review-document-service';
/** Why a party's full address (and a person's ID number) is opened when a document is issued. */
export const DISCLOSURE_PURPOSE = '制作执法文书';

const today = (deps: { clock: { now(): Date } }): IsoDate => shanghaiDate(deps.clock.now());

// ---- templates --------------------------------------------------------------------------------

type TemplateRow = Row<'document_templates'>;

function templateView(r: TemplateRow) {
  const kind = r.kind as DocumentKind;
  const body = JSON.parse(r.body) as TemplateBody;
  return {
    id: r.id,
    kind,
    kindLabel: DOCUMENT_KIND_LABELS[kind],
    version: Number(r.version),
    title: r.title,
    code: body.code ?? null,
    sections: body.sections,
    numbered: isNumbered(kind),
    sealed: DOCUMENT_KIND_INFO[kind].sealed,
    partySigns: DOCUMENT_KIND_INFO[kind].partySigns,
    requiredNotices: REQUIRED_NOTICES[kind].map((n) => ({ notice: n, label: NOTICE_LABELS[n] })),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}
export type TemplateView = ReturnType<typeof templateView>;

/** The names a template editor needs: kinds, placeholders, conditions, notices. */
export const TEMPLATE_META = {
  placeholders: PLACEHOLDERS,
  conditions: CONDITION_LABELS,
  notices: NOTICE_LABELS,
};

export async function listTemplates(deps: DocumentDeps) {
  const current = new Map((await repo.currentTemplates(deps.db)).map((r) => [r.kind, r]));
  return {
    kinds: DOCUMENT_KINDS.map((kind) => {
      const r = current.get(kind);
      return {
        kind,
        kindLabel: DOCUMENT_KIND_LABELS[kind],
        numbered: isNumbered(kind),
        actTypes: DOCUMENT_KIND_INFO[kind].actTypes,
        current: r ? { id: r.id, version: Number(r.version), title: r.title, createdAt: r.created_at } : null,
      };
    }),
    ...TEMPLATE_META,
  };
}

async function templateRow(deps: DocumentDeps, kind: DocumentKind, version?: number): Promise<TemplateRow> {
  const r = await repo.getTemplate(deps.db, kind, version);
  if (!r)
    throw notFound(
      'TEMPLATE_NOT_FOUND',
      version === undefined
        ? `尚无“${DOCUMENT_KIND_LABELS[kind]}”的模板，请系统管理员先保存模板`
        : `“${DOCUMENT_KIND_LABELS[kind]}”模板没有第 ${version} 版`,
    );
  return r;
}

export async function getTemplate(deps: DocumentDeps, kind: DocumentKind, version?: number) {
  const r = await templateRow(deps, kind, version);
  const versions = await repo.templateVersions(deps.db, kind);
  return {
    ...templateView(r),
    versions: versions.map((v) => ({
      id: v.id,
      version: Number(v.version),
      title: v.title,
      createdBy: v.created_by,
      createdAt: v.created_at,
    })),
  };
}

export interface TemplateInput {
  title: string;
  code?: string;
  sections: TemplateBody['sections'];
}

/** The stored form of a template edit: trimmed, without absent members. */
function normalise(input: TemplateInput): { title: string; body: TemplateBody } {
  return {
    title: input.title.normalize('NFC').trim(),
    body: {
      ...(input.code !== undefined && { code: input.code.trim() }),
      sections: input.sections.map((s) => ({
        ...(s.heading !== undefined && { heading: s.heading.normalize('NFC').trim() }),
        paragraphs: s.paragraphs.map((p) => ({
          text: p.text.normalize('NFC').trim(),
          ...(p.when !== undefined && { when: p.when }),
          ...(p.plain === true && { plain: true }),
        })),
      })),
    },
  };
}

/** Checks a template edit: shape, placeholders, and every notice its kind owes the party (PUB-06). */
export function checkTemplate(kind: DocumentKind, input: TemplateInput, on: IsoDate) {
  const t = normalise(input);
  const first = validateTemplate(kind, t.title, t.body)[0];
  if (first) throw invalid('TEMPLATE_INVALID', first.message, first.field);
  const missing = templateMissingNotices(kind, t.title, t.body, on);
  if (missing.length > 0)
    throw new DomainError(
      'invalid',
      'TEMPLATE_NOTICE_MISSING',
      `模板不能删去应当告知当事人的事项：${missing.map((n) => NOTICE_LABELS[n]).join('；')}`,
      'sections',
      { missing },
    );
  return t;
}

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || /UNIQUE constraint failed/.test(err.message ?? '');
};

/**
 * An edit of a template is a new version (templates are never changed in place), written with its
 * ledger entry; an edit that drops a notice owed to the party is refused.
 */
export async function saveTemplate(
  deps: DocumentDeps,
  actor: Actor,
  kind: DocumentKind,
  input: TemplateInput,
): Promise<TemplateView> {
  const t = checkTemplate(kind, input, today(deps));
  const id = newId(deps.clock);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const latest = await repo.getTemplate(trx, kind);
      await insertTemplateVersion(trx, deps, actor, {
        id,
        kind,
        version: (latest ? Number(latest.version) : 0) + 1,
        ...t,
      });
    });
  } catch (e) {
    // Two edits of one kind at once: the second would take the same version number.
    if (isUniqueViolation(e))
      throw conflict('TEMPLATE_VERSION_CONFLICT', '模板刚被他人修改，请刷新后再保存', 'version');
    throw e;
  }
  return templateView((await repo.getTemplateById(deps.db, id))!);
}

async function insertTemplateVersion(
  trx: Tx,
  deps: LedgerDeps,
  actor: Actor,
  t: { id: string; kind: DocumentKind; version: number; title: string; body: TemplateBody },
) {
  await repo.insertTemplate(trx, {
    id: t.id,
    kind: t.kind,
    version: t.version,
    title: t.title,
    body: JSON.stringify(t.body),
    created_by: actor.id,
    created_at: deps.clock.now().toISOString(),
  });
  await appendEntry(
    trx,
    deps,
    actor,
    'documentTemplate.saved@1',
    { type: 'documentTemplate', id: t.id },
    { kind: t.kind, version: t.version, title: t.title },
  );
}

/** Version 1 of every kind that has no template yet (the seed; inside the caller's transaction). */
export async function seedTemplates(trx: Tx, deps: LedgerDeps, actor: Actor): Promise<number> {
  const have = new Set((await repo.currentTemplates(trx)).map((r) => r.kind));
  let n = 0;
  for (const kind of DOCUMENT_KINDS) {
    if (have.has(kind)) continue;
    const t = DEFAULT_TEMPLATES[kind];
    await insertTemplateVersion(trx, deps, actor, {
      id: newId(deps.clock),
      kind,
      version: 1,
      title: t.title,
      body: t.body,
    });
    n++;
  }
  return n;
}

/** A template version rendered with a sample case: what an administrator checks before saving. */
export async function previewTemplate(deps: DocumentDeps, kind: DocumentKind, version?: number) {
  const r = await templateRow(deps, kind, version);
  const agency = await getAgency(deps.db);
  const on = today(deps);
  const body = JSON.parse(r.body) as TemplateBody;
  const data = documentData(sampleContext(on, { hearingOffered: true, person: false }));
  const buffer = await renderDocx(
    fillTemplate(r.title, body, data),
    documentLayout(kind, {
      agencyName: agency?.name ?? data.values['agency.name']!,
      number: body.code
        ? formatDocumentNumber(agency?.short_name ?? '青国动', body.code, yearOf(on), 1)
        : null,
      dateText: chineseDate(on),
      banner: '（样式预览，示例数据）',
    }),
  );
  return { buffer, fileName: `${r.title}（第${Number(r.version)}版样式预览）.docx` };
}

// ---- documents --------------------------------------------------------------------------------

type DocumentRow = repo.DocumentRow;

function documentView(r: DocumentRow) {
  const kind = r.kind as DocumentKind;
  return {
    id: r.id,
    caseId: r.case_id,
    stepId: r.step_id,
    kind,
    kindLabel: DOCUMENT_KIND_LABELS[kind],
    title: r.template_title,
    templateId: r.template_id,
    templateVersion: Number(r.template_version),
    state: r.state as 'draft' | 'final',
    number: r.number,
    recordId: r.record_id,
    version: Number(r.version),
    versionOf: r.version_of,
    reason: r.reason,
    partySigns: DOCUMENT_KIND_INFO[kind].partySigns,
    signedScan:
      r.signed_record_id === null
        ? null
        : {
            recordId: r.signed_record_id,
            attachedAt: r.signed_at,
            attachedBy: { id: r.signed_by, name: r.signed_by_name },
          },
    data: JSON.parse(r.data) as DocumentData,
    createdBy: { id: r.created_by, name: r.creator_name },
    createdAt: r.created_at,
    finalisedBy:
      r.finalised_by === null ? null : { id: r.finalised_by, name: r.finaliser_name ?? r.finalised_by },
    finalisedAt: r.finalised_at,
  };
}
export type DocumentView = ReturnType<typeof documentView>;

async function documentRow(deps: DocumentDeps, id: string): Promise<DocumentRow> {
  const r = await repo.getDocument(deps.db, id);
  if (!r) throw notFound('DOCUMENT_NOT_FOUND', '执法文书不存在');
  return r;
}

export async function getDocument(deps: DocumentDeps, id: string): Promise<DocumentView> {
  return documentView(await documentRow(deps, id));
}

export async function listCaseDocuments(deps: DocumentDeps, caseId: string): Promise<DocumentView[]> {
  if (!(await cases.getCase(deps.db, caseId))) throw notFound('CASE_NOT_FOUND', '案件不存在');
  return (await repo.caseDocuments(deps.db, caseId)).map(documentView);
}

type CaseRow = NonNullable<Awaited<ReturnType<typeof cases.getCase>>>;

/**
 * What a document of this case is filled from, read before any transaction opens. Personal data
 * is in its masked form here: drafts never hold it; the full address is opened (and logged) only
 * when the document is issued.
 */
async function loadContext(
  deps: DocumentDeps,
  c: CaseRow,
  o: { stepId: string | null; date: IsoDate; facts?: string | undefined; drafterId?: string },
): Promise<DocumentContext> {
  const agency = await getAgency(deps.db);
  if (!agency) throw notFound('AGENCY_NOT_FOUND', '尚未登记执法主体');
  const party = (await partyRepo.getParty(deps.db, c.party_id))!;
  const item = (await powerItemRepo.getPowerItem(deps.db, c.power_item_id))!;
  const facts = JSON.parse(c.facts) as StoredFacts;
  const dates = JSON.parse(c.dates) as CaseDates;
  const officers = await cases.caseOfficers(deps.db, c.id);
  const certs = await certificatesOf(
    deps.db,
    officers.map((x) => x.officer_id),
  );
  const certificateOn = (officerId: string) =>
    certs.find(
      (x) =>
        x.officer_id === officerId && x.state === 'valid' && x.valid_from <= o.date && o.date <= x.valid_to,
    )?.number ?? '';
  const steps = await stepRepo.caseSteps(deps.db, c.id);
  const stepOfficers = await stepRepo.stepOfficersOfCase(deps.db, c.id);
  const step = o.stepId ? steps.find((s) => s.id === o.stepId) : undefined;
  const hearing = steps.filter((s) => s.kind === 'hearing').at(-1);
  const decide = (await cases.caseTransitions(deps.db, c.id)).filter((t) => t.action === 'decide').at(-1);
  const served = await repo.latestNumberedDocument(deps.db, c.id, DOCUMENT_KINDS.filter(isServed));
  const charged = JSON.parse(c.charged_violations) as string[];
  // Whether the statement period was over when the decision was (or is now being) taken.
  const noticeDue = dates.noticedOn
    ? addWorkingDays((await loadCalendar(deps)).calendar, dates.noticedOn, NOTICE_PERIOD_WORKING_DAYS).date
    : null;
  const drafter = o.drafterId ? await userRepo.getUser(deps.db, o.drafterId) : undefined;
  const onStep = step ? stepOfficers.filter((x) => x.step_id === step.id) : [];
  const noteTaker = onStep.find((x) => drafter?.officer_id && x.officer_id === drafter.officer_id)?.name;
  return {
    date: o.date,
    agency: { name: agency.name, address: agency.address, phone: agency.phone },
    caseInfo: {
      number: c.number,
      title: c.title,
      filedOn: c.filed_on,
      noticedOn: dates.noticedOn,
      decidedOn: dates.decidedOn,
      hearingOn: dates.hearingOn,
      decisionReason: decide ? (JSON.parse(decide.payload) as { reason?: string }).reason : undefined,
    },
    party: documentParty(party),
    powerItem: documentPowerItem(item, charged),
    sanction: facts.sanction,
    hearingOffered: facts.hearingOffered === true,
    statement: {
      ...(facts.statement && { statement: facts.statement }),
      partyWaived: facts.partyWaived === true,
      noticePeriodOver: noticeDue !== null && (dates.decidedOn ?? o.date) > noticeDue,
      hearingOffered: facts.hearingOffered === true,
      hearingRequested: facts.hearingRequested === true,
      hearingOn: hearing ? shanghaiDate(new Date(hearing.occurred_at)) : dates.hearingOn,
    },
    paymentBank: await paymentBank(deps.db),
    officers: officers.map((x) => ({ name: x.name, certificateNumber: certificateOn(x.officer_id) })),
    evidence: steps.map((s) => ({ kind: s.kind as StepKind, on: shanghaiDate(new Date(s.occurred_at)) })),
    step: step && {
      occurredAt: step.occurred_at,
      place: step.place,
      notes: step.notes,
      serviceMannerLabel: step.service_manner
        ? SERVICE_MANNER_LABELS[step.service_manner as ServiceManner]
        : null,
      officers: onStep.map((x) => ({ name: x.name, certificateNumber: x.certificate_number })),
      noteTaker,
    },
    hearingPlace: hearing?.place,
    served: served && {
      label: DOCUMENT_KIND_LABELS[served.kind as DocumentKind],
      number: served.number,
    },
    facts: o.facts,
  };
}

/**
 * Refuses documents that do not fit the case now (`domain/document-availability.ts`): the same rule
 * gives the case view its list of kinds to draft. A re-issue corrects a document already made, so
 * only its fit to the case is checked, not its moment.
 */
async function checkFits(deps: DocumentDeps, kind: DocumentKind, c: CaseRow, reissue: boolean) {
  const info = DOCUMENT_KIND_INFO[kind];
  if (!info.actTypes.includes(c.act_type as ActType))
    throw invalid('DOCUMENT_KIND_NOT_FOR_CASE', `本案不适用“${info.label}”`, 'kind');
  const facts = JSON.parse(c.facts) as StoredFacts;
  if (kind === 'penaltyNotice' && !facts.sanction)
    throw conflict('SANCTION_NOT_PROPOSED', `尚未登记拟作出的处罚，不能制作“${info.label}”`, 'kind');
  if (kind === 'penaltyDecision' && facts.outcome !== undefined && facts.outcome !== 'penalty')
    throw conflict('OUTCOME_MISMATCH', '本案的决定不是给予行政处罚', 'kind');
  if (kind === 'noPenaltyDecision' && facts.outcome === 'penalty')
    throw conflict('OUTCOME_MISMATCH', '本案已决定给予行政处罚', 'kind');
  if (reissue) {
    if (info.needsSanction && !facts.sanction)
      throw conflict('SANCTION_NOT_PROPOSED', `尚未登记处罚，不能制作“${info.label}”`, 'kind');
    return;
  }
  const lifecycle = lifecycleOf(c.act_type as ActType, c.procedure as Procedure)!;
  const refusal = draftRefusal(kind, {
    actType: c.act_type as ActType,
    lifecycle,
    state: c.state as CaseState,
    closed: isClosed(lifecycle, c.state as CaseState),
    ...(facts.outcome && { outcome: facts.outcome }),
    ...(facts.sanction && { sanction: facts.sanction }),
    issued: (await repo.issuedKinds(deps.db, c.id)) as DocumentKind[],
  });
  if (refusal) throw conflict('DOCUMENT_KIND_NOT_NOW', `现在不能制作“${info.label}”：${refusal}`, 'kind');
}

async function caseRow(deps: DocumentDeps, caseId: string): Promise<CaseRow> {
  const c = await cases.getCase(deps.db, caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
  return c;
}

export interface GenerateInput {
  kind: DocumentKind;
  stepId?: string;
  /** The officer's account of the facts; a sentence from the party and power item otherwise. */
  facts?: string;
}

/**
 * A draft of a document for a case (REC-02): the template in force for its kind, filled from the
 * case; the template version used is kept with it. Drafts have no 文号 and hold no personal data
 * in full.
 */
export async function generateDocument(
  deps: DocumentDeps,
  actor: Actor,
  caseId: string,
  input: GenerateInput,
  prior?: DocumentRow & { reason: string },
): Promise<DocumentView> {
  const c = await caseRow(deps, caseId);
  assertOpen(c);
  await checkFits(deps, input.kind, c, prior !== undefined);
  let stepId = input.stepId ?? null;
  if (stepId !== null) {
    const s = await stepRepo.getStep(deps.db, stepId);
    if (!s || s.case_id !== caseId) throw invalid('STEP_NOT_FOUND', '执法环节不存在或不属于本案', 'stepId');
  } else {
    // A 笔录 drafted without naming its step records the case's latest step of its kind.
    const kind = RECORDED_STEP[input.kind];
    if (kind)
      stepId = (await stepRepo.caseSteps(deps.db, caseId)).filter((s) => s.kind === kind).at(-1)?.id ?? null;
  }
  const template = await templateRow(deps, input.kind);
  const data = documentData(
    await loadContext(deps, c, { stepId, date: today(deps), facts: input.facts, drafterId: actor.id }),
  );
  const id = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await cases.lockCase(trx, caseId);
    assertOpen(fresh!);
    if (prior && (await repo.successorOfDocument(trx, prior.id)))
      throw conflict('DOCUMENT_SUPERSEDED', '该文书已有重新出具的版本', 'id');
    await repo.insertDocument(trx, {
      id,
      case_id: caseId,
      step_id: stepId,
      kind: input.kind,
      template_id: template.id,
      template_version: Number(template.version),
      state: 'draft',
      number: null,
      record_id: null,
      data: JSON.stringify(data),
      version_of: prior?.id ?? null,
      version: prior ? Number(prior.version) + 1 : 1,
      reason: prior?.reason ?? null,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
      finalised_by: null,
      finalised_at: null,
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'document.drafted@1',
      { type: 'document', id },
      {
        caseId,
        kind: input.kind,
        templateId: template.id,
        templateVersion: Number(template.version),
        ...(stepId && { stepId }),
        ...(prior && { versionOf: prior.id, reason: prior.reason }),
      },
    );
  });
  return getDocument(deps, id);
}

/**
 * Re-issuing a final document (e.g. to correct it) makes a new draft that names it; finalised, it
 * keeps the 文号 and its record is a new version of the first one's record (REC-07).
 */
export async function reissueDocument(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
  input: { reason: string; facts?: string },
): Promise<DocumentView> {
  const prior = await documentRow(deps, id);
  if (prior.state !== 'final') throw conflict('DOCUMENT_NOT_FINAL', '草稿不需要重新出具，可直接修改后签发');
  if (await repo.successorOfDocument(deps.db, id))
    throw conflict('DOCUMENT_SUPERSEDED', '该文书已有重新出具的版本，请在最新版本上操作', 'id');
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalid('REASON_REQUIRED', '重新出具文书须说明理由（至少 2 个字）', 'reason');
  const priorData = JSON.parse(prior.data) as DocumentData;
  return generateDocument(
    deps,
    actor,
    prior.case_id,
    {
      kind: prior.kind as DocumentKind,
      ...(prior.step_id && { stepId: prior.step_id }),
      facts: input.facts ?? priorData.values.facts,
    },
    { ...prior, reason },
  );
}

/**
 * Issues a document (REC-02): in one transaction the next 文号 of its agency, code and year is
 * taken, the .docx is rendered with it and stored as a record of the case (hashed, immutable,
 * retrievable with logging), the document becomes final and both ledger entries are written. A
 * failure rolls all of it back, the number included: numbers are gapless and never reused.
 */
export async function finaliseDocument(
  deps: DocumentDeps,
  actor: Actor & { type: 'user' },
  id: string,
): Promise<DocumentView> {
  const doc = await documentRow(deps, id);
  if (doc.state === 'final') throw conflict('DOCUMENT_FINAL', '该文书已签发');
  const c = await caseRow(deps, doc.case_id);
  assertOpen(c);
  const kind = doc.kind as DocumentKind;
  const info = DOCUMENT_KIND_INFO[kind];
  const template = (await repo.getTemplateById(deps.db, doc.template_id))!;
  const body = JSON.parse(template.body) as TemplateBody;
  const agency = (await getAgency(deps.db))!;
  const prior = doc.version_of ? await documentRow(deps, doc.version_of) : null;
  const date = today(deps);
  const stored = JSON.parse(doc.data) as DocumentData;
  const data: DocumentData = { ...stored, values: { ...stored.values, date: chineseDate(date) } };

  // The document served on the party carries the full address (and a person's ID number): opened
  // through the logged disclosure, and kept only in the issued file, never in the document's row.
  const used = new Set(
    [
      ...body.sections.flatMap((s) => s.paragraphs.map((p) => p.text)),
      ...body.sections.map((s) => s.heading ?? ''),
    ].flatMap((t) => placeholdersIn(t).names),
  );
  const party = (await partyRepo.getParty(deps.db, c.party_id))!;
  const fields = [
    ...(used.has('party.address') ? (['address'] as const) : []),
    ...(used.has('party.idNumber') && party.kind === 'person' ? (['idNumber'] as const) : []),
  ];
  const full =
    fields.length > 0
      ? await discloseParty(deps, actor, party.id, { purpose: DISCLOSURE_PURPOSE, fields: [...fields] })
      : {};
  const rendered = fillTemplate(template.title, body, {
    ...data,
    values: {
      ...data.values,
      ...(full.address && { 'party.address': full.address }),
      ...(full.idNumber && { 'party.idNumber': full.idNumber }),
    },
  });
  const missing = missingNotices(kind, renderedText(rendered), noticeFactsOf(data));
  if (missing.length > 0)
    throw new DomainError(
      'unprocessable',
      'DOCUMENT_NOTICE_MISSING',
      `文书缺少应当告知当事人的事项：${missing.map((n) => NOTICE_LABELS[n]).join('；')}`,
      'id',
      { missing },
    );

  // A document is filed under a step of its case: the one it was made for, or one recorded now.
  let stepId = doc.step_id;
  if (stepId === null) {
    const officers = await cases.caseOfficers(deps.db, c.id);
    const step = await recordStep(deps, actor, c.id, {
      kind: info.stepKind,
      occurredAt: deps.clock.now().toISOString(),
      place: agency.address,
      notes: `制作并签发${info.label}`,
      officerIds: officers.map((o) => o.officer_id),
      inField: false,
    });
    await completeStep(deps, actor, step.id, {});
    stepId = step.id;
  }

  const recordId = newId(deps.clock);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const fresh = await cases.lockCase(trx, c.id);
    if (!fresh) throw notFound('CASE_NOT_FOUND', '案件不存在');
    assertOpen(fresh);
    const now = await repo.getDocument(trx, id);
    if (now?.state !== 'draft') throw conflict('DOCUMENT_FINAL', '该文书已签发');
    let number: string | null = prior?.number ?? null;
    if (prior === null && body.code !== undefined) {
      const year = yearOf(date);
      const seq = await repo.nextDocumentSeq(trx, agency.id, body.code, year);
      number = formatDocumentNumber(agency.short_name, body.code, year, seq);
    }
    const buffer = await renderDocx(
      rendered,
      documentLayout(kind, { agencyName: agency.name, number, dateText: chineseDate(date), banner: null }),
    );
    const blob = await deps.blobs.put(buffer);
    await insertDocumentRecord(trx, deps, actor, {
      id: recordId,
      blob,
      fileName: fileNameOf(template.title, number, Number(doc.version)),
      caseId: c.id,
      stepId,
      versionOf: prior?.record_id ?? null,
      reason: doc.reason,
      at,
    });
    await repo.updateDocument(trx, id, {
      state: 'final',
      number,
      record_id: recordId,
      step_id: stepId,
      data: JSON.stringify(data),
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
        caseId: c.id,
        kind,
        number,
        templateVersion: Number(doc.template_version),
        recordId,
        sha256: blob.sha256,
        sm3: blob.sm3,
        ...(doc.version_of && { versionOf: doc.version_of }),
        disclosed: fields,
      },
    );
  });
  return getDocument(deps, id);
}

/**
 * The .docx of a document. An issued one is its record, read through the one logged retrieval
 * path (purpose, `retrievals` row, ledger entry); a draft is rendered on the fly, marked 「草稿」.
 */
export async function documentDocx(
  deps: DocumentDeps,
  actor: Actor & { type: 'user' },
  viewer: Viewer,
  id: string,
  q: { purpose?: string },
): Promise<{ fileName: string; content: Readable | Buffer; size?: number }> {
  const doc = await documentRow(deps, id);
  if (doc.state === 'final' && doc.record_id) {
    const { record, stream } = await retrieve(deps, actor, viewer, doc.record_id, {
      ...(q.purpose !== undefined && { purpose: q.purpose }),
    });
    return { fileName: record.fileName, content: stream, size: record.size };
  }
  const template = (await repo.getTemplateById(deps.db, doc.template_id))!;
  const agency = (await getAgency(deps.db))!;
  const data = JSON.parse(doc.data) as DocumentData;
  const buffer = await renderDocx(
    fillTemplate(template.title, JSON.parse(template.body) as TemplateBody, data),
    documentLayout(doc.kind as DocumentKind, {
      agencyName: agency.name,
      number: null,
      dateText: data.values.date ?? chineseDate(today(deps)),
      banner: '（草稿）',
    }),
  );
  return { fileName: `${template.title}（草稿）.docx`, content: buffer, size: buffer.length };
}
