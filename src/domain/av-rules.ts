/**
 * When a step must be recorded on audio-video (REC-03), as data an office can configure. A rule
 * matches a step when every condition it states matches; a list condition matches when the step's
 * value is one of the list; `flags` match when all the named flags are set. A step that a rule
 * matches needs an AV record, or a written reason for its absence (and is then flagged).
 */
import {
  ACT_TYPES,
  PROCEDURES,
  SERVICE_MANNERS,
  STEP_KINDS,
  type ActType,
  type Procedure,
  type ServiceManner,
  type StepKind,
} from './case-types';

export const AV_FLAGS = [
  'caseMajor',
  'afterCommitmentLicensing',
  'designatedSite',
  'contactWithParty',
  'inField',
] as const;
export type AvFlag = (typeof AV_FLAGS)[number];
export const AV_FLAG_LABELS: Record<AvFlag, string> = {
  caseMajor: '重大案件',
  afterCommitmentLicensing: '告知承诺审批后的检查',
  designatedSite: '国家、市、区指定的场所',
  contactWithParty: '直接接触当事人或进入其场所',
  inField: '现场执法',
};

/** The step being recorded and the case it belongs to. */
export interface AvContext {
  stepKind: StepKind;
  /** Only for service steps. */
  serviceManner?: ServiceManner;
  procedure: Procedure;
  actType: ActType;
  caseMajor: boolean;
  /** An inspection following a licence granted on notification-and-commitment (告知承诺). */
  afterCommitmentLicensing: boolean;
  designatedSite: boolean;
  /** In direct contact with the party or entering its premises. */
  contactWithParty: boolean;
  /** Done on site (an office act such as issuing a document in the office is not). */
  inField: boolean;
}

/** JSON-able conditions; at least one must be given. */
export interface AvCondition {
  stepKinds?: StepKind[];
  serviceManners?: ServiceManner[];
  procedures?: Procedure[];
  actTypes?: ActType[];
  flags?: AvFlag[];
}

export interface AvRule {
  id: string;
  /** Shown to the officer as the reason AV is required. */
  label: string;
  when: AvCondition;
}

/** REC-03's list. */
export const DEFAULT_AV_RULES: readonly AvRule[] = [
  {
    id: 'afterCommitmentLicensing',
    label: '告知承诺审批后的检查',
    when: { flags: ['afterCommitmentLicensing'] },
  },
  {
    id: 'designatedSite',
    label: '国家、市、区确定的重点场所',
    when: { flags: ['designatedSite'] },
  },
  {
    id: 'contactInspection',
    label: '直接接触当事人或进入其场所的检查',
    when: { stepKinds: ['inspection'], flags: ['contactWithParty'] },
  },
  { id: 'examination', label: '勘验', when: { stepKinds: ['examination'] } },
  { id: 'sampling', label: '抽样取证', when: { stepKinds: ['sampling'] } },
  {
    id: 'simplifiedPenalty',
    label: '适用简易程序的行政处罚',
    when: { actTypes: ['penalty'], procedures: ['simplified'] },
  },
  { id: 'hearing', label: '听证', when: { stepKinds: ['hearing'] } },
  {
    id: 'leftOrPublicService',
    label: '留置送达、公告送达',
    when: { stepKinds: ['service'], serviceManners: ['leftAtPremises', 'publicNotice'] },
  },
  {
    id: 'majorCase',
    label: '重大案件（含重大民防执法及本机关确定的其他情形）的现场执法',
    // REC-03 names major enforcement among the acts to record on site; a document drafted and
    // issued in the office is no such act, so a major case's office steps are not held up by it.
    when: { flags: ['caseMajor', 'inField'] },
  },
];

const CONDITION_VALUES = {
  stepKinds: STEP_KINDS,
  serviceManners: SERVICE_MANNERS,
  procedures: PROCEDURES,
  actTypes: ACT_TYPES,
  flags: AV_FLAGS,
} as const satisfies Record<keyof AvCondition, readonly string[]>;
const CONDITION_KEYS = Object.keys(CONDITION_VALUES) as Array<keyof AvCondition>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Problems with a rule table (as read from configuration, so of any shape); empty when sound.
 * Fields are named like `[2].when.stepKinds`.
 */
export function validateAvRules(rules: unknown): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!Array.isArray(rules)) return [{ field: '', message: '音像记录规则应为列表' }];
  const ids = new Set<string>();
  (rules as unknown[]).forEach((rule, i) => {
    const at = `[${i}]`;
    if (!isObject(rule)) {
      problems.push({ field: at, message: '规则格式不正确' });
      return;
    }
    if (typeof rule.id !== 'string' || !rule.id.trim()) {
      problems.push({ field: `${at}.id`, message: '规则编号不能为空' });
    } else if (ids.has(rule.id)) {
      problems.push({ field: `${at}.id`, message: `规则编号“${rule.id}”重复` });
    } else {
      ids.add(rule.id);
    }
    if (typeof rule.label !== 'string' || !rule.label.trim()) {
      problems.push({ field: `${at}.label`, message: '规则名称不能为空' });
    }
    const when = rule.when;
    if (!isObject(when)) {
      problems.push({ field: `${at}.when`, message: '规则条件格式不正确' });
      return;
    }
    for (const key of Object.keys(when)) {
      if (!(CONDITION_KEYS as string[]).includes(key)) {
        problems.push({ field: `${at}.when.${key}`, message: `未知的条件“${key}”` });
      }
    }
    let conditions = 0;
    for (const key of CONDITION_KEYS) {
      const list = when[key];
      if (list === undefined) continue;
      conditions++;
      const field = `${at}.when.${key}`;
      if (!Array.isArray(list) || list.length === 0) {
        problems.push({ field, message: '条件应为非空列表' });
        continue;
      }
      const allowed: readonly string[] = CONDITION_VALUES[key];
      for (const v of list as unknown[]) {
        if (typeof v !== 'string' || !allowed.includes(v)) {
          problems.push({ field, message: `条件值“${String(v)}”不正确` });
        }
      }
    }
    if (conditions === 0) problems.push({ field: `${at}.when`, message: '规则至少应有一个条件' });
  });
  return problems;
}

/** Whether a rule's conditions all hold for the step. */
export function avRuleMatches(rule: AvRule, ctx: AvContext): boolean {
  const w = rule.when;
  if (w.stepKinds && !w.stepKinds.includes(ctx.stepKind)) return false;
  if (
    w.serviceManners &&
    (ctx.serviceManner === undefined || !w.serviceManners.includes(ctx.serviceManner))
  ) {
    return false;
  }
  if (w.procedures && !w.procedures.includes(ctx.procedure)) return false;
  if (w.actTypes && !w.actTypes.includes(ctx.actType)) return false;
  if (w.flags && !w.flags.every((f) => ctx[f])) return false;
  // A rule with no condition at all is refused by validateAvRules; never let it match everything.
  return CONDITION_KEYS.some((k) => w[k] !== undefined);
}

/** Whether the step needs an AV record, with the labels of the rules that require it. */
export function avRequirement(
  rules: readonly AvRule[],
  ctx: AvContext,
): { required: boolean; reasons: string[] } {
  const reasons = rules.filter((r) => avRuleMatches(r, ctx)).map((r) => r.label);
  return { required: reasons.length > 0, reasons };
}
