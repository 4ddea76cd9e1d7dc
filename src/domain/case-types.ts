/**
 * The vocabulary of enforcement cases (ACT-1), shared by the state machines, the rules and the
 * services. Names follow GLOSSARY.md; labels are what people read.
 */

/** The five act types of ACT-1. */
export const ACT_TYPES = ['penalty', 'compulsion', 'inspection', 'licensing', 'expropriation'] as const;
export type ActType = (typeof ACT_TYPES)[number];
export const ACT_TYPE_LABELS: Record<ActType, string> = {
  penalty: '行政处罚',
  compulsion: '行政强制',
  inspection: '行政检查',
  licensing: '行政许可',
  expropriation: '行政征收征用',
};

/**
 * The procedure a case follows. Each act type allows some of them:
 * penalty: ordinary | simplified; compulsion: measure | execution; licensing: standard | commitment
 * (告知承诺); inspection and expropriation: standard.
 */
export const PROCEDURES = [
  'ordinary',
  'simplified',
  'measure',
  'execution',
  'standard',
  'commitment',
] as const;
export type Procedure = (typeof PROCEDURES)[number];
export const PROCEDURE_LABELS: Record<Procedure, string> = {
  ordinary: '普通程序',
  simplified: '简易程序',
  measure: '行政强制措施',
  execution: '行政强制执行',
  standard: '一般程序',
  commitment: '告知承诺',
};
export const PROCEDURES_OF: Record<ActType, readonly Procedure[]> = {
  penalty: ['ordinary', 'simplified'],
  compulsion: ['measure', 'execution'],
  inspection: ['standard'],
  licensing: ['standard', 'commitment'],
  expropriation: ['standard'],
};

/** 自然人 or 法人或其他组织. */
export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const PARTY_KIND_LABELS: Record<PartyKind, string> = {
  person: '自然人',
  organisation: '法人或其他组织',
};

/**
 * Money is held as integer fen (分) everywhere, so that no amount is ever a rounded float.
 * ¥5,000 = 500_000 fen.
 */
export type Fen = number;
export const yuan = (n: number): Fen => Math.round(n * 100);

/** Kinds of penalty (行政处罚法 art. 9) an office of this kind may impose. */
export const SANCTION_KINDS = [
  'warning', // 警告
  'fine', // 罚款
  'confiscation', // 没收违法所得、没收非法财物
  'lowerQualification', // 降低资质等级
  'revokeLicence', // 吊销许可证件
  'suspension', // 责令停产停业、责令关闭
  'restriction', // 限制从业
] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];
export const SANCTION_LABELS: Record<SanctionKind, string> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  lowerQualification: '降低资质等级',
  revokeLicence: '吊销许可证件',
  suspension: '责令停产停业、责令关闭',
  restriction: '限制从业',
};

/** A proposed or decided penalty: the kinds imposed, with the fine and confiscated value in fen. */
export interface Sanction {
  kinds: readonly SanctionKind[];
  fine: Fen; // 0 when no fine
  confiscated: Fen; // value of confiscated gains/property, 0 when none
}

/**
 * What the party said after the notice (陈述、申辩, 行政处罚法 art. 45) and how the agency
 * considered it, as the decision states it: made or not, what was said, and the review's answer.
 */
export interface PartyStatement {
  made: boolean;
  summary?: string;
  consideration?: string;
}

/** Kinds of step (执法环节) an officer records on a case. */
export const STEP_KINDS = [
  'inspection', // 检查
  'inquiry', // 询问
  'examination', // 勘验
  'sampling', // 抽样取证
  'notice', // 告知
  'hearing', // 听证
  'service', // 送达
  'execution', // 执行
  'seizure', // 查封扣押
  'admonition', // 催告
  'other', // 其他
] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_KIND_LABELS: Record<StepKind, string> = {
  inspection: '检查',
  inquiry: '询问',
  examination: '勘验',
  sampling: '抽样取证',
  notice: '告知',
  hearing: '听证',
  service: '送达',
  execution: '执行',
  seizure: '查封扣押',
  admonition: '催告',
  other: '其他',
};

/** Manners of service (送达方式). */
export const SERVICE_MANNERS = ['direct', 'leftAtPremises', 'post', 'publicNotice', 'electronic'] as const;
export type ServiceManner = (typeof SERVICE_MANNERS)[number];
export const SERVICE_MANNER_LABELS: Record<ServiceManner, string> = {
  direct: '直接送达',
  leftAtPremises: '留置送达',
  post: '邮寄送达',
  publicNotice: '公告送达',
  electronic: '电子送达',
};

/** Kinds of identity document a party is registered with. */
export const ID_TYPES = ['residentId', 'passport', 'other', 'creditCode'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, string> = {
  residentId: '居民身份证',
  passport: '护照',
  other: '其他证件',
  creditCode: '统一社会信用代码',
};
/** A party's sealed fields that a logged disclosure may show in full. */
export const DISCLOSABLE = ['idNumber', 'phone', 'address'] as const;
export type Disclosable = (typeof DISCLOSABLE)[number];

/** Kinds of case record (记录资料). */
export const RECORD_KINDS = ['text', 'scan', 'document', 'photo', 'audio', 'video'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  text: '文字记录',
  scan: '纸质文件扫描件',
  document: '电子文件',
  photo: '照片',
  audio: '音频',
  video: '视频',
};

/** Where a body-worn AV recorder (执法记录仪) is. */
export const RECORDER_STATUSES = ['available', 'checkedOut', 'repair', 'retired'] as const;
export type RecorderStatus = (typeof RECORDER_STATUSES)[number];
export const RECORDER_STATUS_LABELS: Record<RecorderStatus, string> = {
  available: '在库',
  checkedOut: '已领用',
  repair: '维修中',
  retired: '已报废',
};

/** What the supervisor's list (REC-11) holds: failures to record and refused alterations. */
export const FLAG_LABELS = {
  avMissing: '应同步音像记录而未记录',
  alterRefused: '试图修改记录资料（已拒绝）',
  deleteRefused: '试图删除记录资料（已拒绝）',
} as const;
export type FlagKind = keyof typeof FLAG_LABELS;
export const FLAG_KINDS = Object.keys(FLAG_LABELS) as FlagKind[];
