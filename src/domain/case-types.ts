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
export type PartyKind = 'person' | 'organisation';
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
