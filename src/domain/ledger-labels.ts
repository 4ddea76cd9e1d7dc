/**
 * The one catalogue of how ledger entries (留痕) read in Chinese (PLT-04, PLT-06): each action's
 * label, each subject type's name, and what each field of an entry's data means and how its value
 * is shown. The server presents entries with it (`services/ledger-presenter.ts`); the workbench
 * shows what the server sends and keeps no copy. `ledger-labels.test.ts` scans `src/` and fails
 * when an action passed to `appendEntry` has no label here.
 */
import { FINAL_SIDE_LABELS, OPINION_KIND_LABELS, REVIEW_STAGE_LABELS } from './legal-review';
import { REVIEW_DEADLINE_LABELS } from './legal-review-deadlines';
import {
  ACTION_LABELS as TRANSITION_LABELS,
  INSPECTION_RESULT_LABELS,
  OUTCOME_LABELS,
  STATE_LABELS,
  type TransitionAction,
} from './case-machine';
import {
  ACT_TYPE_LABELS,
  FLAG_LABELS,
  ID_TYPE_LABELS,
  PARTY_KIND_LABELS,
  PROCEDURE_LABELS,
  RECORD_KIND_LABELS,
  RECORDER_STATUS_LABELS,
  STEP_KIND_LABELS,
} from './case-types';
import { APPROVAL_KIND_LABELS, APPROVAL_STATE_LABELS } from './approvals';
import { DEADLINE_LABELS } from './case-deadlines';
import { GRADE_LABELS } from './penalty-rules';
import { PERFORMANCE_KIND_LABELS } from './performance';
import { STANDING_LABELS } from './certificate';
import { DOCUMENT_KIND_LABELS } from './documents';
import { PROTECTION_LABELS, ROLE_LABELS } from './policy';
import { MARK_LABELS } from './retention';
import { OUTBOX_EVENT_LABELS } from './outbox';

/** Every action the platform writes, by its full versioned name. */
export const LEDGER_ACTION_LABELS: Readonly<Record<string, string>> = {
  'agency.created@1': '创建执法主体',
  'agency.updated@1': '修改执法主体信息',
  'alert.raised@1': '发出期限提醒',
  'approval.decided@1': '审批',
  'settings.publicationSaved@1': '修改公示设置',
  'publication.alertRaised@1': '发出公示期限提醒',
  'publication.changeRecorded@1': '登记决定变更、撤销或确认违法',
  'publication.expired@1': '公示期满撤下',
  'publication.itemCreated@1': '生成公示事项',
  'publication.maskingConfirmed@1': '确认公示内容脱敏',
  'publication.published@1': '公示执法决定',
  'publication.withdrawn@1': '撤回公示',
  'approval.requested@1': '提请审批',
  'legalReview.classified@1': '重大执法决定分类',
  'legalReview.markedComplex@1': '标记案情复杂',
  'legalReview.submitted@1': '提请法制审核',
  'legalReview.assigned@1': '分配法制审核人员',
  'legalReview.opinionIssued@1': '出具法制审核意见',
  'legalReview.adopted@1': '采纳法制审核意见',
  'legalReview.objected@1': '对法制审核意见提出异议',
  'legalReview.replied@1': '书面答复异议',
  'legalReview.decidedFinally@1': '负责人对异议作出决定',
  'legalReview.meetingRecorded@1': '记录案审会集体讨论',
  'legalReview.qualificationSet@1': '登记法律职业资格',
  'legalReview.extensionRequested@1': '申请延长法制审核期限',
  'legalReview.extensionDecided@1': '审批延长法制审核期限',
  'legalReview.alertRaised@1': '发出法制审核期限提醒',
  'settings.legalReviewSaved@1': '修改法制审核设置',
  'auth.locked@1': '账号锁定',
  'auth.login-failed@1': '登录失败',
  'auth.login-succeeded@1': '登录',
  'auth.logout@1': '退出登录',
  'calendar.schedule-imported@1': '导入年度节假日安排',
  'calendar.schedule-loaded@1': '载入年度节假日安排（数据包）',
  'case.datesRecorded@1': '记录案件日期',
  'case.extensionApproved@1': '批准延长决定期限',
  'case.filed@1': '立案',
  'case.penaltyProposed@1': '登记拟作出的处罚',
  'case.performanceRecorded@1': '记录履行情况',
  'case.transitioned@1': '案件流转',
  'caseFile.archived@1': '接收归档',
  'caseFile.assembled@1': '组卷',
  'caseFile.exported@1': '导出归档包',
  'certificate.issued@1': '新增执法证',
  'certificate.reinstated@1': '恢复执法证',
  'certificate.revoked@1': '吊销执法证',
  'certificate.suspended@1': '暂停执法证',
  'certificate.updated@1': '修改执法证',
  'disposal.approved@1': '批准处置记录资料',
  'disposal.cancelled@1': '撤销处置',
  'disposal.executed@1': '执行处置',
  'document.drafted@1': '起草文书',
  'document.finalised@1': '签发文书',
  'document.signed@1': '附当事人签名扫描件',
  'documentTemplate.saved@1': '保存文书模板',
  'flag.handled@1': '处理监督事项',
  'legalHold.placed@1': '设置法律冻结',
  'legalHold.released@1': '解除法律冻结',
  'officer.created@1': '新增执法人员',
  'outbox.deadLettered@1': '推送失败转人工处理',
  'outbox.delivered@1': '推送至接收平台',
  'outbox.retried@1': '重新推送',
  'officer.photo-set@1': '更新执法人员照片',
  'officer.updated@1': '修改执法人员信息',
  'party.created@1': '登记当事人',
  'platform.created@1': '新增接收平台',
  'platform.updated@1': '修改接收平台',
  'party.disclosed@1': '查看当事人完整信息',
  'party.lookedUp@1': '按证件号码查找当事人',
  'powerItem.created@1': '新增权力事项',
  'powerItem.updated@1': '修改权力事项',
  'record.alterationRefused@1': '拒绝修改或删除记录资料',
  'record.corrected@1': '更正记录资料（新版本）',
  'record.created@1': '上传记录资料',
  'record.disposed@1': '删除到期记录资料的内容',
  'record.marked@1': '标记记录资料',
  'record.retrieved@1': '调阅记录资料',
  'recorder.checkedOut@1': '领用执法记录仪',
  'recorder.registered@1': '登记执法记录仪',
  'recorder.returned@1': '归还执法记录仪',
  'recorder.statusChanged@1': '执法记录仪状态变更',
  'settings.avRulesSaved@1': '修改音像记录规则',
  'settings.retentionSaved@1': '修改保管期限设置',
  'settings.approvalsSaved@1': '修改负责人审批设置',
  'settings.paymentBankSaved@1': '修改罚款缴纳银行',
  'settings.majorDecisionsSaved@1': '修改重大执法决定标准及法制审核期限',
  'step.completed@1': '完成执法环节',
  'step.recorded@1': '记录执法环节',
  'token.created@1': '创建接口令牌',
  'token.revoked@1': '撤销接口令牌',
  'unit.created@1': '新建科室',
  'unit.updated@1': '修改科室',
  'user.created@1': '新建用户',
  'user.password-changed@1': '修改本人密码',
  'user.password-reset@1': '重置用户密码',
  'user.unlocked@1': '解除账号锁定',
  'user.updated@1': '修改用户',
};

const nameOf = (action: string) => action.replace(/@\d+$/, '');
const BY_NAME = new Map(Object.entries(LEDGER_ACTION_LABELS).map(([a, l]) => [nameOf(a), l]));

/**
 * `document.drafted@1` → 起草文书. Another version of a known action reads like it; an action
 * nobody labelled (only possible in an old ledger) reads as 其他操作 — never its code.
 */
export function ledgerActionLabel(action: string): string {
  return LEDGER_ACTION_LABELS[action] ?? BY_NAME.get(nameOf(action)) ?? '其他操作';
}

/** An entry's label: the action's, and for a case transition which one (案件流转：作出决定). */
export function ledgerEntryLabel(action: string, data: Record<string, unknown>): string {
  const label = ledgerActionLabel(action);
  const t = typeof data.action === 'string' ? TRANSITION_LABELS[data.action as TransitionAction] : undefined;
  return nameOf(action) === 'case.transitioned' && t ? `${label}：${t}` : label;
}

export function hasLedgerActionLabel(action: string): boolean {
  return Object.hasOwn(LEDGER_ACTION_LABELS, action);
}

/** What an entry is about, by subject type. */
export const LEDGER_SUBJECT_LABELS: Readonly<Record<string, string>> = {
  agency: '执法主体',
  alert: '期限提醒',
  apiToken: '接口令牌',
  approval: '审批',
  legalReview: '法制审核',
  reviewMeeting: '案审会',
  calendarSchedule: '年度节假日安排',
  case: '案件',
  caseFile: '案卷',
  certificate: '执法证',
  disposal: '记录资料处置',
  document: '执法文书',
  documentTemplate: '文书模板',
  flag: '监督事项',
  flagHandling: '监督事项处理',
  legalHold: '法律冻结',
  officer: '执法人员',
  party: '当事人',
  partyDisclosure: '当事人信息查看',
  partyLookup: '当事人查找',
  platform: '接收平台',
  delivery: '推送',
  powerItem: '权力事项',
  publicationItem: '公示事项',
  record: '记录资料',
  recorder: '执法记录仪',
  retrieval: '调阅',
  setting: '设置',
  step: '执法环节',
  system: '系统',
  unit: '科室',
  user: '用户',
  username: '登录用户名',
};

export function ledgerSubjectLabel(type: string): string {
  return LEDGER_SUBJECT_LABELS[type] ?? '其他';
}

/** Things an id in an entry names, which the presenter looks up (or leaves out). */
export type LedgerRefKind =
  | 'case'
  | 'officer'
  | 'unit'
  | 'party'
  | 'powerItem'
  | 'user'
  | 'record'
  | 'step'
  | 'document'
  | 'recorder'
  | 'certificate';

/** How a field's value is shown. */
export type FieldFormat =
  | { as: 'text' }
  | { as: 'date' } // 2026-12-05 → 2026年12月5日
  | { as: 'instant' } // Beijing time, 2026年12月5日 14:03
  | { as: 'money' } // fen → 元
  | { as: 'bool' }
  | { as: 'number'; unit?: string }
  | { as: 'bytes' }
  | { as: 'enum'; labels: Readonly<Record<string, string>> }
  | { as: 'enumList'; labels: Readonly<Record<string, string>> }
  | { as: 'textList' }
  | { as: 'dateList' }
  | { as: 'ref'; ref: LedgerRefKind }
  | { as: 'refList'; ref: LedgerRefKind }
  | {
      as: 'special';
      kind:
        | 'sanction'
        | 'av'
        | 'approvals'
        | 'rules'
        | 'retentionSettings'
        | 'paymentBank'
        | 'majorDecisionSettings'
        | 'exportClaim'
        | 'checks'
        | 'cause'
        | 'retention'
        | 'range'
        | 'calendarNote';
    }
  /** Not shown to people (internal ids, keyed digests, the row snapshot); still in the raw data. */
  | { as: 'omit' };

export type FieldSpec = FieldFormat & { label: string };

const f = (label: string, format: FieldFormat = { as: 'text' }): FieldSpec => ({ label, ...format });
const OMIT: FieldSpec = { label: '', as: 'omit' };
const en = (label: string, labels: Readonly<Record<string, string>>) => f(label, { as: 'enum', labels });
const ref = (label: string, r: LedgerRefKind) => f(label, { as: 'ref', ref: r });
const special = (label: string, kind: Extract<FieldFormat, { as: 'special' }>['kind']) =>
  f(label, { as: 'special', kind });

const PARTY_FIELD_LABELS = { idNumber: '证件号码', phone: '联系电话', address: '住址' };
const LOGIN_FAILURES = {
  locked: '账号已锁定',
  unknownUser: '用户名不存在',
  disabled: '账号已停用',
  badPassword: '密码错误',
};
const POWER_ITEM_FIELDS = {
  name: '名称',
  basis: '法律依据',
  domain: '执法领域',
  unitId: '承办科室',
  benchmark: '裁量基准',
  active: '是否启用',
};

/** Fields as they read in any entry, unless the action or the subject type says otherwise. */
export const LEDGER_FIELDS: Readonly<Record<string, FieldSpec>> = {
  state: OMIT,
  digest: OMIT,
  templateId: OMIT,
  photoId: OMIT,
  markId: OMIT,
  disposalId: OMIT,
  address: f('地址'),
  actType: en('执法行为', ACT_TYPE_LABELS),
  active: f('是否启用', { as: 'bool' }),
  approvals: special('审批', 'approvals'),
  archiveNumber: f('档号'),
  as: en('审批身份', ROLE_LABELS),
  attempt: en('企图', { alter: '修改', delete: '删除' }),
  av: special('音像记录', 'av'),
  caseId: ref('案件', 'case'),
  cause: special('依据', 'cause'),
  checks: special('四性检测', 'checks'),
  code: f('编码'),
  days: f('延长天数', { as: 'number', unit: '日' }),
  deadline: en('期限', DEADLINE_LABELS),
  disabled: f('停用', { as: 'bool' }),
  disclosed: f('解密显示的信息', { as: 'enumList', labels: PARTY_FIELD_LABELS }),
  disposed: f('已处置的文件', { as: 'number', unit: '个' }),
  displayName: f('姓名'),
  domains: f('执法领域', { as: 'textList' }),
  due: f('到期日', { as: 'date' }),
  dueOn: f('保管到期日', { as: 'date' }),
  duties: f('职责'),
  fields: f('查看的信息', { as: 'enumList', labels: PARTY_FIELD_LABELS }),
  fileName: f('文件名'),
  found: f('是否找到', { as: 'bool' }),
  from: en('原状态', STATE_LABELS),
  idNumber: f('证件号码'),
  idType: en('证件类型', ID_TYPE_LABELS),
  inField: f('现场执法', { as: 'bool' }),
  avRequired: f('须同步音像记录', { as: 'bool' }),
  avMissing: f('缺少音像记录', { as: 'bool' }),
  ip: f('IP 地址'),
  isLegalReview: f('法制审核机构', { as: 'bool' }),
  items: f('卷内文件', { as: 'number', unit: '件' }),
  kind: f('类别'),
  ledger: special('留痕', 'exportClaim'),
  linkedCaseId: ref('关联案件', 'case'),
  mark: en('标记', MARK_LABELS),
  mediaType: f('文件格式'),
  missing: f('缺少的材料', { as: 'textList' }),
  model: f('型号'),
  name: f('名称'),
  note: f('备注'),
  number: f('编号'),
  occurredAt: f('时间', { as: 'instant' }),
  occurredOn: f('日期', { as: 'date' }),
  officerId: ref('执法人员', 'officer'),
  officerIds: f('执法人员', { as: 'refList', ref: 'officer' }),
  outcome: en('决定结果', OUTCOME_LABELS),
  partyId: ref('当事人', 'party'),
  phone: f('联系电话'),
  place: f('地点'),
  post: f('职务'),
  powerItemId: ref('权力事项', 'powerItem'),
  procedure: en('程序', PROCEDURE_LABELS),
  protection: en('保护级别', PROTECTION_LABELS),
  purpose: f('调阅事由'),
  range: special('读取范围', 'range'),
  reason: f('理由'),
  records: f('文件数', { as: 'number', unit: '个' }),
  recordId: ref('记录资料', 'record'),
  redacted: f('脱敏', { as: 'bool' }),
  result: en('检查结果', INSPECTION_RESULT_LABELS),
  retention: special('保管期限', 'retention'),
  roles: f('角色', { as: 'enumList', labels: ROLE_LABELS }),
  rules: special('规则', 'rules'),
  sanction: special('处罚', 'sanction'),
  scanRecordId: ref('签名扫描件', 'record'),
  settings: special('设置', 'retentionSettings'),
  sha256: f('SHA-256 摘要'),
  shortName: f('简称'),
  size: f('大小', { as: 'bytes' }),
  sm3: f('SM3 摘要'),
  stage: en('提醒', { before: '到期前提醒', due: '到期当日提醒' }),
  status: en('状态', RECORDER_STATUS_LABELS),
  stepId: ref('执法环节', 'step'),
  templateVersion: f('模板版本', { as: 'number' }),
  title: f('标题'),
  to: en('新状态', STATE_LABELS),
  totalDays: f('累计延长', { as: 'number', unit: '日' }),
  undoUntil: f('可撤销至', { as: 'instant' }),
  unitId: ref('科室', 'unit'),
  until: f('锁定至', { as: 'instant' }),
  urgentReason: f('紧急情况说明'),
  userId: ref('用户', 'user'),
  username: f('用户名'),
  validFrom: f('有效期起', { as: 'date' }),
  validTo: f('有效期至', { as: 'date' }),
  version: f('版本', { as: 'number' }),
  versionOf: f('更正', { as: 'omit' }),
  withheld: f('未随包导出的受限文件', { as: 'number', unit: '个' }),
  year: f('年度', { as: 'number' }),
  origin: en('来源', { package: '数据包', import: '导入' }),
  holidays: f('法定节假日', { as: 'dateList' }),
  workdays: f('调休上班日', { as: 'dateList' }),
  // Approvals, performance and flag handling (issue 12).
  flagId: OMIT,
  opinion: f('意见'),
  decision: en('审批结论', { approved: '同意', returned: '退回', approve: '同意', return: '退回' }),
  paidOn: f('缴款日期', { as: 'date' }),
  amount: f('金额', { as: 'money' }),
  receiptNumber: f('收据号码'),
  surcharge: f('加处罚款', { as: 'money' }),
  correctedOn: f('改正日期', { as: 'date' }),
  hearingOffered: f('可以要求听证', { as: 'bool' }),
  grade: en('裁量等级', GRADE_LABELS),
  chargedViolations: f('违法行为', { as: 'textList' }),
  summary: f('拟作出的决定'),
  proposal: OMIT,
};

/** Fields whose meaning depends on what the entry is about. */
export const LEDGER_SUBJECT_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = {
  step: { kind: en('环节类别', STEP_KIND_LABELS) },
  record: { kind: en('记录类别', RECORD_KIND_LABELS) },
  document: { kind: en('文书种类', DOCUMENT_KIND_LABELS), number: f('文号') },
  documentTemplate: { kind: en('文书种类', DOCUMENT_KIND_LABELS), title: f('模板名称') },
  party: { kind: en('当事人类型', PARTY_KIND_LABELS), name: f('名称或姓名') },
  recorder: { number: f('设备编号') },
  certificate: {
    number: f('证件编号'),
    from: en('原状态', STANDING_LABELS),
    to: en('新状态', STANDING_LABELS),
  },
  case: { number: f('案号') },
  unit: { name: f('科室名称'), reason: en('原因', { legalReviewMoved: '法制审核机构改设其他科室' }) },
  officer: { name: f('姓名'), mediaType: f('照片格式'), size: f('照片大小', { as: 'bytes' }) },
  apiToken: { name: f('令牌名称') },
  powerItem: { fields: f('修改的内容', { as: 'enumList', labels: POWER_ITEM_FIELDS }) },
  flag: { kind: en('监督事项', FLAG_LABELS) },
  flagHandling: { kind: en('监督事项', FLAG_LABELS), note: f('处理情况') },
  // A schedule loaded from the data package notes the package and version (not for people).
  calendarSchedule: { note: special('说明', 'calendarNote') },
  alert: { due: f('到期日', { as: 'date' }) },
  // The publication outbox (PUB-03): a delivery names its platform by name; the item by its own
  // entries (its id is the publication's, opaque here).
  delivery: {
    platform: f('接收平台'),
    itemId: OMIT,
    event: en('推送事项', OUTBOX_EVENT_LABELS),
    attempts: f('已尝试', { as: 'number', unit: '次' }),
    status: f('对方应答状态码', { as: 'number' }),
    error: f('失败原因'),
  },
  platform: {
    name: f('平台名称'),
    url: f('接收地址'),
    enabled: f('启用', { as: 'bool' }),
    secretChanged: f('更换签名密钥', { as: 'bool' }),
    fields: f('修改的内容', {
      as: 'enumList',
      labels: { name: '平台名称', url: '接收地址', enabled: '启用', secret: '签名密钥' },
    }),
  },
  legalReview: {
    stage: en('审核环节', REVIEW_STAGE_LABELS),
    kind: en('审核意见', OPINION_KIND_LABELS),
    reasons: f('理由'),
    reviewerUserId: ref('审核人员', 'user'),
    documentId: ref('法制审核意见书', 'document'),
    replyDue: f('答复期限', { as: 'date' }),
    decision: en('复核结论', { maintain: '维持原意见', revise: '变更意见' }),
    text: f('复核意见'),
    side: en('负责人决定', FINAL_SIDE_LABELS),
  },
  reviewMeeting: {
    heldOn: f('会议日期', { as: 'date' }),
    attendees: f('出席负责人', { as: 'number', unit: '人' }),
    conclusion: f('结论'),
  },
  approval: {
    kind: en('审批事项', APPROVAL_KIND_LABELS),
    state: en('审批结果', APPROVAL_STATE_LABELS),
  },
};

/** What set off a case's (re)classification (REV-01): the filing, a transition or another act. */
const CLASSIFICATION_TRIGGER_LABELS: Readonly<Record<string, string>> = {
  file: '立案',
  ...TRANSITION_LABELS,
  penaltyProposed: '登记拟作出的处罚',
  decisionApproved: '决定审批通过',
  manualCategory: '人工认定类别',
};

/** Fields whose meaning depends on the action. */
export const LEDGER_ACTION_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = {
  'auth.login-failed@1': { reason: en('原因', LOGIN_FAILURES) },
  'case.transitioned@1': {
    action: en('流转', TRANSITION_LABELS),
    reason: f('理由'),
  },
  'case.filed@1': { number: f('案号') },
  'case.performanceRecorded@1': { kind: en('履行方式', PERFORMANCE_KIND_LABELS) },
  'settings.approvalsSaved@1': { settings: OMIT },
  'settings.legalReviewSaved@1': { settings: OMIT },
  'legalReview.classified@1': {
    major: f('重大执法决定', { as: 'bool' }),
    categories: OMIT,
    reasons: f('类别及理由', { as: 'textList' }),
    trigger: en('起因', CLASSIFICATION_TRIGGER_LABELS),
    category: f('人工认定类别', { as: 'number', unit: '类' }),
    reason: f('人工认定理由'),
  },
  'legalReview.qualificationSet@1': { qualified: f('具有法律职业资格', { as: 'bool' }) },
  'legalReview.extensionRequested@1': { due: f('原审核期限', { as: 'date' }) },
  'legalReview.extensionDecided@1': {
    approve: f('批准延长', { as: 'bool' }),
    opinion: f('审批意见'),
    due: f('审核期限', { as: 'date' }),
  },
  'legalReview.alertRaised@1': {
    deadline: en('期限', REVIEW_DEADLINE_LABELS),
    stage: en('提醒', { before: '到期前提醒', due: '到期当日提醒', overdue: '逾期提醒' }),
    due: f('到期日', { as: 'date' }),
  },
  'settings.paymentBankSaved@1': { paymentBank: special('缴款银行', 'paymentBank') },
  'settings.majorDecisionsSaved@1': { settings: special('设置', 'majorDecisionSettings') },
  'record.alterationRefused@1': { recordId: ref('记录资料', 'record') },
  'disposal.approved@1': { retention: special('保管期限', 'retention') },
  'document.finalised@1': { number: f('文号') },
  'caseFile.archived@1': { items: f('卷内文件', { as: 'number', unit: '件' }) },
};

/** How this field of this entry reads; undefined when the catalogue does not know it. */
export function ledgerFieldSpec(action: string, subjectType: string, key: string): FieldSpec | undefined {
  return (
    LEDGER_ACTION_FIELDS[action]?.[key] ?? LEDGER_SUBJECT_FIELDS[subjectType]?.[key] ?? LEDGER_FIELDS[key]
  );
}
