/**
 * Classification of major enforcement decisions (重大执法决定, REV-01): which of the seven
 * categories of the office's 「重大执法决定法制审核制度实施细则」 a prospective decision falls in,
 * each with a Chinese reason naming the fact and the threshold that matched. Pure: the thresholds
 * and the licence list are a setting passed in. The hearing rule (行政处罚法 art. 63) is
 * `penalty-rules.hearingQualifies`, reused here so the two never disagree.
 */
import {
  ACT_TYPES,
  PARTY_KIND_LABELS,
  type ActType,
  type Fen,
  type PartyKind,
  type SanctionKind,
} from './case-types';
import { formatYuan } from './money';
import { DEFAULT_HEARING_THRESHOLDS, hearingQualifies, type HearingThresholds } from './penalty-rules';

export const MAJOR_CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;
export type MajorCategory = (typeof MAJOR_CATEGORIES)[number];
export const MAJOR_CATEGORY_LABELS: Record<MajorCategory, string> = {
  1: '符合听证条件或首次适用民防以外法律的行政处罚',
  2: '减轻处罚',
  3: '立案后不予处罚',
  4: '变更、撤回、撤销所列行政许可',
  5: '行政强制执行',
  6: '社会影响较大',
  7: '指定为重大执法决定',
};

/** The sanction kinds the classification distinguishes (the vocabulary). */
export const SANCTION_KINDS_FOR_REVIEW = [
  'warning',
  'fine',
  'confiscation',
  'suspendBusiness',
  'revokeLicence',
  'lowerQualification',
  'restrictPractice',
  'orderClosure',
] as const;
export type ReviewSanctionKind = (typeof SANCTION_KINDS_FOR_REVIEW)[number];
export const REVIEW_SANCTION_LABELS: Record<ReviewSanctionKind, string> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  suspendBusiness: '责令停产停业',
  revokeLicence: '吊销许可证件',
  lowerQualification: '降低资质等级',
  restrictPractice: '限制从业',
  orderClosure: '责令关闭',
};
/** How each maps onto the penalty rules' kinds (case-types `SANCTION_KINDS`). */
const TO_SANCTION_KIND: Record<ReviewSanctionKind, SanctionKind> = {
  warning: 'warning',
  fine: 'fine',
  confiscation: 'confiscation',
  suspendBusiness: 'suspension',
  revokeLicence: 'revokeLicence',
  lowerQualification: 'lowerQualification',
  restrictPractice: 'restriction',
  orderClosure: 'suspension',
};

export const REVIEW_OUTCOMES = ['penalty', 'noPenalty', 'transfer'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const NO_PENALTY_REASONS = [
  'minorCorrectedHarmless',
  'notEstablished',
  'firstMinor',
  'noFault',
  'timeBarred',
] as const;
export type NoPenaltyReason = (typeof NO_PENALTY_REASONS)[number];
export const NO_PENALTY_REASON_LABELS: Record<NoPenaltyReason, string> = {
  minorCorrectedHarmless: '违法行为轻微并及时改正，没有造成危害后果',
  notEstablished: '违法事实不能成立',
  firstMinor: '初次违法且危害后果轻微并及时改正',
  noFault: '当事人有证据足以证明没有主观过错',
  timeBarred: '违法行为超过追责时效',
};

export const LICENCE_ACTIONS = ['grant', 'refuse', 'change', 'withdraw', 'revoke'] as const;
export type LicenceAction = (typeof LICENCE_ACTIONS)[number];
export const LICENCE_ACTION_LABELS: Record<LicenceAction, string> = {
  grant: '准予',
  refuse: '不予',
  change: '变更',
  withdraw: '撤回',
  revoke: '撤销',
};
/** The actions on a licence that make a decision major (category 4). */
export const MAJOR_LICENCE_ACTIONS: readonly LicenceAction[] = ['change', 'withdraw', 'revoke'];

export const COMPULSION_KINDS = ['measure', 'execution'] as const;
export type CompulsionKind = (typeof COMPULSION_KINDS)[number];

export const COMPULSION_METHODS = [
  'immediateSubstitutePerformance',
  'surcharge',
  'lateFee',
  'demolition',
  'auction',
  'transfer',
  'substitutePerformance',
  'other',
] as const;
export type CompulsionMethod = (typeof COMPULSION_METHODS)[number];
export const COMPULSION_METHOD_LABELS: Record<CompulsionMethod, string> = {
  immediateSubstitutePerformance: '立即代履行',
  surcharge: '加处罚款',
  lateFee: '滞纳金',
  demolition: '强制拆除',
  auction: '拍卖',
  transfer: '划拨',
  substitutePerformance: '代履行',
  other: '其他强制执行方式',
};
/** Executions the seed leaves out of category 5: immediate substitute performance and the
 * monetary penalties for late performance. */
export const MINOR_EXECUTION_METHODS: readonly CompulsionMethod[] = [
  'immediateSubstitutePerformance',
  'surcharge',
  'lateFee',
];

export const MANUAL_CATEGORIES = [6, 7] as const;
export type ManualCategory = (typeof MANUAL_CATEGORIES)[number];
/** A manual category's reason must say something: at least this many characters. */
export const MANUAL_REASON_MIN_LENGTH = 2;

/** The request body of `POST /api/major-decisions/classify`, and the case's own facts. */
export interface MajorDecisionInput {
  actType: ActType;
  partyKind?: PartyKind;
  sanctions?: { kind: ReviewSanctionKind; amountFen?: Fen }[];
  reduced?: boolean;
  outcome?: ReviewOutcome;
  noPenaltyReason?: NoPenaltyReason;
  basisOutsideCivilDefence?: boolean;
  firstUseOfBasis?: boolean;
  licence?: { kind: string; action: LicenceAction };
  compulsion?: { kind: CompulsionKind; method: CompulsionMethod };
  manual?: { category: ManualCategory; reason: string }[];
}

export interface MajorClassification {
  major: boolean;
  categories: { category: MajorCategory; reason: string }[];
}

export interface MajorDecisionSettings {
  /** 较大数额 (inclusive): fines per party kind and the value of confiscation, in fen. */
  thresholds: HearingThresholds;
  /** Licences whose change, withdrawal or revocation is major (category 4). */
  licenceKinds: string[];
}

export const DEFAULT_MAJOR_LICENCE_KINDS: readonly string[] = [
  '防空地下室审核',
  '民防工程拆除审批',
  '乙级丙级人防工程监理资质',
  '人防工程设计乙级以下资质',
  '民防建设工程竣工验收备案',
];

export const DEFAULT_MAJOR_DECISION_SETTINGS: MajorDecisionSettings = {
  thresholds: { ...DEFAULT_HEARING_THRESHOLDS },
  licenceKinds: [...DEFAULT_MAJOR_LICENCE_KINDS],
};

const ART63 = '（行政处罚法第六十三条）';
const PARTY_SHORT: Record<PartyKind, string> = { person: '个人', organisation: '单位' };

function hearingReasons(input: MajorDecisionInput, t: HearingThresholds): string[] {
  const sanctions = input.sanctions ?? [];
  const partyKind = input.partyKind ?? 'organisation';
  const sum = (k: ReviewSanctionKind) =>
    sanctions.filter((s) => s.kind === k).reduce((a, s) => a + (s.amountFen ?? 0), 0);
  const fine = sum('fine');
  const confiscated = sum('confiscation');
  const kinds = [...new Set(sanctions.map((s) => TO_SANCTION_KIND[s.kind]))];
  // The rule is art. 63's (hearingQualifies); the sentences name the facts in this review's words.
  const { qualifies } = hearingQualifies(partyKind, { kinds, fine, confiscated }, t);
  if (!qualifies) return [];
  const out: string[] = [];
  const threshold = t[partyKind];
  if (fine > 0 && fine >= threshold && input.partyKind) {
    out.push(
      `对${PARTY_SHORT[partyKind]}罚款 ${formatYuan(fine)}，达到听证标准 ${formatYuan(threshold)}${ART63}`,
    );
  } else if (fine > 0 && fine >= threshold) {
    out.push(
      `罚款 ${formatYuan(fine)}，达到${PARTY_KIND_LABELS[partyKind]}听证标准 ${formatYuan(threshold)}${ART63}`,
    );
  }
  if (confiscated > 0 && confiscated >= t.confiscation) {
    out.push(
      `没收违法所得、非法财物价值 ${formatYuan(confiscated)}，达到较大价值标准 ${formatYuan(t.confiscation)}${ART63}`,
    );
  }
  for (const k of [
    'lowerQualification',
    'revokeLicence',
    'suspendBusiness',
    'orderClosure',
    'restrictPractice',
  ] as const) {
    if (sanctions.some((s) => s.kind === k))
      out.push(`拟${REVIEW_SANCTION_LABELS[k]}，属于应当告知听证的处罚${ART63}`);
  }
  return out;
}

/**
 * The categories a prospective decision falls in, sorted, each once with its reasons joined. A
 * warning or a fine below the thresholds alone is not major. The input is assumed valid
 * ({@link checkMajorDecisionInput}).
 */
export function classifyMajorDecision(
  input: MajorDecisionInput,
  settings: MajorDecisionSettings,
): MajorClassification {
  const found = new Map<MajorCategory, string[]>();
  const add = (c: MajorCategory, reason: string) => found.set(c, [...(found.get(c) ?? []), reason]);
  const penalty = input.actType === 'penalty';
  const imposes = penalty && (input.outcome ?? 'penalty') === 'penalty';

  if (imposes) {
    for (const r of hearingReasons(input, settings.thresholds)) add(1, r);
    if (input.basisOutsideCivilDefence && input.firstUseOfBasis) {
      add(1, '本机关首次适用民防以外法律、法规作出行政处罚');
    }
    if (input.reduced) add(2, '拟减轻处罚（行政处罚法第三十二条）');
  }
  if (penalty && input.outcome === 'noPenalty' && input.noPenaltyReason === 'minorCorrectedHarmless') {
    add(
      3,
      `立案后拟不予处罚：${NO_PENALTY_REASON_LABELS.minorCorrectedHarmless}（行政处罚法第三十三条第一款）`,
    );
  }
  const licence = input.licence;
  if (
    input.actType === 'licensing' &&
    licence &&
    MAJOR_LICENCE_ACTIONS.includes(licence.action) &&
    settings.licenceKinds.includes(licence.kind.trim())
  ) {
    add(4, `拟${LICENCE_ACTION_LABELS[licence.action]}“${licence.kind.trim()}”，属于所列行政许可`);
  }
  const compulsion = input.compulsion;
  if (
    input.actType === 'compulsion' &&
    compulsion?.kind === 'execution' &&
    !MINOR_EXECUTION_METHODS.includes(compulsion.method)
  ) {
    add(
      5,
      `拟以${COMPULSION_METHOD_LABELS[compulsion.method]}方式强制执行（立即代履行、加处罚款、滞纳金以外）`,
    );
  }
  for (const m of input.manual ?? []) {
    add(m.category, `${MAJOR_CATEGORY_LABELS[m.category]}：${m.reason.trim()}`);
  }
  const categories = MAJOR_CATEGORIES.filter((c) => found.has(c)).map((c) => ({
    category: c,
    reason: found.get(c)!.join('；'),
  }));
  return { major: categories.length > 0, categories };
}

export interface FieldProblem {
  field: string;
  message: string;
}

const isFen = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const oneOf = (list: readonly unknown[], v: unknown) => list.includes(v);

/** Problems with a classification request, each naming its field; empty when sound. */
export function checkMajorDecisionInput(input: MajorDecisionInput): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!oneOf(ACT_TYPES, input.actType)) p.push({ field: 'actType', message: '执法行为类别不正确' });
  (input.sanctions ?? []).forEach((s, i) => {
    if (!oneOf(SANCTION_KINDS_FOR_REVIEW, s.kind))
      p.push({ field: `sanctions[${i}].kind`, message: `处罚种类“${String(s.kind)}”不正确` });
    if (s.amountFen !== undefined && !isFen(s.amountFen))
      p.push({ field: `sanctions[${i}].amountFen`, message: '金额应为非负整数（分）' });
  });
  if (input.noPenaltyReason !== undefined && input.outcome !== 'noPenalty')
    p.push({ field: 'noPenaltyReason', message: '只有不予处罚才填写不予处罚的理由' });
  if (input.licence && !input.licence.kind.trim())
    p.push({ field: 'licence.kind', message: '行政许可事项不能为空' });
  (input.manual ?? []).forEach((m, i) => {
    if (!oneOf(MANUAL_CATEGORIES, m.category))
      p.push({ field: `manual[${i}].category`, message: '只能人工认定第六类或第七类重大执法决定' });
    if ((m.reason ?? '').trim().length < MANUAL_REASON_MIN_LENGTH)
      p.push({ field: `manual[${i}].reason`, message: '人工认定重大执法决定须说明理由' });
  });
  return p;
}

/** Problems with the settings, each naming its field; empty when sound. */
export function checkMajorDecisionSettings(s: MajorDecisionSettings): FieldProblem[] {
  const p: FieldProblem[] = [];
  for (const k of ['person', 'organisation', 'confiscation'] as const) {
    if (!isFen(s.thresholds?.[k]) || s.thresholds[k] <= 0)
      p.push({ field: `thresholds.${k}`, message: '标准金额应为正整数（分）' });
  }
  const seen = new Set<string>();
  (s.licenceKinds ?? []).forEach((k, i) => {
    const name = k.trim();
    if (!name) p.push({ field: `licenceKinds[${i}]`, message: '行政许可事项不能为空' });
    else if (seen.has(name)) p.push({ field: `licenceKinds[${i}]`, message: `行政许可事项“${name}”重复` });
    seen.add(name);
  });
  return p;
}
