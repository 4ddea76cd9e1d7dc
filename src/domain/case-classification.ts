/**
 * A case's own facts → the classification of major decisions (REV-01). The rule is
 * `major-decision.classifyMajorDecision`, the same the preview endpoint runs; this maps what a case
 * knows (its party, the sanctions proposed at filing, by the penalty proposal or in the approved
 * decision, its power item's basis, the office's earlier decisions, the compulsion method, the
 * licence action, the manual categories) onto that function's input, and checks what a filing may
 * propose. Pure.
 *
 * Which sanctions count, newest first: the decision approved by the leader (its proposal), else
 * the sanction on the case (the penalty proposal, or the decision taken), else the sanctions
 * proposed at filing. Nothing else drives category 1: a case filed without a proposal is classified
 * on its other facts until a penalty is proposed.
 */
import type { ActType, PartyKind, Sanction, SanctionKind } from './case-types';
import {
  COMPULSION_METHODS,
  LICENCE_ACTIONS,
  SANCTION_KINDS_FOR_REVIEW,
  type CompulsionMethod,
  type FieldProblem,
  type LicenceAction,
  type MajorCategory,
  type MajorDecisionInput,
  type ManualCategory,
  type NoPenaltyReason,
  type ReviewOutcome,
  type ReviewSanctionKind,
} from './major-decision';

export interface ReviewSanction {
  kind: ReviewSanctionKind;
  amountFen?: number;
}

/** What a filing may propose beyond the case row, as stored with it. */
export interface FilingFacts {
  proposedSanctions?: ReviewSanction[];
  executionMethod?: CompulsionMethod;
  licence?: { kind: string; action: LicenceAction };
}

/** Everything the classification reads about a case, as loaded by the service. */
export interface CaseClassificationFacts {
  actType: ActType;
  procedure: string;
  partyKind: PartyKind;
  filing: FilingFacts;
  /** The sanction on the case (penalty proposal, simplified filing, or the decision taken). */
  sanction?: Sanction;
  /** The decision approved by the leader, when there is one. */
  approvedDecision?: { outcome: string; sanction?: Sanction };
  /** The decision taken (case facts `outcome`). */
  outcome?: string;
  noPenaltyReason?: NoPenaltyReason;
  /** 减轻处罚 was recorded for the case. */
  reduced?: boolean;
  /** The power item's legal basis (its articles as published). */
  powerItemBasis: readonly string[];
  /** This office decided another penalty case on the same power item before this one. */
  decidedBefore: boolean;
  manual: { category: ManualCategory; reason: string }[];
}

const TO_REVIEW_KIND: Record<SanctionKind, ReviewSanctionKind> = {
  warning: 'warning',
  fine: 'fine',
  confiscation: 'confiscation',
  lowerQualification: 'lowerQualification',
  revokeLicence: 'revokeLicence',
  suspension: 'suspendBusiness',
  restriction: 'restrictPractice',
};

/** A penalty in the case's vocabulary (`{ kinds, fine, confiscated }`) in the classification's. */
export function reviewSanctionsOf(s: Sanction): ReviewSanction[] {
  return s.kinds.map((k): ReviewSanction => {
    const kind = TO_REVIEW_KIND[k];
    if (k === 'fine') return { kind, amountFen: s.fine };
    if (k === 'confiscation') return { kind, amountFen: s.confiscated };
    return { kind };
  });
}

/** Laws of civil defence (民防、人民防空、国防动员). */
const CIVIL_DEFENCE_LAW = /民防|人民防空|防空|国防动员/;
/** The general procedural laws every act cites; they are no "law outside civil defence". */
const GENERAL_LAWS = ['行政处罚法', '行政强制法', '行政许可法', '行政复议法', '行政诉讼法'];

/**
 * Whether a power item's basis lies (also) outside civil defence: one of the laws it cites
 * (《…》) is neither a civil-defence law nor one of the general procedural laws. A basis naming no
 * law is taken as civil defence (the office's own field).
 */
export function basisOutsideCivilDefence(basis: readonly string[]): boolean {
  for (const article of basis) {
    for (const m of article.matchAll(/《([^》]+)》/g)) {
      const law = m[1]!;
      if (CIVIL_DEFENCE_LAW.test(law)) continue;
      if (GENERAL_LAWS.some((g) => law.includes(g))) continue;
      return true;
    }
  }
  return false;
}

const OUTCOMES: readonly string[] = ['penalty', 'noPenalty', 'transfer'];

/** The case's facts as the classification's input. */
export function classificationInput(f: CaseClassificationFacts): MajorDecisionInput {
  const input: MajorDecisionInput = { actType: f.actType, partyKind: f.partyKind };
  if (f.actType === 'penalty') {
    const sanction = f.approvedDecision?.sanction ?? f.sanction;
    const sanctions = sanction ? reviewSanctionsOf(sanction) : f.filing.proposedSanctions;
    if (sanctions?.length) input.sanctions = sanctions;
    const outcome = f.outcome ?? f.approvedDecision?.outcome;
    if (outcome && OUTCOMES.includes(outcome)) input.outcome = outcome as ReviewOutcome;
    if (input.outcome === 'noPenalty' && f.noPenaltyReason) input.noPenaltyReason = f.noPenaltyReason;
    if (f.reduced) input.reduced = true;
    const outside = basisOutsideCivilDefence(f.powerItemBasis);
    if (outside) {
      input.basisOutsideCivilDefence = true;
      input.firstUseOfBasis = !f.decidedBefore;
    }
  }
  if (f.actType === 'compulsion' && f.filing.executionMethod) {
    input.compulsion = {
      kind: f.procedure === 'execution' ? 'execution' : 'measure',
      method: f.filing.executionMethod,
    };
  }
  if (f.actType === 'licensing' && f.filing.licence) input.licence = f.filing.licence;
  if (f.manual.length > 0) input.manual = f.manual;
  return input;
}

/** The computed categories (1–5) and the manual ones (6, 7) of a classification result. */
export const isManualCategory = (c: MajorCategory): c is ManualCategory => c === 6 || c === 7;

/**
 * Problems with what a filing proposes, each naming its field (400 `FILING_FACTS_INVALID`): the
 * sanctions only for a penalty case under the ordinary procedure, each known, a fine or
 * confiscation with a positive amount in fen and no amount for the others, no kind twice; the
 * execution method only for a compulsory execution; the licence only for a licensing case.
 */
export function checkFilingFacts(actType: ActType, procedure: string, f: FilingFacts): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (f.proposedSanctions !== undefined) {
    if (actType !== 'penalty' || procedure !== 'ordinary')
      p.push({ field: 'proposedSanctions', message: '只有普通程序的行政处罚案件可以填写拟作出的处罚' });
    const seen = new Set<string>();
    f.proposedSanctions.forEach((s, i) => {
      if (!(SANCTION_KINDS_FOR_REVIEW as readonly string[]).includes(s.kind)) {
        p.push({ field: `proposedSanctions[${i}].kind`, message: `处罚种类“${String(s.kind)}”不正确` });
        return;
      }
      if (seen.has(s.kind))
        p.push({ field: `proposedSanctions[${i}].kind`, message: '同一处罚种类只能填写一次' });
      seen.add(s.kind);
      const monetary = s.kind === 'fine' || s.kind === 'confiscation';
      if (monetary && s.amountFen === undefined)
        p.push({ field: `proposedSanctions[${i}].amountFen`, message: '罚款、没收须填写金额' });
      else if (monetary && !(Number.isSafeInteger(s.amountFen) && s.amountFen! > 0))
        p.push({ field: `proposedSanctions[${i}].amountFen`, message: '金额应为正整数（分）' });
      else if (!monetary && s.amountFen !== undefined)
        p.push({ field: `proposedSanctions[${i}].amountFen`, message: '只有罚款、没收填写金额' });
    });
  }
  if (f.executionMethod !== undefined) {
    if (actType !== 'compulsion' || procedure !== 'execution')
      p.push({ field: 'executionMethod', message: '只有行政强制执行案件填写强制执行方式' });
    else if (!(COMPULSION_METHODS as readonly string[]).includes(f.executionMethod))
      p.push({ field: 'executionMethod', message: '强制执行方式不正确' });
  }
  if (f.licence !== undefined) {
    if (actType !== 'licensing')
      p.push({ field: 'licence', message: '只有行政许可案件填写许可事项和拟作出的行为' });
    else {
      if (!f.licence.kind.trim()) p.push({ field: 'licence.kind', message: '行政许可事项不能为空' });
      if (!(LICENCE_ACTIONS as readonly string[]).includes(f.licence.action))
        p.push({ field: 'licence.action', message: '许可行为不正确' });
    }
  }
  return p;
}
