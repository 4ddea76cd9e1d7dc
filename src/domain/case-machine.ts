/**
 * The case lifecycles of ACT-1 as state machines. Each lifecycle is a table of rules (action, the
 * states it may start from, the state it leads to, its guard) read by one small interpreter, so that
 * every legal condition lives in exactly one row. Nothing is thrown and no clock is read: facts that
 * depend on time (a period is over, it is night or a holiday) are computed elsewhere and passed in.
 */
import type { ActType, Procedure } from './case-types';
import type { GateBlock } from './gate-refusal';

export const LIFECYCLES = [
  'penaltyOrdinary',
  'penaltySimplified',
  'inspection',
  'licensing',
  'compulsionMeasure',
  'compulsionExecution',
  'expropriation',
] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = {
  penaltyOrdinary: '行政处罚（普通程序）',
  penaltySimplified: '行政处罚（简易程序）',
  inspection: '行政检查',
  licensing: '行政许可',
  compulsionMeasure: '行政强制措施（查封扣押）',
  compulsionExecution: '行政强制执行',
  expropriation: '行政征收征用',
};

export const CASE_STATES = [
  // 行政处罚普通程序
  'filed',
  'investigating',
  'investigationEnded',
  'noticed',
  'hearing',
  'decided',
  'served',
  'executed',
  'closed',
  // 简易程序
  'decidedOnSpot',
  // 行政检查
  'planned',
  'inspecting',
  'resultRecorded',
  'reinspecting',
  'reinspected',
  // 行政许可
  'applied',
  'accepted',
  'underReview',
  'licenceWithdrawn',
  'licenceRevoked',
  // 行政强制措施
  'measureDecided',
  'inForce',
  'released',
  'disposed',
  // 行政强制执行
  'admonished',
  'executionDecided',
  'complied',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const STATE_LABELS: Record<CaseState, string> = {
  filed: '立案',
  investigating: '调查取证',
  investigationEnded: '调查终结',
  noticed: '已告知',
  hearing: '听证',
  decided: '已决定',
  served: '已送达',
  executed: '已执行',
  closed: '已结案',
  decidedOnSpot: '当场决定',
  planned: '检查计划',
  inspecting: '实施检查',
  resultRecorded: '已记录检查结果',
  reinspecting: '整改复查',
  reinspected: '复查完毕',
  applied: '已申请',
  accepted: '已受理',
  underReview: '审查',
  licenceWithdrawn: '许可已撤回',
  licenceRevoked: '许可已撤销',
  measureDecided: '已决定查封扣押',
  inForce: '查封扣押中',
  released: '已解除查封扣押',
  disposed: '已作出处理决定',
  admonished: '已催告',
  executionDecided: '已决定强制执行',
  complied: '当事人已履行',
};

export const TRANSITION_ACTIONS = [
  'startInvestigation',
  'endInvestigation',
  'notice',
  'requestHearing',
  'decide',
  'serve',
  'execute',
  'close',
  'terminate',
  'startInspection',
  'recordResult',
  'startReinspection',
  'recordReinspection',
  'accept',
  'refuseApplication',
  'startReview',
  'amendLicence',
  'withdrawLicence',
  'revokeLicence',
  'enforce',
  'extend',
  'release',
  'dispose',
  'decideExecution',
  'recordCompliance',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** Button labels on the workbench. */
export const ACTION_LABELS: Record<TransitionAction, string> = {
  startInvestigation: '开始调查取证',
  endInvestigation: '调查终结',
  notice: '告知',
  requestHearing: '申请听证',
  decide: '作出决定',
  serve: '送达',
  execute: '执行',
  close: '结案',
  terminate: '撤销立案',
  startInspection: '实施检查',
  recordResult: '记录检查结果',
  startReinspection: '整改复查',
  recordReinspection: '记录复查结果',
  accept: '受理',
  refuseApplication: '不予受理',
  startReview: '审查',
  amendLicence: '变更许可',
  withdrawLicence: '撤回许可',
  revokeLicence: '撤销许可',
  enforce: '实施查封扣押',
  extend: '延长查封扣押期限',
  release: '解除查封扣押',
  dispose: '作出处理决定',
  decideExecution: '作出强制执行决定',
  recordCompliance: '记录当事人履行',
};

/** Outcomes of `decide`: 处罚 / 不予处罚 / 移送 for penalties, 准予 / 不予 for licences. */
export const PENALTY_OUTCOMES = ['penalty', 'noPenalty', 'transfer'] as const;
export const LICENSING_OUTCOMES = ['granted', 'denied'] as const;
export type PenaltyOutcome = (typeof PENALTY_OUTCOMES)[number];
export type LicensingOutcome = (typeof LICENSING_OUTCOMES)[number];
export type DecisionOutcome = PenaltyOutcome | LicensingOutcome;
export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  penalty: '处罚',
  noPenalty: '不予处罚',
  transfer: '移送',
  granted: '准予许可',
  denied: '不予许可',
};

/** Results of an inspection: 合格 / 责令整改 / 转立案. */
export const INSPECTION_RESULTS = ['compliant', 'rectify', 'referred'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
export const INSPECTION_RESULT_LABELS: Record<InspectionResult, string> = {
  compliant: '合格',
  rectify: '责令整改',
  referred: '转立案',
};
/** A re-inspection ends either rectified (合格) or referred for a penalty case (转立案). */
export const REINSPECTION_RESULTS = ['compliant', 'referred'] as const satisfies readonly InspectionResult[];
export type ReinspectionResult = (typeof REINSPECTION_RESULTS)[number];

/**
 * What is known about the case when a transition is asked for. The service keeps these, merging in
 * the `facts` each successful transition returns; time-dependent facts are computed elsewhere.
 */
export interface CaseFacts {
  procedure: Procedure;
  /** The decision taken (set by `decide`). */
  outcome?: DecisionOutcome;
  /** The proposed penalty qualifies for a hearing (行政处罚法 art. 63). */
  hearingOffered?: boolean;
  /** The party asked for a hearing (set by `requestHearing`). */
  hearingRequested?: boolean;
  hearingHeld?: boolean;
  /** The statement/defence (and hearing-request) period after the notice is over. */
  noticePeriodOver?: boolean;
  /** The party waived statement, defence and hearing. */
  partyWaived?: boolean;
  /** Set by `recordResult`. */
  inspectionResult?: InspectionResult;
  /** Set by `recordReinspection` when a result is given. */
  reinspectionResult?: ReinspectionResult;
  /** Set by licensing `decide`. */
  licenceGranted?: boolean;
  /** The seizure was extended once already (行政强制法 art. 25). Set by `extend`. */
  measureExtended?: boolean;
  /** 10 working days have passed since the 催告 was served (行政强制法 art. 35–37). */
  admonitionPeriodOver?: boolean;
  /** The party has performed its obligation. Set by `recordCompliance`. */
  partyComplied?: boolean;
  /** It is night or a statutory holiday now (行政强制法 art. 43). */
  atNightOrHoliday?: boolean;
  /** Why execution cannot wait (art. 43); may come with the input instead. */
  urgentReason?: string;
}

export interface TransitionInput {
  action: TransitionAction;
  outcome?: DecisionOutcome;
  result?: InspectionResult;
  reason?: string;
  urgentReason?: string;
}

/** What a transition asks the caller to do besides changing the state. */
export type Effect = { kind: 'openLinkedCase'; actType: ActType; procedure: Procedure };

export type TransitionErrorCode =
  | 'TRANSITION_NOT_ALLOWED'
  | 'TRANSITION_GUARD_FAILED'
  | 'TRANSITION_INPUT_INVALID'
  /** A capability's gate refused (`gate` says which, with its own code). */
  | 'TRANSITION_GATE_REFUSED';

/**
 * Asks the registered gates (`case-gates.ts`) about an act; `input` is absent when only asking
 * whether to offer the action.
 */
export type GateCheck = (action: TransitionAction, input?: TransitionInput) => GateBlock | null;

/**
 * What the server itself fills into an act's input (e.g. the decision's outcome from the approved
 * proposal); undefined when the person acting chooses. The workbench's buttons are computed with
 * the same preset, so an action is offered exactly when the server would accept it.
 */
export type PresetInput = (action: TransitionAction) => Partial<TransitionInput> | undefined;

export type TransitionResult =
  | {
      ok: true;
      from: CaseState;
      to: CaseState;
      action: TransitionAction;
      effects: Effect[];
      /** Facts this transition establishes; merge them into the case's facts. */
      facts: Partial<CaseFacts>;
    }
  | {
      ok: false;
      code: TransitionErrorCode;
      /** Chinese; names the problem and what may be done next. */
      message: string;
      field?: string;
      /** What `allowedActions` returns now. */
      allowed: TransitionAction[];
      /** The gate that refused, for TRANSITION_GATE_REFUSED. */
      gate?: GateBlock;
    };

// ---------------------------------------------------------------------------------------------
// The tables

/** A reason a rule refuses, with the fact or input field at fault. */
interface Problem {
  message: string;
  field?: string;
}

interface Rule {
  action: TransitionAction;
  from: readonly CaseState[];
  to: CaseState;
  /** The rule exists only in these procedures of the lifecycle (default: all). */
  procedures?: readonly Procedure[];
  /** Condition on the facts (TRANSITION_GUARD_FAILED); also decides whether the button shows. */
  guard?: (f: CaseFacts) => Problem | null;
  /** Checks the payload (TRANSITION_INPUT_INVALID). */
  input?: (i: TransitionInput, f: CaseFacts) => Problem | null;
  /**
   * Condition that depends on the payload (TRANSITION_GUARD_FAILED). The button shows when some
   * input passes it: one of `choices` (or the preset), or any input when the rule has no choices.
   */
  inputGuard?: (i: TransitionInput, f: CaseFacts) => Problem | null;
  /** The inputs a person may choose from (a decision's outcomes), tried when offering the action. */
  choices?: readonly Partial<TransitionInput>[];
  establishes?: (i: TransitionInput, f: CaseFacts) => Partial<CaseFacts>;
  effects?: (i: TransitionInput, f: CaseFacts) => Effect[];
}

interface Machine {
  procedures: readonly Procedure[];
  initial: CaseState;
  states: readonly CaseState[];
  /** States after which no more steps may be recorded. */
  closed: readonly CaseState[];
  rules: readonly Rule[];
}

const hasText = (s: string | undefined, min = 1): boolean => (s ?? '').trim().length >= min;

const requireReason =
  (what: string) =>
  (i: TransitionInput): Problem | null =>
    hasText(i.reason) ? null : { message: `${what}须说明理由`, field: 'reason' };

const requireOutcome =
  (valid: readonly DecisionOutcome[]) =>
  (i: TransitionInput): Problem | null => {
    const names = valid.map((o) => OUTCOME_LABELS[o]).join('、');
    if (i.outcome === undefined) return { message: `作出决定须选择决定结果（${names}）`, field: 'outcome' };
    if (!valid.includes(i.outcome)) return { message: `决定结果只能是：${names}`, field: 'outcome' };
    return null;
  };

const outcomeLabel = (f: CaseFacts): string =>
  f.outcome === undefined ? '尚未记录决定结果' : `决定结果为“${OUTCOME_LABELS[f.outcome]}”`;

const penaltyDecide = requireOutcome(PENALTY_OUTCOMES);
const penaltyChoices = PENALTY_OUTCOMES.map((outcome) => ({ outcome }));
const penaltyEstablishes = (i: TransitionInput): Partial<CaseFacts> =>
  i.outcome === undefined ? {} : { outcome: i.outcome };

const PENALTY_ORDINARY: Machine = {
  procedures: ['ordinary'],
  initial: 'filed',
  states: [
    'filed',
    'investigating',
    'investigationEnded',
    'noticed',
    'hearing',
    'decided',
    'served',
    'executed',
    'closed',
  ],
  closed: ['closed'],
  rules: [
    { action: 'startInvestigation', from: ['filed'], to: 'investigating' },
    { action: 'endInvestigation', from: ['investigating'], to: 'investigationEnded' },
    { action: 'notice', from: ['investigationEnded'], to: 'noticed' },
    {
      action: 'requestHearing',
      from: ['noticed'],
      to: 'hearing',
      guard: (f) =>
        f.hearingOffered === true
          ? null
          : { message: '拟作出的处罚不属于听证范围，当事人不能申请听证', field: 'hearingOffered' },
      establishes: () => ({ hearingRequested: true }),
    },
    {
      // 移送 needs no notice; 不予处罚 is allowed without one too. 处罚 needs the notice (art. 44).
      action: 'decide',
      from: ['investigationEnded'],
      to: 'decided',
      input: penaltyDecide,
      choices: penaltyChoices,
      inputGuard: (i) =>
        i.outcome === 'penalty'
          ? {
              message: '作出行政处罚决定前须先告知当事人拟作出的处罚及陈述、申辩、听证权利',
              field: 'outcome',
            }
          : null,
      establishes: penaltyEstablishes,
    },
    {
      action: 'decide',
      from: ['noticed'],
      to: 'decided',
      guard: (f) => {
        if (f.hearingRequested === true)
          return { message: '当事人已申请听证，须先举行听证', field: 'hearingRequested' };
        if (f.noticePeriodOver !== true && f.partyWaived !== true)
          return {
            message: '陈述、申辩期限未满且当事人未放弃陈述、申辩权利，不能作出决定',
            field: 'noticePeriodOver',
          };
        return null;
      },
      input: penaltyDecide,
      choices: penaltyChoices,
      establishes: penaltyEstablishes,
    },
    {
      action: 'decide',
      from: ['hearing'],
      to: 'decided',
      guard: (f) =>
        f.hearingHeld === true ? null : { message: '当事人已申请听证，须先举行听证', field: 'hearingHeld' },
      input: penaltyDecide,
      choices: penaltyChoices,
      establishes: penaltyEstablishes,
    },
    {
      action: 'serve',
      from: ['decided'],
      to: 'served',
      guard: (f) =>
        f.outcome === 'penalty' || f.outcome === 'noPenalty'
          ? null
          : {
              message:
                f.outcome === 'transfer'
                  ? '移送案件无需送达决定书，可直接结案'
                  : '尚未记录决定结果，不能送达',
              field: 'outcome',
            },
    },
    {
      action: 'close',
      from: ['decided'],
      to: 'closed',
      guard: (f) =>
        f.outcome === 'transfer'
          ? null
          : { message: `${outcomeLabel(f)}，须先送达决定书方可结案`, field: 'outcome' },
    },
    {
      action: 'execute',
      from: ['served'],
      to: 'executed',
      guard: (f) =>
        f.outcome === 'penalty'
          ? null
          : { message: `${outcomeLabel(f)}，无需执行，可直接结案`, field: 'outcome' },
    },
    {
      action: 'close',
      from: ['served'],
      to: 'closed',
      guard: (f) =>
        f.outcome === 'noPenalty'
          ? null
          : { message: `${outcomeLabel(f)}，须执行完毕方可结案`, field: 'outcome' },
    },
    { action: 'close', from: ['executed'], to: 'closed' },
    {
      // 撤销立案 / 终止调查
      action: 'terminate',
      from: ['filed', 'investigating', 'investigationEnded'],
      to: 'closed',
      input: requireReason('撤销立案或终止调查'),
    },
  ],
};

const PENALTY_SIMPLIFIED: Machine = {
  procedures: ['simplified'],
  initial: 'decidedOnSpot',
  states: ['decidedOnSpot', 'served', 'executed', 'closed'],
  closed: ['closed'],
  rules: [
    { action: 'serve', from: ['decidedOnSpot'], to: 'served' },
    { action: 'execute', from: ['served'], to: 'executed' },
    { action: 'close', from: ['executed'], to: 'closed' },
  ],
};

const linkedPenaltyCase: Effect = { kind: 'openLinkedCase', actType: 'penalty', procedure: 'ordinary' };

const INSPECTION: Machine = {
  procedures: ['standard'],
  initial: 'planned',
  states: ['planned', 'inspecting', 'resultRecorded', 'reinspecting', 'reinspected', 'closed'],
  closed: ['closed'],
  rules: [
    { action: 'startInspection', from: ['planned'], to: 'inspecting' },
    {
      action: 'recordResult',
      from: ['inspecting'],
      to: 'resultRecorded',
      input: (i) => {
        const names = INSPECTION_RESULTS.map((r) => INSPECTION_RESULT_LABELS[r]).join('、');
        if (i.result === undefined) return { message: `须选择检查结果（${names}）`, field: 'result' };
        if (!INSPECTION_RESULTS.includes(i.result))
          return { message: `检查结果只能是：${names}`, field: 'result' };
        return null;
      },
      establishes: (i) => (i.result === undefined ? {} : { inspectionResult: i.result }),
      effects: (i) => (i.result === 'referred' ? [linkedPenaltyCase] : []),
    },
    {
      action: 'startReinspection',
      from: ['resultRecorded'],
      to: 'reinspecting',
      guard: (f) =>
        f.inspectionResult === 'rectify'
          ? null
          : {
              message:
                f.inspectionResult === undefined
                  ? '尚未记录检查结果'
                  : `检查结果为“${INSPECTION_RESULT_LABELS[f.inspectionResult]}”，无需整改复查`,
              field: 'inspectionResult',
            },
    },
    {
      // A re-inspection may say whether the defect was put right; if not, it goes to a penalty case.
      action: 'recordReinspection',
      from: ['reinspecting'],
      to: 'reinspected',
      input: (i) =>
        i.result === undefined || (REINSPECTION_RESULTS as readonly InspectionResult[]).includes(i.result)
          ? null
          : { message: '复查结果只能是：合格、转立案', field: 'result' },
      establishes: (i) =>
        i.result === 'compliant' || i.result === 'referred' ? { reinspectionResult: i.result } : {},
      effects: (i) => (i.result === 'referred' ? [linkedPenaltyCase] : []),
    },
    {
      action: 'close',
      from: ['resultRecorded'],
      to: 'closed',
      guard: (f) => {
        if (f.inspectionResult === undefined)
          return { message: '尚未记录检查结果', field: 'inspectionResult' };
        if (f.inspectionResult === 'rectify')
          return { message: '责令整改的，须经整改复查后方可结案', field: 'inspectionResult' };
        return null;
      },
    },
    { action: 'close', from: ['reinspected'], to: 'closed' },
  ],
};

const licenceInForce = (f: CaseFacts): Problem | null =>
  f.licenceGranted === true
    ? null
    : { message: '未准予许可，无许可可变更、撤回或撤销', field: 'licenceGranted' };
const licensingDecide = requireOutcome(LICENSING_OUTCOMES);
const licensingDecision = {
  input: licensingDecide,
  choices: LICENSING_OUTCOMES.map((outcome) => ({ outcome })),
  establishes: (i: TransitionInput): Partial<CaseFacts> =>
    i.outcome === undefined ? {} : { outcome: i.outcome, licenceGranted: i.outcome === 'granted' },
  // 告知承诺: the licence is granted on the applicant's commitment and checked afterwards.
  effects: (i: TransitionInput, f: CaseFacts): Effect[] =>
    f.procedure === 'commitment' && i.outcome === 'granted'
      ? [{ kind: 'openLinkedCase', actType: 'inspection', procedure: 'standard' }]
      : [],
};

const LICENSING: Machine = {
  procedures: ['standard', 'commitment'],
  initial: 'applied',
  states: [
    'applied',
    'accepted',
    'underReview',
    'decided',
    'served',
    'closed',
    'licenceWithdrawn',
    'licenceRevoked',
  ],
  closed: ['closed', 'licenceWithdrawn', 'licenceRevoked'],
  rules: [
    { action: 'accept', from: ['applied'], to: 'accepted' },
    { action: 'refuseApplication', from: ['applied'], to: 'closed', input: requireReason('不予受理') },
    { action: 'startReview', from: ['accepted'], to: 'underReview' },
    { action: 'decide', from: ['underReview'], to: 'decided', ...licensingDecision },
    { action: 'decide', from: ['accepted'], to: 'decided', procedures: ['commitment'], ...licensingDecision },
    { action: 'serve', from: ['decided'], to: 'served' },
    { action: 'close', from: ['served'], to: 'closed' },
    {
      action: 'amendLicence',
      from: ['closed'],
      to: 'closed',
      guard: licenceInForce,
      input: requireReason('变更许可'),
    },
    {
      action: 'withdrawLicence',
      from: ['closed'],
      to: 'licenceWithdrawn',
      guard: licenceInForce,
      input: requireReason('撤回许可'),
    },
    {
      action: 'revokeLicence',
      from: ['closed'],
      to: 'licenceRevoked',
      guard: licenceInForce,
      input: requireReason('撤销许可'),
    },
  ],
};

const COMPULSION_MEASURE: Machine = {
  procedures: ['measure'],
  initial: 'measureDecided',
  states: ['measureDecided', 'served', 'inForce', 'released', 'disposed', 'closed'],
  closed: ['closed'],
  rules: [
    { action: 'serve', from: ['measureDecided'], to: 'served' },
    { action: 'enforce', from: ['served'], to: 'inForce' },
    {
      // 行政强制法 art. 25: 30 days, extendable once by at most 30 days, with reasons.
      action: 'extend',
      from: ['inForce'],
      to: 'inForce',
      guard: (f) =>
        f.measureExtended === true
          ? { message: '查封扣押期限只能延长一次，已经延长过', field: 'measureExtended' }
          : null,
      input: requireReason('延长查封扣押期限'),
      establishes: () => ({ measureExtended: true }),
    },
    { action: 'release', from: ['inForce'], to: 'released' },
    { action: 'dispose', from: ['inForce'], to: 'disposed' },
    { action: 'close', from: ['released', 'disposed'], to: 'closed' },
  ],
};

const COMPULSION_EXECUTION: Machine = {
  procedures: ['execution'],
  initial: 'admonished',
  states: ['admonished', 'executionDecided', 'served', 'executed', 'complied', 'closed'],
  closed: ['closed'],
  rules: [
    {
      // 行政强制法 art. 35–37: 催告 first; decide only when the party has not performed in time.
      action: 'decideExecution',
      from: ['admonished'],
      to: 'executionDecided',
      guard: (f) => {
        if (f.partyComplied === true)
          return { message: '当事人已履行义务，不得作出强制执行决定', field: 'partyComplied' };
        if (f.admonitionPeriodOver !== true)
          return { message: '催告期（10个工作日）未满，不能作出强制执行决定', field: 'admonitionPeriodOver' };
        return null;
      },
    },
    { action: 'serve', from: ['executionDecided'], to: 'served' },
    {
      action: 'execute',
      from: ['served'],
      to: 'executed',
      inputGuard: (i, f) =>
        f.atNightOrHoliday === true && !hasText(i.urgentReason, 2) && !hasText(f.urgentReason, 2)
          ? {
              message: '夜间或法定节假日不得实施行政强制执行，确需紧急执行的须说明理由',
              field: 'urgentReason',
            }
          : null,
      establishes: (i, f) =>
        f.atNightOrHoliday === true && hasText(i.urgentReason, 2)
          ? { urgentReason: i.urgentReason?.trim() }
          : {},
    },
    {
      // The party may perform at any time before execution, which ends the matter.
      action: 'recordCompliance',
      from: ['admonished', 'executionDecided', 'served'],
      to: 'complied',
      establishes: () => ({ partyComplied: true }),
    },
    { action: 'close', from: ['executed', 'complied'], to: 'closed' },
  ],
};

const EXPROPRIATION: Machine = {
  procedures: ['standard'],
  initial: 'decided',
  states: ['decided', 'served', 'executed', 'closed'],
  closed: ['closed'],
  rules: [
    { action: 'serve', from: ['decided'], to: 'served' },
    { action: 'execute', from: ['served'], to: 'executed' },
    { action: 'close', from: ['executed'], to: 'closed' },
  ],
};

const MACHINES: Record<Lifecycle, Machine> = {
  penaltyOrdinary: PENALTY_ORDINARY,
  penaltySimplified: PENALTY_SIMPLIFIED,
  inspection: INSPECTION,
  licensing: LICENSING,
  compulsionMeasure: COMPULSION_MEASURE,
  compulsionExecution: COMPULSION_EXECUTION,
  expropriation: EXPROPRIATION,
};

// ---------------------------------------------------------------------------------------------
// The interpreter

/** The lifecycle a case follows; null when the procedure does not belong to the act type. */
export function lifecycleOf(actType: ActType, procedure: Procedure): Lifecycle | null {
  switch (actType) {
    case 'penalty':
      if (procedure === 'ordinary') return 'penaltyOrdinary';
      if (procedure === 'simplified') return 'penaltySimplified';
      return null;
    case 'compulsion':
      if (procedure === 'measure') return 'compulsionMeasure';
      if (procedure === 'execution') return 'compulsionExecution';
      return null;
    case 'inspection':
      return procedure === 'standard' ? 'inspection' : null;
    case 'licensing':
      return procedure === 'standard' || procedure === 'commitment' ? 'licensing' : null;
    case 'expropriation':
      return procedure === 'standard' ? 'expropriation' : null;
  }
}

export function initialState(l: Lifecycle): CaseState {
  return MACHINES[l].initial;
}

/** The states of a lifecycle, in the order of its course. */
export function statesOf(l: Lifecycle): readonly CaseState[] {
  return MACHINES[l].states;
}

/** The actions of a lifecycle (for any of its procedures). */
export function actionsOf(l: Lifecycle): TransitionAction[] {
  return unique(MACHINES[l].rules.map((r) => r.action));
}

/** No more steps may be recorded (a licensing case that is `closed` still allows post-decision acts). */
export function isClosed(l: Lifecycle, state: CaseState): boolean {
  return MACHINES[l].closed.includes(state);
}

/**
 * Every state that is closed in some lifecycle. A state closed in one lifecycle is closed in every
 * lifecycle that has it (tested), so a list can filter closed cases by state alone.
 */
export const CLOSED_STATES: readonly CaseState[] = unique(Object.values(MACHINES).flatMap((m) => m.closed));

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Rules that apply from this state in this procedure. */
function rulesFrom(m: Machine, state: CaseState, procedure: Procedure): Rule[] {
  return m.rules.filter(
    (r) => r.from.includes(state) && (r.procedures === undefined || r.procedures.includes(procedure)),
  );
}

/** Whether the lifecycle has a rule for this action from this state (guards aside). */
export function hasRule(
  l: Lifecycle,
  state: CaseState,
  procedure: Procedure,
  action: TransitionAction,
): boolean {
  return rulesFrom(MACHINES[l], state, procedure).some((r) => r.action === action);
}

/** Rules whose guards pass now, before any input or gate is looked at. */
function openRules(l: Lifecycle, state: CaseState, facts: CaseFacts): Rule[] {
  return rulesFrom(MACHINES[l], state, facts.procedure).filter(
    (r) => r.guard === undefined || r.guard(facts) === null,
  );
}

/**
 * Whether an action whose rule is open may go ahead: with the preset input, or else with one of
 * the rule's choices (no input at all for a rule without choices), through its input guard and the
 * gates. `open`, or the first gate's refusal when only gates hold it back, or `closed` when its
 * input guard refuses every input it could be given.
 */
function verdict(
  rule: Rule,
  facts: CaseFacts,
  gate: GateCheck | undefined,
  preset: PresetInput | undefined,
): 'open' | 'closed' | GateBlock {
  const fixed = preset?.(rule.action);
  const inputs: Array<TransitionInput | undefined> = fixed
    ? [{ action: rule.action, ...fixed }]
    : rule.choices
      ? rule.choices.map((c) => ({ action: rule.action, ...c }))
      : [undefined];
  let block: GateBlock | null = null;
  for (const input of inputs) {
    if (input && (rule.input?.(input, facts) ?? rule.inputGuard?.(input, facts))) continue;
    const b = gate?.(rule.action, input) ?? null;
    if (b === null) return 'open';
    block ??= b;
  }
  return block ?? 'closed';
}

/** Actions the server would accept now (given a valid input): what the workbench shows as buttons. */
export function allowedActions(
  l: Lifecycle,
  state: CaseState,
  facts: CaseFacts,
  gate?: GateCheck,
  preset?: PresetInput,
): TransitionAction[] {
  return unique(
    openRules(l, state, facts)
      .filter((r) => verdict(r, facts, gate, preset) === 'open')
      .map((r) => r.action),
  );
}

/** Actions the rules allow now but a gate refuses, with the refusal (shown as the reason they wait). */
export function blockedActions(
  l: Lifecycle,
  state: CaseState,
  facts: CaseFacts,
  gate: GateCheck,
  preset?: PresetInput,
): Array<{ action: TransitionAction; block: GateBlock }> {
  const open = allowedActions(l, state, facts, gate, preset);
  const seen = new Set<TransitionAction>();
  return openRules(l, state, facts).flatMap((r) => {
    if (open.includes(r.action) || seen.has(r.action)) return [];
    const v = verdict(r, facts, gate, preset);
    if (v === 'open' || v === 'closed') return [];
    seen.add(r.action);
    return [{ action: r.action, block: v }];
  });
}

const actionLabel = (a: string): string => ACTION_LABELS[a as TransitionAction] ?? a;
const stateLabel = (s: string): string => STATE_LABELS[s as CaseState] ?? s;
const nextSteps = (allowed: readonly TransitionAction[]): string =>
  allowed.length === 0 ? '当前无可执行的操作' : `可执行：${allowed.map(actionLabel).join('、')}`;

export function transition(
  l: Lifecycle,
  state: CaseState,
  facts: CaseFacts,
  input: TransitionInput,
  gate?: GateCheck,
  preset?: PresetInput,
): TransitionResult {
  const m = MACHINES[l];
  const allowed = m.states.includes(state) ? allowedActions(l, state, facts, gate, preset) : [];
  const fail = (code: TransitionErrorCode, p: Problem): Extract<TransitionResult, { ok: false }> => ({
    ok: false,
    code,
    message: `${p.message}；${nextSteps(allowed)}`,
    ...(p.field === undefined ? {} : { field: p.field }),
    allowed,
  });

  if (!m.procedures.includes(facts.procedure))
    return fail('TRANSITION_INPUT_INVALID', {
      message: `程序“${facts.procedure}”不属于${LIFECYCLE_LABELS[l]}`,
      field: 'procedure',
    });
  if (!m.states.includes(state))
    return fail('TRANSITION_NOT_ALLOWED', {
      message: `状态“${stateLabel(state)}”不属于${LIFECYCLE_LABELS[l]}`,
    });

  const rule = rulesFrom(m, state, facts.procedure).find((r) => r.action === input.action);
  if (rule === undefined)
    return fail('TRANSITION_NOT_ALLOWED', {
      message: `当前状态“${stateLabel(state)}”不能执行“${actionLabel(input.action)}”`,
    });

  const problem = rule.guard?.(facts);
  if (problem) return fail('TRANSITION_GUARD_FAILED', problem);
  const invalid = rule.input?.(input, facts);
  if (invalid) return fail('TRANSITION_INPUT_INVALID', invalid);
  const refused = rule.inputGuard?.(input, facts);
  if (refused) return fail('TRANSITION_GUARD_FAILED', refused);
  // Gates come last: the act is lawful by its own rule, and a capability may still hold it back.
  const block = gate?.(rule.action, input);
  if (block) return { ...fail('TRANSITION_GATE_REFUSED', block), gate: block };

  return {
    ok: true,
    from: state,
    to: rule.to,
    action: rule.action,
    effects: rule.effects?.(input, facts) ?? [],
    facts: rule.establishes?.(input, facts) ?? {},
  };
}
