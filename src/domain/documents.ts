/**
 * Enforcement documents (执法文书, REC-02) and the notices they owe the party (PUB-06).
 *
 * A template is data: a title, the 文号 code of its kind, and sections of paragraphs with
 * `{{placeholders}}` and optional conditions. Filling it from a case gives the document's text;
 * the notices owed to the party (事由, 依据, 陈述, 申辩, 听证 when the penalty qualifies, 回避, and in
 * decisions the remedies with their periods and where) are checked on that text, so a template that
 * drops one is refused and a document that lacks one is never issued. Pure: the date is passed in.
 */
import type { ActType, PartyKind, PartyStatement, Sanction, StepKind } from './case-types';
import { SANCTION_LABELS } from './case-types';
import type { IsoDate } from './dates';
import { chineseDate, shanghaiClock } from './shanghai-time';
import { invalid } from './errors';
import { BLANK, fillSections, placeholdersIn, type RenderedDocument } from './template-fill';

// ---- kinds ----------------------------------------------------------------------------------

/** DOMAIN.md's list of standard documents. */
export const DOCUMENT_KINDS = [
  'filingApproval',
  'inspectionRecord',
  'inquiryRecord',
  'examinationRecord',
  'samplingVoucher',
  'penaltyNotice',
  'hearingNotice',
  'hearingRecord',
  'penaltyDecision',
  'noPenaltyDecision',
  'serviceReceipt',
  'legalReviewOpinion',
  'reReviewRequest',
  'reReviewOpinion',
  'reReviewDecision',
  'collectiveDiscussion',
  'closingApproval',
  'seizureDecision',
  'seizureList',
  'admonitionNotice',
  'executionDecision',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(s: string): s is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(s);
}

const ALL_ACTS: readonly ActType[] = ['penalty', 'compulsion', 'inspection', 'licensing', 'expropriation'];
/** Act types with legal review stages (`legal-review.ts` STAGE_TRANSITIONS): every lifecycle has one. */
const REVIEWED_ACTS = ALL_ACTS;

export interface DocumentKindInfo {
  label: string;
  /**
   * Default 文号 code (机关代字 after the agency's short name, before 字): the documents the agency
   * issues to the party are numbered; records, forms and internal opinions are not (null). A
   * template may change the code; numbers run per agency, code and year.
   */
  code: string | null;
  /** The act types whose cases use this document. */
  actTypes: readonly ActType[];
  /** Issued under the agency's seal: the layout prints the seal position and date. */
  sealed: boolean;
  /** Signed by the party (笔录, 回证, 清单): printed, signed, and the scan attached. */
  partySigns: boolean;
  /** A 笔录: every page is numbered 「共X页 第X页」 (each page is signed). */
  paged: boolean;
  /** Needs the penalty proposed at notice (or decided). */
  needsSanction: boolean;
  /** The kind of step recorded for a document made without one, when it is finalised: an office
   *  act (`other`), so that no step with effects on the case's dates is implied. */
  stepKind: StepKind;
  /**
   * Issued by legal review as it happens (REV-05…REV-08), never drafted by hand: internal to the
   * office, kept in the sub-volume (副卷), and, even when numbered, never served on the party.
   */
  review: boolean;
}

/**
 * The default 文号 codes (each template may change its own): 罚 (决定书, DOMAIN.md's example),
 * 罚告 (事先告知书), 不罚 (不予处罚决定书), 听通 (听证通知书), 查扣 (查封扣押决定书), 催 (催告书),
 * 强执 (强制执行决定书) — so 青国动罚字〔2026〕第12号 and 青国动罚告字〔2026〕第3号 run separately.
 * Legal review's written opinions are numbered too, for the case file to cite them: 法审 (法制审核意见书)
 * and 法复审 (复审意见书); they are internal and never served.
 */
export const DOCUMENT_KIND_INFO: Record<DocumentKind, DocumentKindInfo> = {
  filingApproval: info('立案审批表', null, ['penalty'], { sealed: false }),
  inspectionRecord: info('现场检查笔录', null, ALL_ACTS, { partySigns: true, paged: true }),
  inquiryRecord: info('询问笔录', null, ALL_ACTS, { partySigns: true, paged: true }),
  examinationRecord: info('勘验笔录', null, ALL_ACTS, { partySigns: true, paged: true }),
  samplingVoucher: info('抽样取证凭证', null, ALL_ACTS, { partySigns: true }),
  penaltyNotice: info('行政处罚事先告知书', '罚告', ['penalty'], { sealed: true, needsSanction: true }),
  hearingNotice: info('听证通知书', '听通', ['penalty'], { sealed: true }),
  hearingRecord: info('听证笔录', null, ['penalty'], { partySigns: true, paged: true }),
  penaltyDecision: info('行政处罚决定书', '罚', ['penalty'], { sealed: true, needsSanction: true }),
  noPenaltyDecision: info('不予行政处罚决定书', '不罚', ['penalty'], { sealed: true }),
  serviceReceipt: info('送达回证', null, ALL_ACTS, { partySigns: true }),
  legalReviewOpinion: info('法制审核意见书', '法审', REVIEWED_ACTS, { review: true }),
  reReviewRequest: info('复审申请书', null, REVIEWED_ACTS, { review: true }),
  reReviewOpinion: info('复审意见书', '法复审', REVIEWED_ACTS, { review: true }),
  reReviewDecision: info('法制审核异议决定书', null, REVIEWED_ACTS, { review: true }),
  collectiveDiscussion: info('集体讨论记录', null, REVIEWED_ACTS, { review: true }),
  closingApproval: info('结案审批表', null, ALL_ACTS, {}),
  seizureDecision: info('查封扣押决定书', '查扣', ['compulsion'], { sealed: true }),
  seizureList: info('查封扣押财物清单', null, ['compulsion'], { partySigns: true }),
  admonitionNotice: info('催告书', '催', ['compulsion'], { sealed: true }),
  executionDecision: info('行政强制执行决定书', '强执', ['compulsion'], { sealed: true }),
};

function info(
  label: string,
  code: string | null,
  actTypes: readonly ActType[],
  o: { sealed?: boolean; partySigns?: boolean; needsSanction?: boolean; paged?: boolean; review?: boolean },
): DocumentKindInfo {
  return {
    label,
    code,
    actTypes,
    sealed: o.sealed ?? false,
    partySigns: o.partySigns ?? false,
    paged: o.paged ?? false,
    needsSanction: o.needsSanction ?? false,
    stepKind: 'other',
    review: o.review ?? false,
  };
}

/** The kind of step a 笔录 or 凭证 records: drafted without a step named, it is made for the case's latest. */
export const RECORDED_STEP: Partial<Record<DocumentKind, StepKind>> = {
  inspectionRecord: 'inspection',
  inquiryRecord: 'inquiry',
  examinationRecord: 'examination',
  samplingVoucher: 'sampling',
  hearingRecord: 'hearing',
  seizureList: 'seizure',
};

export const DOCUMENT_KIND_LABELS = Object.fromEntries(
  DOCUMENT_KINDS.map((k) => [k, DOCUMENT_KIND_INFO[k].label]),
) as Record<DocumentKind, string>;

/** Whether documents of this kind take a 文号 when finalised. */
export const isNumbered = (kind: DocumentKind) => DOCUMENT_KIND_INFO[kind].code !== null;

/** Numbered documents served on the party (a 送达回证 names one); legal review's are internal. */
export const isServed = (kind: DocumentKind) => isNumbered(kind) && !DOCUMENT_KIND_INFO[kind].review;

// ---- 文号 -------------------------------------------------------------------------------------

const AGENCY_SHORT = /^[^\s〔〕[\]［］【】()（）]{1,20}$/;
/** A 文号 code: one to four Chinese characters. */
export const CODE_PATTERN = /^[\u4e00-\u9fa5]{1,4}$/;

/** `formatDocumentNumber('青国动', '罚', 2026, 12) === '青国动罚字〔2026〕第12号'`. */
export function formatDocumentNumber(agencyShort: string, code: string, year: number, n: number): string {
  if (!AGENCY_SHORT.test(agencyShort))
    throw invalid('DOCUMENT_NUMBER_INVALID', '机关简称应为 1–20 个字符，且不含空白或括号', 'agencyShort');
  if (!CODE_PATTERN.test(code)) throw invalid('DOCUMENT_NUMBER_INVALID', '文号代字应为 1–4 个汉字', 'code');
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw invalid('DOCUMENT_NUMBER_INVALID', '文号年份应为四位年份', 'year');
  if (!Number.isSafeInteger(n) || n < 1) throw invalid('DOCUMENT_NUMBER_INVALID', '文号序号应为正整数', 'n');
  return `${agencyShort}${code}字〔${year}〕第${n}号`;
}

const DOCUMENT_NUMBER = /^(.+?)字[〔[［【(（](\d{4})[〕\]］】)）]第([1-9]\d*)号$/;

/** The parts of a 文号 (agency short name and code together, as written), or null. */
export function parseDocumentNumber(s: string): { prefix: string; year: number; n: number } | null {
  const m = DOCUMENT_NUMBER.exec(s.trim());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { prefix: m[1], year: Number(m[2]), n: Number(m[3]) };
}

// ---- templates --------------------------------------------------------------------------------

/** When a paragraph is included. */
export const CONDITIONS = [
  'hearingOffered',
  'hearingNotOffered',
  'hasFine',
  'person',
  'organisation',
] as const;
export type Condition = (typeof CONDITIONS)[number];
export const CONDITION_LABELS: Record<Condition, string> = {
  hearingOffered: '拟作出的处罚可以要求听证时',
  hearingNotOffered: '不属于听证范围时',
  hasFine: '处以罚款时',
  person: '当事人为自然人时',
  organisation: '当事人为法人或其他组织时',
};

export interface TemplateParagraph {
  text: string;
  when?: Condition;
  /** No first-line indent (addressee, form lines, signatures). */
  plain?: boolean;
}
export interface TemplateSection {
  heading?: string;
  paragraphs: TemplateParagraph[];
}
/** What a template stores besides its title. */
export interface TemplateBody {
  /** The 文号 code; only for numbered kinds. */
  code?: string;
  sections: TemplateSection[];
}

/**
 * What legal review's documents are filled with (REV-05…REV-07, `review-documents.ts`): the review,
 * the re-review (复审) and the case-review meeting (案审会). Blank in other documents.
 */
export const REVIEW_PLACEHOLDERS = {
  'review.stage': '审核环节（立案审核等）',
  'review.round': '审核轮次（第1次）',
  'review.submittedOn': '提请审核日期',
  'review.statement': '承办部门提请审核的说明',
  'review.reviewer': '法制审核人员',
  'review.participants': '审核中听取当事人意见、联合调查、邀请法律顾问或专家的情况',
  'review.checklist': '审核事项逐项结论（符合、不符合、不适用）及说明',
  'review.opinion': '审核意见（同意、继续调查或补充证据等）',
  'review.reasons': '审核意见的理由',
  'review.date': '审核意见出具日期',
  'review.number': '法制审核意见书文号',
  'reReview.applicant': '复审申请人（承办人员）',
  'reReview.reasons': '复审申请（异议）的理由',
  'reReview.date': '复审申请日期',
  'reReview.reply': '复审意见（维持或变更）',
  'reReview.replyText': '复审意见的内容',
  'reReview.replyDate': '复审意见日期',
  'reReview.final': '负责人的决定（采纳承办部门意见或维持法制审核意见）',
  'reReview.finalReasons': '负责人决定的理由',
  'reReview.leader': '作出决定的负责人',
  'reReview.finalDate': '负责人决定日期',
  'meeting.date': '案审会日期',
  'meeting.attendees': '出席案审会的负责人',
  'meeting.views': '出席人员各自的意见',
  'meeting.discussion': '讨论情况',
  'meeting.conclusion': '讨论结论',
  'meeting.recorder': '记录人',
} as const;
export type ReviewPlaceholder = keyof typeof REVIEW_PLACEHOLDERS;
export type ReviewValues = Partial<Record<ReviewPlaceholder, string>>;

/** What may be written as `{{name}}` in a template, with what it is filled with. */
export const PLACEHOLDERS = {
  date: '文书日期（2026年4月16日）',
  'agency.name': '执法主体名称',
  'agency.address': '执法主体地址',
  'agency.phone': '执法主体联系电话',
  'case.number': '案号',
  'case.title': '案由',
  'case.filedOn': '立案日期',
  'case.noticedOn': '事先告知日期',
  'case.decidedOn': '决定日期',
  'case.violation': '违法行为（权力事项）',
  'case.basis': '法律依据（权力事项）',
  'case.powerItem': '权力事项名称',
  'party.name': '当事人名称（姓名）',
  'party.kind': '当事人类别',
  'party.idType': '证件类型',
  'party.idNumber': '证件号码（统一社会信用代码）',
  'party.legalRepresentative': '法定代表人（负责人）',
  'party.address': '住所（住址）；正式文书为完整地址，查看留痕',
  facts: '违法事实',
  evidence: '证据',
  sanction: '处罚内容（种类与金额）',
  'sanction.fine': '罚款金额（大写并注明小写）',
  'decision.reason': '决定理由（不予处罚等）',
  statement: '当事人陈述、申辩情况及本机关的复核意见',
  'payment.bank': '缴纳罚款的指定银行（开户银行、户名、账号）',
  officers: '承办执法人员及执法证号',
  'step.time': '环节时间（2026年4月16日9时30分）',
  'step.place': '环节地点',
  'step.notes': '环节记录内容',
  'step.officers': '环节执法人员及执法证号',
  'step.noteTaker': '记录人（制作笔录的执法人员）',
  'step.serviceManner': '送达方式',
  'hearing.date': '听证日期',
  'hearing.place': '听证地点',
  served: '送达的文书及文号',
  ...REVIEW_PLACEHOLDERS,
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;
export const isPlaceholder = (s: string): s is Placeholder => Object.hasOwn(PLACEHOLDERS, s);

export interface FieldProblem {
  field: string;
  message: string;
}

const LIMITS = { sections: 30, paragraphs: 50, text: 2000, heading: 100, title: 50 };

/** Shape and placeholder problems of a template edit, each with its field. */
export function validateTemplate(kind: DocumentKind, title: string, body: TemplateBody): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const t = title.trim();
  if (t.length < 2 || t.length > LIMITS.title || /[{}]/.test(t))
    problems.push({ field: 'title', message: '文书标题应为 2–50 个字，且不含花括号' });
  const numbered = isNumbered(kind);
  if (numbered && (body.code === undefined || !CODE_PATTERN.test(body.code)))
    problems.push({ field: 'code', message: `${DOCUMENT_KIND_LABELS[kind]}须有文号代字（1–4 个汉字）` });
  if (!numbered && body.code !== undefined)
    problems.push({ field: 'code', message: `${DOCUMENT_KIND_LABELS[kind]}不编文号，不填写文号代字` });
  if (body.sections.length === 0 || body.sections.length > LIMITS.sections)
    problems.push({ field: 'sections', message: `文书应有 1–${LIMITS.sections} 节` });
  body.sections.forEach((s, i) => {
    const at = `sections[${i}]`;
    if (s.heading !== undefined && (s.heading.trim() === '' || s.heading.length > LIMITS.heading))
      problems.push({ field: `${at}.heading`, message: '小标题不能为空或过长' });
    if (s.paragraphs.length === 0 || s.paragraphs.length > LIMITS.paragraphs)
      problems.push({ field: `${at}.paragraphs`, message: `每节应有 1–${LIMITS.paragraphs} 段` });
    s.paragraphs.forEach((p, j) => {
      const field = `${at}.paragraphs[${j}].text`;
      if (p.text.trim() === '' || p.text.length > LIMITS.text)
        problems.push({ field, message: `段落不能为空，且不超过 ${LIMITS.text} 字` });
      const { names, malformed } = placeholdersIn(p.text);
      if (malformed) problems.push({ field, message: '占位符的花括号不成对，应写作 {{名称}}' });
      for (const n of names)
        if (!isPlaceholder(n)) problems.push({ field, message: `未知的占位符 {{${n}}}` });
      if (p.when !== undefined && !(CONDITIONS as readonly string[]).includes(p.when))
        problems.push({ field: `${at}.paragraphs[${j}].when`, message: '未知的段落条件' });
    });
  });
  return problems;
}

// ---- filling ----------------------------------------------------------------------------------

/** What a document is filled from (read by the service from the case). */
export interface DocumentContext {
  /** The document's date: the day it is drafted, then the day it is finalised. */
  date: IsoDate;
  agency: { name: string; address: string; phone: string };
  caseInfo: {
    number: string;
    title: string;
    filedOn: IsoDate;
    noticedOn?: IsoDate | undefined;
    decidedOn?: IsoDate | undefined;
    hearingOn?: IsoDate | undefined;
    decisionReason?: string | undefined;
  };
  party: {
    name: string;
    kind: PartyKind;
    idTypeLabel: string;
    idNumber: string;
    legalRepresentative: string;
    address: string;
  };
  powerItem: { name: string; violation: string; basis: readonly string[] };
  sanction?: Sanction | undefined;
  hearingOffered: boolean;
  /** What the decision says of the party's statement and defence (see `statementText`). */
  statement?: StatementFacts | undefined;
  /** The office's account for fines (a setting); empty members are left blank for handwriting. */
  paymentBank?: PaymentBank | undefined;
  officers: ReadonlyArray<{ name: string; certificateNumber: string }>;
  /** Steps that are evidence, in order. */
  evidence: ReadonlyArray<{ kind: StepKind; on: IsoDate }>;
  step?:
    | {
        occurredAt: string;
        place: string;
        notes: string;
        serviceMannerLabel: string | null;
        officers: ReadonlyArray<{ name: string; certificateNumber: string }>;
        /** Who writes the 笔录: the officer drafting it, when on the step. */
        noteTaker?: string | undefined;
      }
    | undefined;
  hearingPlace?: string | undefined;
  served?: { label: string; number: string | null } | undefined;
  /** The officer's account of the facts; a sentence from the party and power item otherwise. */
  facts?: string | undefined;
  /** Legal review's own values, for the documents it issues (`review-documents.ts`). */
  review?: ReviewValues | undefined;
}

/** The filled values and the conditions that hold: what a document stores as its data. */
export interface DocumentData {
  values: Partial<Record<Placeholder, string>>;
  conditions: Condition[];
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万'];

function groupText(g: number): string {
  let s = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(g / 10 ** i) % 10;
    if (d === 0) {
      if (s !== '') zero = true;
      continue;
    }
    if (zero) {
      s += '零';
      zero = false;
    }
    s += DIGITS[d]! + SMALL_UNITS[i]!;
  }
  return s;
}

function integerText(n: number): string {
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10_000)) groups.push(v % 10_000);
  let out = '';
  let zero = false;
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const g = groups[gi]!;
    if (g === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (out !== '' && g < 1000) zero = true;
    if (zero) {
      out += '零';
      zero = false;
    }
    out += groupText(g) + GROUP_UNITS[gi]!;
  }
  return out;
}

/** Money in capital numerals, as written in documents: 500_000_0 fen → 伍万元整. */
export function chineseAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('amount must be whole fen ≥ 0');
  const yuanPart = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (jiao === 0 && cents === 0) return `${integerText(yuanPart)}元整`;
  let s = yuanPart > 0 ? `${integerText(yuanPart)}元` : '';
  if (jiao > 0) s += `${DIGITS[jiao]!}角`;
  if (cents > 0) s += `${jiao === 0 && yuanPart > 0 ? '零' : ''}${DIGITS[cents]!}分`;
  return s;
}

/** 5_000_000 fen → 50,000.00 */
export function yuanFigures(fen: number): string {
  const y = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${y}.${String(fen % 100).padStart(2, '0')}`;
}

/** 人民币伍万元整（¥50,000.00） */
export const moneyText = (fen: number) => `人民币${chineseAmount(fen)}（¥${yuanFigures(fen)}）`;

/** The penalty as a decision states it: each kind, the fine and confiscated value in words. */
export function sanctionText(s: Sanction): string {
  return s.kinds
    .map((k) => {
      if (k === 'fine') return `罚款${moneyText(s.fine)}`;
      if (k === 'confiscation' && s.confiscated > 0)
        return `${SANCTION_LABELS[k]}（价值${moneyText(s.confiscated)}）`;
      return SANCTION_LABELS[k];
    })
    .join('；');
}

/** An instant as documents write it, in Asia/Shanghai: 2026年4月16日9时30分. */
export function chineseDateTime(iso: string): string {
  const c = shanghaiClock(new Date(iso));
  return `${chineseDate(`${c.year}-${c.month}-${c.day}`)}${Number(c.hour)}时${c.minute}分`;
}

const EVIDENCE_NAMES: Partial<Record<StepKind, string>> = {
  inspection: '现场检查笔录',
  inquiry: '询问笔录',
  examination: '勘验笔录',
  sampling: '抽样取证凭证',
};

const officerList = (os: ReadonlyArray<{ name: string; certificateNumber: string }>) =>
  os.length === 0
    ? BLANK
    : os
        .map((o) => (o.certificateNumber ? `${o.name}（执法证号：${o.certificateNumber}）` : o.name))
        .join('、');

const dateOrBlank = (d: IsoDate | undefined) => (d ? chineseDate(d) : BLANK);

/** Ends a sentence of the officer's with a full stop unless it has its own closing mark. */
export function asSentence(text: string): string {
  const t = text.trim();
  return t === '' || /[。！？；…”’」』）)!?.;]$/.test(t) ? t : `${t}。`;
}
const withoutFinalStop = (text: string) => text.trim().replace(/[。．.；;，,]+$/, '');

/** What is known of the party's 陈述、申辩 when a decision is drafted. */
export interface StatementFacts {
  /** Recorded on the case: made or not, what was said, how it was considered. */
  statement?: PartyStatement | undefined;
  /** The party waived 陈述、申辩 (and the hearing). */
  partyWaived: boolean;
  /** The statement period after the notice was over when the decision was (or is being) taken. */
  noticePeriodOver: boolean;
  hearingOffered: boolean;
  hearingRequested: boolean;
  /** The hearing held, when one was. */
  hearingOn?: IsoDate | undefined;
}

/**
 * The decision's sentence on the party's statement and defence and how it was considered
 * (行政处罚法 art. 45, 62): made — what was said and the review's answer (a blank to fill when not
 * recorded); waived; not made within the period; or, when nothing is known, a line to fill in.
 */
export function statementText(f: StatementFacts): string {
  const hearing =
    f.hearingRequested && f.hearingOn
      ? `本机关应当事人的要求，于${chineseDate(f.hearingOn)}举行了听证。`
      : '';
  const s = f.statement;
  if (s?.made === true) {
    const summary = s.summary?.trim() ? `：${withoutFinalStop(s.summary)}` : '';
    const consideration = s.consideration?.trim() ? withoutFinalStop(s.consideration) : BLANK;
    return `${hearing}当事人提出了陈述、申辩意见${summary}。经复核，${consideration}。`;
  }
  if (f.partyWaived) return `当事人放弃陈述、申辩${f.hearingOffered ? '和要求听证' : ''}的权利。`;
  if (s?.made === false || f.noticePeriodOver) {
    const noHearing = f.hearingOffered && !f.hearingRequested ? '，也未要求听证' : '';
    return `${hearing}当事人在法定期限内未提出陈述、申辩意见${noHearing}。`;
  }
  return `${hearing}当事人陈述、申辩及复核情况：${BLANK}`;
}

/** The account fines are paid into (指定银行): an office setting. */
export interface PaymentBank {
  bankName: string;
  accountName: string;
  accountNumber: string;
}
export const NO_PAYMENT_BANK: PaymentBank = { bankName: '', accountName: '', accountNumber: '' };

/** 「指定银行（开户银行：…，户名：…，账号：…）」; what is not set is a blank to fill in by hand. */
export function paymentBankText(b: PaymentBank | undefined): string {
  const v = (x: string | undefined) => x?.trim() || BLANK;
  return `指定银行（开户银行：${v(b?.bankName)}，户名：${v(b?.accountName)}，账号：${v(b?.accountNumber)}）`;
}

/** Problems of a payment-bank setting, each with its field. */
export function validatePaymentBank(b: PaymentBank): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (b.bankName.trim().length > 60) problems.push({ field: 'bankName', message: '开户银行不超过 60 个字' });
  if (b.accountName.trim().length > 60)
    problems.push({ field: 'accountName', message: '户名不超过 60 个字' });
  if (!/^[0-9 -]{0,40}$/.test(b.accountNumber.trim()))
    problems.push({ field: 'accountNumber', message: '账号只含数字、空格和连字符，不超过 40 位' });
  return problems;
}

/** Fills every placeholder from the context; the conditions that hold go with them. */
export function documentData(ctx: DocumentContext): DocumentData {
  const evidence = ctx.evidence
    .filter((e) => EVIDENCE_NAMES[e.kind] !== undefined)
    .map((e) => `${chineseDate(e.on)}${EVIDENCE_NAMES[e.kind]!}`);
  const violation = ctx.powerItem.violation.trim();
  const basis = ctx.powerItem.basis.join('、');
  const values: Record<Placeholder, string> = {
    date: chineseDate(ctx.date),
    'agency.name': ctx.agency.name,
    'agency.address': ctx.agency.address,
    'agency.phone': ctx.agency.phone,
    'case.number': ctx.caseInfo.number,
    'case.title': ctx.caseInfo.title,
    'case.filedOn': chineseDate(ctx.caseInfo.filedOn),
    'case.noticedOn': dateOrBlank(ctx.caseInfo.noticedOn),
    'case.decidedOn': dateOrBlank(ctx.caseInfo.decidedOn),
    'case.violation': violation,
    'case.basis': basis,
    'case.powerItem': ctx.powerItem.name,
    'party.name': ctx.party.name,
    'party.kind': ctx.party.kind === 'person' ? '自然人' : '法人或其他组织',
    'party.idType': ctx.party.idTypeLabel,
    'party.idNumber': ctx.party.idNumber,
    'party.legalRepresentative': ctx.party.legalRepresentative || BLANK,
    'party.address': ctx.party.address,
    facts: asSentence(ctx.facts ?? '') || `${ctx.party.name}存在${violation}的行为。`,
    evidence: evidence.length > 0 ? evidence.join('、') : '本案调查取证材料',
    sanction: ctx.sanction ? sanctionText(ctx.sanction) : BLANK,
    'sanction.fine': ctx.sanction && ctx.sanction.fine > 0 ? moneyText(ctx.sanction.fine) : BLANK,
    'decision.reason': ctx.caseInfo.decisionReason?.trim() || BLANK,
    statement: ctx.statement ? statementText(ctx.statement) : `当事人陈述、申辩及复核情况：${BLANK}`,
    'payment.bank': paymentBankText(ctx.paymentBank),
    officers: officerList(ctx.officers),
    'step.time': ctx.step ? chineseDateTime(ctx.step.occurredAt) : BLANK,
    'step.place': ctx.step?.place || BLANK,
    // What the step recorded; the facts entered with the draft when the step has no notes.
    'step.notes': ctx.step?.notes.trim() || ctx.facts?.trim() || BLANK,
    'step.officers': ctx.step ? officerList(ctx.step.officers) : BLANK,
    'step.noteTaker': ctx.step?.noteTaker || BLANK,
    'step.serviceManner': ctx.step?.serviceMannerLabel ?? BLANK,
    'hearing.date': dateOrBlank(ctx.caseInfo.hearingOn),
    'hearing.place': ctx.hearingPlace?.trim() || BLANK,
    served: ctx.served ? `${ctx.served.label}${ctx.served.number ? `（${ctx.served.number}）` : ''}` : BLANK,
    ...(Object.fromEntries(
      (Object.keys(REVIEW_PLACEHOLDERS) as ReviewPlaceholder[]).map((k) => [
        k,
        ctx.review?.[k]?.trim() || BLANK,
      ]),
    ) as Record<ReviewPlaceholder, string>),
  };
  const conditions: Condition[] = [
    ctx.hearingOffered ? 'hearingOffered' : 'hearingNotOffered',
    ...(ctx.sanction && ctx.sanction.fine > 0 ? (['hasFine'] as const) : []),
    ctx.party.kind === 'person' ? 'person' : 'organisation',
  ];
  return { values, conditions };
}

/** The template with its placeholders filled and the paragraphs whose condition fails left out. */
export function fillTemplate(title: string, body: TemplateBody, data: DocumentData): RenderedDocument {
  return fillSections(title, body.sections, data, isPlaceholder);
}

/** The text of a rendered document, one paragraph a line (what the notices are checked on). */
export function renderedText(r: RenderedDocument): string {
  return [
    r.title,
    ...r.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.paragraphs.map((p) => p.text)]),
  ].join('\n');
}

// ---- notices owed to the party (PUB-06) -------------------------------------------------------

export const NOTICES = [
  'reason',
  'basis',
  'statement',
  'defence',
  'statementPeriod',
  'hearing',
  'recusal',
  'cooperation',
  'identification',
  'reconsideration',
  'litigation',
] as const;
export type Notice = (typeof NOTICES)[number];

export const NOTICE_LABELS: Record<Notice, string> = {
  reason: '事由（违法事实）',
  basis: '依据',
  statement: '陈述权',
  defence: '申辩权',
  statementPeriod: '陈述、申辩的期限（五个工作日）',
  hearing: '要求听证的权利及期限（五个工作日）',
  recusal: '申请回避的权利',
  cooperation: '配合执法的义务',
  identification: '执法人员出示执法证件',
  reconsideration: '申请行政复议的权利、期限（六十日）和复议机关',
  litigation: '提起行政诉讼的权利、期限（六个月）和人民法院',
};

/** Notices each kind owes; `hearing` only when the penalty qualifies for one. */
export const REQUIRED_NOTICES: Record<DocumentKind, readonly Notice[]> = {
  filingApproval: [],
  inspectionRecord: ['identification', 'cooperation', 'recusal'],
  inquiryRecord: ['identification', 'cooperation', 'recusal'],
  examinationRecord: ['identification', 'cooperation', 'recusal'],
  samplingVoucher: ['identification', 'cooperation', 'recusal'],
  penaltyNotice: ['reason', 'basis', 'statement', 'defence', 'statementPeriod', 'hearing', 'recusal'],
  hearingNotice: ['recusal'],
  hearingRecord: ['recusal', 'statement', 'defence'],
  penaltyDecision: ['reason', 'basis', 'reconsideration', 'litigation'],
  noPenaltyDecision: ['reason', 'basis', 'reconsideration', 'litigation'],
  serviceReceipt: [],
  legalReviewOpinion: [],
  reReviewRequest: [],
  reReviewOpinion: [],
  reReviewDecision: [],
  collectiveDiscussion: [],
  closingApproval: [],
  seizureDecision: ['reason', 'basis', 'reconsideration', 'litigation'],
  seizureList: [],
  admonitionNotice: ['statement', 'defence'],
  executionDecision: ['reason', 'basis', 'reconsideration', 'litigation'],
};

/** What the notices are checked against besides the text. */
export interface NoticeFacts {
  hearingOffered: boolean;
  /** Texts any of which states the 事由 (the facts, the violation). */
  reasons: readonly string[];
  /** The legal basis as filled in. */
  basis: string;
}

/** Words a paragraph must all contain for the notice to be given there. */
const NOTICE_PATTERNS: Record<Exclude<Notice, 'reason' | 'basis'>, readonly RegExp[]> = {
  statement: [/陈述/],
  defence: [/申辩/],
  statementPeriod: [/陈述|申辩/, /[五5]个工作日/],
  hearing: [/听证/, /[五5]个工作日/],
  recusal: [/回避/],
  cooperation: [/配合/],
  identification: [/出示/, /执法证/],
  reconsideration: [/行政复议/, /(六十|60)日/, /人民政府|复议机关|行政复议机构/],
  litigation: [/行政诉讼/, /(六|6)个月/, /法院/],
};

/**
 * The notices a document of this kind owes and its text does not give (PUB-06). Each notice must
 * be stated within one paragraph (a line of `text`): the right together with its period and where.
 */
export function missingNotices(kind: DocumentKind, text: string, facts: NoticeFacts): Notice[] {
  const paragraphs = text.split('\n');
  const somewhere = (...tests: Array<(p: string) => boolean>) =>
    paragraphs.some((p) => tests.every((t) => t(p)));
  return REQUIRED_NOTICES[kind].filter((n) => {
    switch (n) {
      case 'reason':
        return !facts.reasons.some((r) => r.trim() !== '' && text.includes(r.trim()));
      case 'basis':
        return !(
          facts.basis.trim() !== '' &&
          somewhere(
            (p) => p.includes(facts.basis.trim()),
            (p) => /依据|根据/.test(p),
          )
        );
      case 'hearing':
        return (
          facts.hearingOffered &&
          !somewhere(...NOTICE_PATTERNS.hearing.map((re) => (p: string) => re.test(p)))
        );
      case 'statement':
      case 'defence':
      case 'statementPeriod':
      case 'recusal':
      case 'cooperation':
      case 'identification':
      case 'reconsideration':
      case 'litigation':
        return !somewhere(...NOTICE_PATTERNS[n].map((re) => (p: string) => re.test(p)));
    }
  });
}

/** The notice facts of a filled document. */
export function noticeFactsOf(data: DocumentData): NoticeFacts {
  return {
    hearingOffered: data.conditions.includes('hearingOffered'),
    reasons: [data.values.facts ?? '', data.values['case.violation'] ?? ''],
    basis: data.values['case.basis'] ?? '',
  };
}

/** A sample case for previews and for checking template edits. */
export function sampleContext(
  date: IsoDate,
  o: { hearingOffered: boolean; person: boolean },
): DocumentContext {
  return {
    date,
    agency: { name: '上海市青浦区国防动员办公室', address: '上海市青浦区公园路100号', phone: '021-59720000' },
    caseInfo: {
      number: `青国动〔${date.slice(0, 4)}〕案第1号`,
      title: '擅自改变人防工程用途案',
      filedOn: date,
      noticedOn: date,
      decidedOn: date,
      hearingOn: date,
      decisionReason: '初次违法且危害后果轻微并及时改正',
    },
    party: o.person
      ? {
          name: '张某',
          kind: 'person',
          idTypeLabel: '居民身份证',
          idNumber: '310118********1234',
          legalRepresentative: '',
          address: '上海市青浦区某路1号',
        }
      : {
          name: '上海某某置业有限公司',
          kind: 'organisation',
          idTypeLabel: '统一社会信用代码',
          idNumber: '91310118MA1JL00000',
          legalRepresentative: '钱某',
          address: '上海市青浦区华新镇华志路100号',
        },
    powerItem: {
      name: '对出租、使用未经竣工验收或者验收不合格的民防工程的行政处罚',
      violation: '出租、使用未经竣工验收或者竣工验收不合格的民防工程',
      basis: ['《上海市民防条例》第四十三条'],
    },
    sanction: { kinds: ['warning', 'fine'], fine: o.hearingOffered ? 5_000_000 : 1_000_000, confiscated: 0 },
    hearingOffered: o.hearingOffered,
    statement: {
      partyWaived: false,
      noticePeriodOver: true,
      hearingOffered: o.hearingOffered,
      hearingRequested: false,
    },
    paymentBank: {
      bankName: '中国农业银行上海青浦支行',
      accountName: '上海市青浦区财政局',
      accountNumber: '03850100040000000',
    },
    officers: [
      { name: '王建国', certificateNumber: '31011800001' },
      { name: '李明', certificateNumber: '31011800002' },
    ],
    evidence: [
      { kind: 'inspection', on: date },
      { kind: 'inquiry', on: date },
    ],
    step: {
      occurredAt: `${date}T01:30:00.000Z`,
      place: '上海市青浦区华志路100号地下室',
      notes: '现场检查人防工程使用情况',
      serviceMannerLabel: '直接送达',
      officers: [
        { name: '王建国', certificateNumber: '31011800001' },
        { name: '李明', certificateNumber: '31011800002' },
      ],
      noteTaker: '李明',
    },
    hearingPlace: '本机关听证室',
    served: { label: '行政处罚决定书', number: `青国动罚字〔${date.slice(0, 4)}〕第1号` },
    review: sampleReview(date),
  };
}

/** Legal review's values for the sample case (a 作出决定前审核 disputed, then decided; a meeting). */
function sampleReview(date: IsoDate): ReviewValues {
  const d = chineseDate(date);
  return {
    'review.stage': '作出决定前审核',
    'review.round': '第1次',
    'review.submittedOn': d,
    'review.statement': '案件调查终结，拟作出行政处罚决定，提请法制审核。',
    'review.reviewer': '赵法审',
    'review.participants':
      '听取当事人意见：当事人委托代理人到场陈述。\n邀请法律顾问孙律师参加审核，意见：处罚适当。',
    'review.checklist': [
      '1. 执法主体是否合法，是否超越法定权限：符合',
      '2. 案件事实是否清楚，证据是否确凿充分：符合',
      '3. 适用法律、法规、规章是否准确：符合',
      '4. 处理是否适当：不符合。罚款数额高于裁量基准',
      '5. 程序是否合法：符合',
      '6. 是否需要集体讨论：符合',
    ].join('\n'),
    'review.opinion': '变更',
    'review.reasons': '罚款数额高于裁量基准对应档次，建议变更为裁量基准规定的数额。',
    'review.date': d,
    'review.number': `青国动法审字〔${date.slice(0, 4)}〕第1号`,
    'reReview.applicant': '王建国',
    'reReview.reasons': '当事人违法情节较重，适用较高档次罚款。',
    'reReview.date': d,
    'reReview.reply': '维持原审核意见（变更）',
    'reReview.replyText': '情节较重的证据不足，维持原审核意见。',
    'reReview.replyDate': d,
    'reReview.final': '维持法制审核意见',
    'reReview.finalReasons': '按裁量基准确定罚款数额。',
    'reReview.leader': '钱局长',
    'reReview.finalDate': d,
    'meeting.date': d,
    'meeting.attendees': '钱局长、孙副局长',
    'meeting.views': '钱局长：同意按裁量基准处罚\n孙副局长：同意',
    'meeting.discussion': '与会负责人讨论了案件事实、证据和裁量档次。',
    'meeting.conclusion': '同意作出行政处罚决定。',
    'meeting.recorder': '李明',
  };
}

/**
 * The notices a template would leave out (PUB-06): it is filled with sample cases — with and
 * without a hearing, an organisation and a person — and each rendering is checked.
 */
export function templateMissingNotices(
  kind: DocumentKind,
  title: string,
  body: TemplateBody,
  date: IsoDate,
): Notice[] {
  const missing = new Set<Notice>();
  for (const hearingOffered of [true, false])
    for (const person of [false, true]) {
      const data = documentData(sampleContext(date, { hearingOffered, person }));
      const text = renderedText(fillTemplate(title, body, data));
      for (const n of missingNotices(kind, text, noticeFactsOf(data))) missing.add(n);
    }
  return NOTICES.filter((n) => missing.has(n));
}

/** Kinds a case of this act type may have, in the order of the case file. */
export const kindsFor = (actType: ActType) =>
  DOCUMENT_KINDS.filter((k) => DOCUMENT_KIND_INFO[k].actTypes.includes(actType));
