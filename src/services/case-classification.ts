/**
 * The classification of a case as a major decision (REV-01), on its own facts: the pure rule
 * (`domain/major-decision.ts`) over what the case knows (`domain/case-classification.ts`), run
 * again whenever a fact changes — at filing and every transition (the capability's effect,
 * `src/capabilities.ts`), and when a penalty is proposed, a decision approved or a manual category
 * added (their services call it). When the result changed, the classification, the case's `major`
 * flag (what legal review's gates read) and the ledger entry are written in the caller's
 * transaction.
 */
import { classificationInput, type FilingFacts, type ReviewSanction } from '../domain/case-classification';
import { parseDates, parseFacts } from '../domain/case-facts';
import type { ActType, PartyKind } from '../domain/case-types';
import type { DecisionProposal } from '../domain/approvals';
import type { Actor } from '../domain/ledger-entry';
import {
  classifyMajorDecision,
  type CompulsionMethod,
  type LicenceAction,
  type MajorClassification,
  type ManualCategory,
} from '../domain/major-decision';
import * as approvalRepo from '../repositories/approval-repository';
import * as caseRepo from '../repositories/case-repository';
import * as repo from '../repositories/case-classification-repository';
import * as reviewRepo from '../repositories/legal-review-repository';
import * as partyRepo from '../repositories/party-repository';
import * as powerItemRepo from '../repositories/power-item-repository';
import type { Executor } from '../storage/database';
import type { CaseEffect } from './case-facts';
import type { Deps, Tx } from './deps';
import { appendEntry } from './ledger';
import { majorDecisionSettings } from './settings-service';

/** What set off a (re)classification: the filing, a transition, or another act on the case. */
export type ClassificationTrigger = string;

/** What a filing proposed, as stored (`case_filing_facts`). */
export function filingFactsOf(row: repo.FilingFactsRow | undefined): FilingFacts & { filedMajor: boolean } {
  if (!row) return { filedMajor: false };
  return {
    ...(row.proposed_sanctions && {
      proposedSanctions: JSON.parse(row.proposed_sanctions) as ReviewSanction[],
    }),
    ...(row.execution_method && { executionMethod: row.execution_method as CompulsionMethod }),
    ...(row.licence && { licence: JSON.parse(row.licence) as { kind: string; action: LicenceAction } }),
    filedMajor: row.filed_major === 1,
  };
}

/** Stores what a filing proposed, in the filing's transaction. */
export async function saveFilingFacts(
  trx: Tx,
  caseId: string,
  f: FilingFacts & { filedMajor?: boolean },
): Promise<void> {
  await repo.insertFilingFacts(trx, {
    case_id: caseId,
    proposed_sanctions: f.proposedSanctions?.length ? JSON.stringify(f.proposedSanctions) : null,
    execution_method: f.executionMethod ?? null,
    licence: f.licence ? JSON.stringify({ kind: f.licence.kind.trim(), action: f.licence.action }) : null,
    filed_major: f.filedMajor ? 1 : 0,
  });
}

/** The classification the case's facts give now (reads only). */
export async function computeClassification(
  ex: Executor,
  caseId: string,
): Promise<{
  result: MajorClassification;
  input: ReturnType<typeof classificationInput>;
  filedMajor: boolean;
}> {
  const c = await caseRepo.getCase(ex, caseId);
  if (!c) throw new Error(`case ${caseId} not found`);
  const party = (await partyRepo.getParty(ex, c.party_id))!;
  const item = (await powerItemRepo.getPowerItem(ex, c.power_item_id))!;
  const filing = filingFactsOf(await repo.getFilingFacts(ex, caseId));
  const facts = parseFacts(c);
  const dates = parseDates(c);
  const decision = (await approvalRepo.caseApprovals(ex, caseId)).filter((a) => a.kind === 'decision').at(-1);
  const approved =
    decision?.state === 'approved' ? (JSON.parse(decision.proposal) as Partial<DecisionProposal>) : undefined;
  const marks = await reviewRepo.caseMarks(ex, caseId);
  const input = classificationInput({
    actType: c.act_type as ActType,
    procedure: c.procedure,
    partyKind: party.kind as PartyKind,
    filing,
    ...(facts.sanction && { sanction: facts.sanction }),
    ...(approved?.outcome && {
      approvedDecision: {
        outcome: approved.outcome,
        ...(approved.sanction && { sanction: approved.sanction }),
      },
    }),
    ...(facts.outcome && { outcome: facts.outcome }),
    powerItemBasis: JSON.parse(item.basis) as string[],
    decidedBefore:
      c.act_type === 'penalty' &&
      (await repo.decidedPenaltyBefore(ex, {
        agencyId: c.agency_id,
        powerItemId: c.power_item_id,
        caseId,
        before: dates.decidedOn ?? null,
      })),
    manual: marks
      .filter((m) => m.kind === 'category6' || m.kind === 'category7')
      .map((m) => ({
        category: Number(m.kind.slice('category'.length)) as ManualCategory,
        reason: m.reason,
      })),
  });
  const result = classifyMajorDecision(input, await majorDecisionSettings(ex));
  return { result, input, filedMajor: filing.filedMajor };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Classifies the case on its facts; when the result differs from the stored one (none stored: not
 * major, no category), writes it, keeps `cases.major` in step and appends `legalReview.classified`
 * — all in `trx`. A case filed as major stays major. Returns whether anything was written.
 */
export async function classifyCase(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  caseId: string,
  actor: Actor,
  trigger: ClassificationTrigger,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const { result, input, filedMajor } = await computeClassification(trx, caseId);
  const major = result.major || filedMajor;
  const prev = await repo.getClassification(trx, caseId);
  const before = prev
    ? { major: prev.major === 1, categories: JSON.parse(prev.categories) as unknown }
    : { major: false, categories: [] };
  if (same(before, { major, categories: result.categories })) return false;
  await repo.putClassification(trx, {
    case_id: caseId,
    major: major ? 1 : 0,
    categories: JSON.stringify(result.categories),
    input: JSON.stringify(input),
    classified_at: deps.clock.now().toISOString(),
    classified_by: actor.id,
  });
  const c = (await caseRepo.getCase(trx, caseId))!;
  if ((c.major === 1) !== major) await reviewRepo.setCaseMajor(trx, caseId, major);
  await appendEntry(
    trx,
    deps,
    actor,
    'legalReview.classified@1',
    { type: 'case', id: caseId },
    {
      caseId,
      major,
      categories: result.categories.map((x) => x.category),
      reasons: result.categories.map((x) => `第${x.category}类：${x.reason}`),
      trigger,
      ...extra,
    },
  );
  return true;
}

/** Classification as a capability's effect: after the filing and after every transition. */
export const classificationEffect: CaseEffect = {
  id: 'classification',
  run: async (trx, deps, e) => {
    await classifyCase(trx, deps, e.caseId, e.actor, e.action);
  },
};
