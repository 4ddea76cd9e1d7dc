import {
  APPROVAL_KINDS,
  type ApprovalFact,
  type ApprovalKind,
  type ApprovalState,
  type CaseApprovals,
  type DecisionProposal,
} from '../domain/approvals';
import { parseFacts } from '../domain/case-facts';
import { lifecycleOf } from '../domain/case-machine';
import type { ActType, Procedure } from '../domain/case-types';
import type { DocumentKind } from '../domain/documents';
import type { ProcedureFacts } from '../domain/procedure-gates';
import * as approvalRepo from '../repositories/approval-repository';
import { issuedKinds } from '../repositories/document-repository';
import { countEvidenceRecords } from '../repositories/record-repository';
import type { Executor } from '../storage/database';
import type { CaseFactSource, CaseFactsRow } from './case-facts';
import { approvalSettings } from './settings-service';

/** The newest approval of each kind, from a case's approvals in the order they were asked. */
export function latestApprovals(
  rows: ReadonlyArray<{ id: string; kind: string; state: string; proposal: string }>,
): CaseApprovals {
  const out: CaseApprovals = {};
  for (const r of rows) {
    if (!(APPROVAL_KINDS as readonly string[]).includes(r.kind)) continue;
    const proposal = JSON.parse(r.proposal) as DecisionProposal | Record<string, never>;
    const fact: ApprovalFact = {
      id: r.id,
      kind: r.kind as ApprovalKind,
      state: r.state as ApprovalState,
      ...('outcome' in proposal && { proposal: proposal as DecisionProposal }),
    };
    out[r.kind as ApprovalKind] = fact;
  }
  return out;
}

/** What the procedure's gates read (`domain/procedure-gates.ts`), inside the caller's transaction. */
export async function loadProcedureFacts(ex: Executor, c: CaseFactsRow): Promise<ProcedureFacts> {
  const lifecycle = lifecycleOf(c.act_type as ActType, c.procedure as Procedure)!;
  const stored = parseFacts(c);
  return {
    requiredApprovals: (await approvalSettings(ex))[lifecycle],
    approvals: latestApprovals(await approvalRepo.caseApprovals(ex, c.id)),
    evidenceRecords: await countEvidenceRecords(ex, c.id),
    issuedDocuments: (await issuedKinds(ex, c.id)) as DocumentKind[],
    ...(stored.performance && { performance: stored.performance }),
    fine: stored.sanction?.fine ?? 0,
  };
}

export const procedureFactSource: CaseFactSource = {
  id: 'procedure',
  load: async (ex, c) => ({ proceeding: await loadProcedureFacts(ex, c) }),
};
