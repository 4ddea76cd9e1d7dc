/**
 * The officer's acts between the transitions that the procedure's gates wait for (issue 12): the
 * penalty proposed before the 事先告知书 is drafted, and the performance of the decision before
 * 执行. Each is written with its ledger entry in one transaction. Also the procedure's part of the
 * case view: the case name, the violations charged, approvals, performance and payment, and what
 * the viewer may do next — computed here so that the workbench re-implements none of it.
 */
import {
  APPROVAL_KIND_LABELS,
  APPROVAL_STATE_LABELS,
  type ApprovalKind,
  type ApprovalState,
  type DecisionProposal,
} from '../domain/approvals';
import type { WorkCalendar } from '../domain/calendar';
import { caseDeadlines } from '../domain/case-deadlines';
import { deadlineInput, parseDates, parseFacts, type StoredFacts } from '../domain/case-facts';
import type { CaseAction } from '../domain/case-access';
import { assertOpen } from '../domain/case-open';
import { isClosed, lifecycleOf, type CaseState } from '../domain/case-machine';
import type { ActType, PartyKind, Procedure, Sanction } from '../domain/case-types';
import { checkActDateNotBefore, isIsoDate, shanghaiDate, type IsoDate } from '../domain/dates';
import { DOCUMENT_KIND_LABELS } from '../domain/documents';
import { draftableKinds } from '../domain/document-availability';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { DEFAULT_HEARING_THRESHOLDS, hearingQualifies, type Grade } from '../domain/penalty-rules';
import {
  lateSurcharge,
  paymentShortfall,
  PERFORMANCE_KIND_LABELS,
  type Performance,
} from '../domain/performance';
import { caseName } from '../domain/violations';
import { procedurePreset, type ProcedureFacts } from '../domain/procedure-gates';
import * as approvalRepo from '../repositories/approval-repository';
import * as caseRepo from '../repositories/case-repository';
import * as partyRepo from '../repositories/party-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import { getRecord } from '../repositories/record-repository';
import type { Executor } from '../storage/database';
import { approvalDue, proposalText } from './approval-service';
import { loadCalendar } from './calendar-service';
import type { Deps } from './deps';
import { appendEntry } from './ledger';
import { loadProcedureFacts } from './procedure-facts';
import { checkSanction } from './sanction-check';
import { classifyCase } from './case-classification';

type CaseRow = NonNullable<Awaited<ReturnType<typeof caseRepo.lockCase>>>;

async function lockOpenCase(ex: Executor, caseId: string): Promise<CaseRow> {
  const c = await caseRepo.lockCase(ex, caseId);
  if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
  assertOpen(c);
  return c;
}

function actDate(
  deps: Deps & { minActDate: IsoDate },
  d: string,
  field: string,
  notBefore: IsoDate,
): IsoDate {
  if (!isIsoDate(d)) throw invalid('DATE_INVALID', `日期应为 YYYY-MM-DD 格式的真实日期：${d}`, field);
  const today = shanghaiDate(deps.clock.now());
  if (d > today) throw invalid('DATE_IN_FUTURE', `已发生事项的日期不能晚于今天（${today}）`, field);
  checkActDateNotBefore(d, deps.minActDate, field);
  if (d < notBefore) throw invalid('DATE_BEFORE_FILING', `日期不能早于${notBefore}`, field);
  return d;
}

/**
 * 拟作出的处罚: recorded after 调查终结 and before the 事先告知书 is drafted, which states it
 * (行政处罚法 art. 44). Whether it qualifies for a hearing (art. 63) is decided here, once.
 */
export async function proposePenalty(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: { sanction: Sanction; grade?: Grade },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, caseId);
    if (c.act_type !== 'penalty' || c.procedure !== 'ordinary' || c.state !== 'investigationEnded')
      throw conflict('SANCTION_NOT_ALLOWED', '调查终结后、告知前方可登记拟作出的处罚', 'sanction');
    const item = (await powerItemRepo.getPowerItem(trx, c.power_item_id))!;
    const party = (await partyRepo.getParty(trx, c.party_id))!;
    const partyKind = party.kind as PartyKind;
    checkSanction(item, partyKind, input.sanction, 'sanction', input.grade);
    const h = hearingQualifies(partyKind, input.sanction, DEFAULT_HEARING_THRESHOLDS);
    const facts: StoredFacts = {
      ...parseFacts(c),
      sanction: input.sanction,
      hearingOffered: h.qualifies,
      hearingReasons: h.reasons,
      ...(input.grade && { grade: input.grade }),
    };
    await caseRepo.updateCase(trx, caseId, {
      facts: JSON.stringify(facts),
      updated_at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'case.penaltyProposed@1',
      { type: 'case', id: caseId },
      { sanction: input.sanction, hearingOffered: h.qualifies, ...(input.grade && { grade: input.grade }) },
    );
    // The proposed penalty is a fact of the classification (REV-01).
    await classifyCase(trx, deps, caseId, actor, 'penaltyProposed');
  });
}

export type PerformanceInput =
  | { kind: 'finePaid'; amount: number; paidOn: string; receiptNumber: string }
  | { kind: 'corrected'; correctedOn: string; recordId: string; note?: string };

/** When the fine had to be paid (行政处罚法 art. 67), or null while it is not yet due. */
function paymentDue(
  cal: WorkCalendar,
  c: { act_type: string; procedure: string; dates: string; facts: string },
) {
  const facts = parseFacts(c);
  return (
    caseDeadlines(
      cal,
      c.act_type as ActType,
      c.procedure as Procedure,
      deadlineInput(parseDates(c), facts),
    ).find((d) => d.kind === 'payment') ?? null
  );
}

/**
 * The performance of a penalty decision, recorded once after the decision was served (or handed
 * over on the spot): the fine paid with any 加处罚款 owed by then, or the correction made with the
 * record that shows it.
 */
export async function recordPerformance(
  deps: Deps & { minActDate: IsoDate },
  actor: Actor,
  caseId: string,
  input: PerformanceInput,
): Promise<void> {
  const { calendar } = await loadCalendar(deps);
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockOpenCase(trx, caseId);
    const facts = parseFacts(c);
    if (c.act_type !== 'penalty' || c.state !== 'served' || facts.outcome !== 'penalty')
      throw conflict('PERFORMANCE_NOT_NOW', '处罚决定书送达后、执行完毕前方可登记履行情况', 'kind');
    if (facts.performance) throw conflict('PERFORMANCE_NOT_NOW', '已登记履行情况', 'kind');
    const fine = facts.sanction?.fine ?? 0;
    const dates = parseDates(c);
    const from = dates.servedOn ?? dates.decidedOn ?? c.filed_on;
    let performance: Performance;
    if (input.kind === 'finePaid') {
      if (fine === 0) throw conflict('PERFORMANCE_NOT_NOW', '本案未处以罚款，请登记改正情况', 'kind');
      const paidOn = actDate(deps, input.paidOn, 'paidOn', from);
      const receiptNumber = input.receiptNumber.trim();
      if (receiptNumber.length === 0)
        throw invalid('RECEIPT_NUMBER_REQUIRED', '请填写缴款收据编号', 'receiptNumber');
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
        throw invalid('AMOUNT_INVALID', '金额应为大于 0 的整数（单位：分）', 'amount');
      const due = paymentDue(calendar, c);
      const { surcharge } = due ? lateSurcharge(fine, due.due, paidOn) : { surcharge: 0 };
      const short = paymentShortfall(fine, surcharge, input.amount);
      if (short) throw new DomainError('unprocessable', 'PAYMENT_SHORT', short, 'amount');
      performance = { kind: 'finePaid', amount: input.amount, paidOn, receiptNumber, surcharge };
    } else {
      const correctedOn = actDate(deps, input.correctedOn, 'correctedOn', from);
      const record = await getRecord(trx, input.recordId);
      if (!record || record.case_id !== caseId)
        throw invalid('RECORD_NOT_IN_CASE', '改正情况的记录资料须属于本案', 'recordId');
      performance = {
        kind: 'corrected',
        correctedOn,
        recordId: input.recordId,
        ...(input.note?.trim() && { note: input.note.trim() }),
      };
    }
    await caseRepo.updateCase(trx, caseId, {
      facts: JSON.stringify({ ...facts, performance }),
      updated_at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'case.performanceRecorded@1',
      { type: 'case', id: caseId },
      { ...performance },
    );
  });
}

/** The procedure's part of the case view. */
export async function procedureView(
  deps: Deps,
  c: {
    id: string;
    act_type: string;
    procedure: string;
    state: string;
    major: number;
    facts: string;
    dates: string;
    party_name: string;
    charged_violations: string;
    file_state?: string | null;
  },
  calendar: WorkCalendar,
  permissions: readonly CaseAction[] | null,
  viewerId: string | null,
  /** The procedure's facts when the case's facts were just loaded with them (saves reading them twice). */
  loaded?: ProcedureFacts,
) {
  const lifecycle = lifecycleOf(c.act_type as ActType, c.procedure as Procedure)!;
  const state = c.state as CaseState;
  const closed = isClosed(lifecycle, state);
  const open = !closed && c.file_state !== 'archived';
  const facts = parseFacts(c);
  const p = loaded ?? (await loadProcedureFacts(deps.db, c));
  const charged = JSON.parse(c.charged_violations) as string[];
  // Without a viewer (an integration's view) the acts open to the case are listed.
  const acts = permissions === null || permissions.includes('case.act');
  const approves = permissions === null || permissions.includes('case.approve');
  const rows = await approvalRepo.caseApprovals(deps.db, c.id);
  const due = paymentDue(calendar, c);
  const today = shanghaiDate(deps.clock.now());
  const fine = facts.sanction?.fine ?? 0;
  const performance = facts.performance ?? null;
  const payment =
    due && fine > 0
      ? {
          due: due.due,
          confirmed: due.confirmed,
          fine,
          ...lateSurcharge(fine, due.due, performance?.kind === 'finePaid' ? performance.paidOn : today),
        }
      : null;
  return {
    /** 案件名称: 当事人 + 违法行为 + 案; the case title when no violation is charged. */
    name: charged.length > 0 ? caseName(c.party_name, charged) : null,
    chargedViolations: charged,
    /** The approvals this case needs and where each stands. */
    approvalsRequired: p.requiredApprovals.map((kind) => ({
      kind,
      label: APPROVAL_KIND_LABELS[kind],
      state: p.approvals[kind]?.state ?? null,
      stateLabel: p.approvals[kind] ? APPROVAL_STATE_LABELS[p.approvals[kind].state] : '未提请',
    })),
    approvals: rows.map((a) => {
      const stored = JSON.parse(a.proposal) as Partial<DecisionProposal>;
      const proposal = stored.outcome === undefined ? null : (stored as DecisionProposal);
      return {
        id: a.id,
        kind: a.kind as ApprovalKind,
        kindLabel: APPROVAL_KIND_LABELS[a.kind as ApprovalKind],
        state: a.state as ApprovalState,
        stateLabel: APPROVAL_STATE_LABELS[a.state as ApprovalState],
        proposal: proposal && { ...proposal, text: proposalText(proposal) },
        requestedBy: a.requested_by_name,
        requestedAt: a.requested_at,
        decidedBy: a.decided_by_name,
        decidedAt: a.decided_at,
        opinion: a.opinion,
        /** This viewer may approve or return it now. */
        decidable: open && approves && a.state === 'pending' && a.requested_by !== viewerId,
      };
    }),
    /** Approvals this viewer may ask for now. */
    approvalsToRequest:
      open && acts
        ? p.requiredApprovals
            .filter((k) => {
              const s = p.approvals[k]?.state;
              return (
                s !== 'pending' &&
                (s !== 'approved' || k === 'decision') &&
                approvalDue(k, lifecycle, state, c.procedure as Procedure)
              );
            })
            .filter((k) => !(k === 'decision' && facts.outcome !== undefined))
            .map((kind) => ({ kind, label: APPROVAL_KIND_LABELS[kind] }))
        : [],
    /** The decision's outcome the server takes from the approved proposal (the form does not ask it). */
    presetOutcome: procedurePreset(p)('decide')?.outcome ?? null,
    /** The penalty proposed before the notice may be recorded (or changed) now. */
    canProposePenalty:
      open &&
      acts &&
      c.act_type === 'penalty' &&
      c.procedure === 'ordinary' &&
      state === 'investigationEnded',
    performance: performance && {
      ...performance,
      kindLabel: PERFORMANCE_KIND_LABELS[performance.kind],
    },
    /** Payment of the fine: when due, and 加处罚款 as of the payment (or today while unpaid). */
    payment,
    /** What the performance may be recorded as now; empty when it may not. */
    performanceKinds:
      open &&
      acts &&
      c.act_type === 'penalty' &&
      state === 'served' &&
      facts.outcome === 'penalty' &&
      !performance
        ? fine > 0
          ? (['finePaid'] as const).map((k) => ({ kind: k, label: PERFORMANCE_KIND_LABELS[k] }))
          : (['corrected'] as const).map((k) => ({ kind: k, label: PERFORMANCE_KIND_LABELS[k] }))
        : [],
    /** Document kinds this viewer may draft now (REC-02). */
    documentKinds:
      open && (permissions === null || permissions.includes('document.write'))
        ? draftableKinds({
            actType: c.act_type as ActType,
            lifecycle,
            state,
            closed,
            ...(facts.outcome && { outcome: facts.outcome }),
            ...(facts.sanction && { sanction: facts.sanction }),
            issued: p.issuedDocuments,
          }).map((kind) => ({ kind, label: DOCUMENT_KIND_LABELS[kind] }))
        : [],
  };
}
export type ProcedureView = Awaited<ReturnType<typeof procedureView>>;
