/**
 * Approvals by the responsible person (负责人审批; 行政处罚法 art. 57): an officer of the case asks
 * for one (立案, 决定 with the decision proposed, 结案), a leader approves or returns it with an
 * opinion. Each is a ledgered act written with its row in one transaction; the gates that wait for
 * them are in `domain/procedure-gates.ts`.
 */
import {
  APPROVAL_KIND_LABELS,
  APPROVAL_STATE_LABELS,
  type ApprovalKind,
  type ApprovalState,
  type ApprovalVerdict,
  type DecisionProposal,
} from '../domain/approvals';
import { assertOpen } from '../domain/case-open';
import {
  hasRule,
  initialState,
  lifecycleOf,
  LICENSING_OUTCOMES,
  OUTCOME_LABELS,
  PENALTY_OUTCOMES,
  type CaseState,
  type DecisionOutcome,
  type Lifecycle,
} from '../domain/case-machine';
import type { ActType, PartyKind, Procedure } from '../domain/case-types';
import { SANCTION_LABELS } from '../domain/case-types';
import { conflict, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import { formatYuan } from '../domain/money';
import { GRADE_LABELS } from '../domain/penalty-rules';
import * as approvalRepo from '../repositories/approval-repository';
import * as caseRepo from '../repositories/case-repository';
import * as partyRepo from '../repositories/party-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';
import { checkSanction } from './sanction-check';
import { classifyCase } from './case-classification';
import { approvalSettings } from './settings-service';

export interface ApprovalRequestInput {
  kind: ApprovalKind;
  /** For a decision approval: what is proposed. */
  proposal?: DecisionProposal;
}

const OUTCOMES_OF: Partial<Record<Lifecycle, readonly DecisionOutcome[]>> = {
  penaltyOrdinary: PENALTY_OUTCOMES,
  licensing: LICENSING_OUTCOMES,
};

/** Whether an approval of this kind may be asked for in this state: its act is ahead. */
export function approvalDue(
  kind: ApprovalKind,
  l: Lifecycle,
  state: CaseState,
  procedure: Procedure,
): boolean {
  switch (kind) {
    case 'filing':
      return state === initialState(l);
    case 'decision':
      return hasRule(l, state, procedure, 'decide');
    case 'closing':
      return hasRule(l, state, procedure, 'close');
  }
}

/** Asks for an approval on a case (an officer of the case). */
export async function requestApproval(
  deps: Deps,
  actor: Actor,
  caseId: string,
  input: ApprovalRequestInput,
): Promise<void> {
  const id = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const c = await caseRepo.lockCase(trx, caseId);
    if (!c) throw notFound('CASE_NOT_FOUND', '案件不存在');
    assertOpen(c);
    const lifecycle = lifecycleOf(c.act_type as ActType, c.procedure as Procedure)!;
    const label = APPROVAL_KIND_LABELS[input.kind];
    if (!(await approvalSettings(trx))[lifecycle].includes(input.kind))
      throw conflict('APPROVAL_NOT_REQUIRED', `本类案件不设${label}`, 'kind');
    const rows = await approvalRepo.caseApprovals(trx, caseId);
    const last = rows.filter((r) => r.kind === input.kind).at(-1);
    if (last?.state === 'pending')
      throw conflict('APPROVAL_PENDING', `${label}已提请，正待负责人审批`, 'kind');
    // A decision approved may be asked for again while it is not yet taken (the proposal changed).
    if (last?.state === 'approved' && input.kind !== 'decision')
      throw conflict('APPROVAL_DECIDED', `${label}已经负责人批准`, 'kind');
    if (!approvalDue(input.kind, lifecycle, c.state as CaseState, c.procedure as Procedure))
      throw conflict('APPROVAL_NOT_NOW', `案件当前环节不能提请${label}`, 'kind');

    let proposal: DecisionProposal | Record<string, never> = {};
    if (input.kind === 'decision') {
      const p = input.proposal;
      if (!p) throw invalid('SANCTION_REQUIRED', '提请决定审批须填写拟作出的决定', 'proposal');
      const valid = OUTCOMES_OF[lifecycle] ?? [];
      if (!valid.includes(p.outcome))
        throw invalid(
          'TRANSITION_INPUT_INVALID',
          `决定结果只能是：${valid.map((o) => OUTCOME_LABELS[o]).join('、')}`,
          'proposal.outcome',
        );
      if ((p.reasons ?? '').trim().length < 2)
        throw invalid('REASON_REQUIRED', '请写明拟作出决定的理由', 'proposal.reasons');
      if (p.outcome === 'penalty') {
        if (!p.sanction)
          throw invalid('SANCTION_REQUIRED', '拟给予处罚的，须填写处罚种类和金额', 'proposal.sanction');
        const item = (await powerItemRepo.getPowerItem(trx, c.power_item_id))!;
        const party = (await partyRepo.getParty(trx, c.party_id))!;
        checkSanction(item, party.kind as PartyKind, p.sanction, 'proposal.sanction', p.grade);
      } else if (p.sanction)
        throw invalid('SANCTION_NOT_ALLOWED', '不予处罚或移送的，不填写处罚', 'proposal.sanction');
      proposal = {
        outcome: p.outcome,
        ...(p.sanction && { sanction: p.sanction }),
        ...(p.grade && { grade: p.grade }),
        reasons: p.reasons.trim(),
      };
    } else if (input.proposal)
      throw invalid('SANCTION_NOT_ALLOWED', `${label}不填写拟作出的决定`, 'proposal');

    const at = deps.clock.now().toISOString();
    await approvalRepo.insertApproval(trx, {
      id,
      case_id: caseId,
      kind: input.kind,
      state: 'pending',
      proposal: JSON.stringify(proposal),
      requested_by: actor.id,
      requested_at: at,
      decided_by: null,
      decided_at: null,
      opinion: null,
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'approval.requested@1',
      { type: 'approval', id },
      {
        caseId,
        kind: input.kind,
        ...('outcome' in proposal && { proposal, summary: proposalText(proposal as DecisionProposal) }),
      },
    );
  });
}

/** A leader approves or returns an approval, with an opinion (required to return). */
export async function decideApproval(
  deps: Deps,
  actor: Actor,
  approvalId: string,
  input: { verdict: ApprovalVerdict; opinion?: string },
): Promise<string> {
  const opinion = (input.opinion ?? '').trim();
  if (input.verdict === 'return' && opinion.length < 2)
    throw invalid('OPINION_REQUIRED', '退回须写明审批意见', 'opinion');
  let caseId = '';
  await deps.db.transaction().execute(async (trx) => {
    const a = await approvalRepo.lockApproval(trx, approvalId);
    if (!a) throw notFound('APPROVAL_NOT_FOUND', '审批事项不存在');
    caseId = a.case_id;
    const c = (await caseRepo.lockCase(trx, a.case_id))!;
    assertOpen(c);
    const label = APPROVAL_KIND_LABELS[a.kind as ApprovalKind];
    if (a.state !== 'pending')
      throw conflict(
        'APPROVAL_DECIDED',
        `该${label}${APPROVAL_STATE_LABELS[a.state as ApprovalState]}`,
        'id',
      );
    if (a.requested_by === actor.id) throw conflict('APPROVAL_SELF', `不能审批本人提请的${label}`, 'id');
    const state = input.verdict === 'approve' ? 'approved' : 'returned';
    const at = deps.clock.now().toISOString();
    const done = await approvalRepo.decideApproval(trx, approvalId, {
      state,
      decided_by: actor.id,
      decided_at: at,
      opinion: opinion || '同意',
    });
    if (!done) throw conflict('APPROVAL_DECIDED', `该${label}已审批`, 'id');
    await appendEntry(
      trx,
      deps,
      actor,
      'approval.decided@1',
      { type: 'approval', id: approvalId },
      { caseId: a.case_id, kind: a.kind, state, opinion: opinion || '同意' },
    );
    // The decision approved is a fact of the classification (REV-01).
    if (a.kind === 'decision' && state === 'approved')
      await classifyCase(trx, deps, a.case_id, actor, 'decisionApproved');
  });
  return caseId;
}

/** A proposal as people read it: 「处罚：警告、罚款 20,000元（裁量等级：一般）」. */
export function proposalText(p: DecisionProposal): string {
  const parts = [OUTCOME_LABELS[p.outcome]];
  if (p.sanction) {
    const kinds = p.sanction.kinds.map((k) =>
      k === 'fine'
        ? `罚款${formatYuan(p.sanction!.fine)}`
        : k === 'confiscation' && p.sanction!.confiscated > 0
          ? `没收违法所得、没收非法财物（价值${formatYuan(p.sanction!.confiscated)}）`
          : SANCTION_LABELS[k],
    );
    parts.push(`：${kinds.join('、')}`);
  }
  if (p.grade) parts.push(`（裁量等级：${GRADE_LABELS[p.grade]}）`);
  return parts.join('');
}
