/**
 * Which enforcement decisions are published (事后公示, PUB-08, PUB-09), for how long, who may
 * publish them, and the national 双公示 data items they are published as (PUB-03).
 *
 * Defaults follow DOMAIN.md "Publication and personal data" and "Publication periods and fields":
 * Shanghai (沪府令36号) publishes every ordinary-procedure penalty decision, warning-only ones
 * included; simplified-procedure penalties are not published by default; decisions concerning
 * minors are never published, whatever the settings; items stay online 5 years, 2 years when the
 * party is a natural person. All but the minors rule are settings (they differ between places).
 */
import {
  ACT_TYPE_LABELS,
  ACT_TYPES,
  PARTY_KIND_LABELS,
  PROCEDURE_LABELS,
  SANCTION_LABELS,
  type ActType,
  type Fen,
  type PartyKind,
  type Procedure,
  type SanctionKind,
} from './case-types';
import { addDays, isIsoDate, type IsoDate } from './dates';
import { maskPersonName, publicPartyName } from './masking';

/**
 * Who performs the act of publishing (and withdrawing): a leader (default), or also an officer of
 * the item's handling unit (科室, GLOSSARY `unit`).
 */
export const PUBLISHERS = ['leader', 'handlingUnit'] as const;
export type Publisher = (typeof PUBLISHERS)[number];
export const PUBLISHER_LABELS: Record<Publisher, string> = {
  leader: '办领导',
  handlingUnit: '承办科室',
};

export interface PublicationSettings {
  /** Whether decisions of each act type and procedure are published. A procedure not listed: published. */
  publishByProcedure: { [A in ActType]: Partial<Record<Procedure, boolean>> };
  /** Penalty decisions that impose a warning and nothing else. */
  publishWarningOnly: boolean;
  /** 不予行政处罚决定 (a penalty case decided without a sanction). */
  publishNoPenalty: boolean;
  /** Licensing decisions refusing the licence (不予许可). */
  publishLicenceRefusals: boolean;
  /** How long an item stays online, in months from the decision date, per act type and party kind. */
  displayMonths: { [A in ActType]: Record<PartyKind, number> };
  publisher: Publisher;
}

const FIVE_YEARS_TWO_FOR_PERSONS: Record<PartyKind, number> = { person: 24, organisation: 60 };

export const DEFAULT_PUBLICATION_SETTINGS: PublicationSettings = {
  publishByProcedure: {
    penalty: { ordinary: true, simplified: false },
    compulsion: { measure: true, execution: true },
    inspection: { standard: true },
    licensing: { standard: true, commitment: true },
    expropriation: { standard: true },
  },
  publishWarningOnly: true,
  publishNoPenalty: false,
  publishLicenceRefusals: false,
  displayMonths: Object.fromEntries(
    ACT_TYPES.map((a) => [a, { ...FIVE_YEARS_TWO_FOR_PERSONS }]),
  ) as PublicationSettings['displayMonths'],
  publisher: 'leader',
};

/** What decides whether a decision is published. */
export interface PublicationCandidate {
  actType: ActType;
  procedure: Procedure;
  partyKind: PartyKind;
  /** The case says it concerns a minor (a party, or a person the facts are about). */
  concernsMinor?: boolean;
  /** The natural-person party's date of birth (e.g. from the ID number), to tell a minor on `decidedOn`. */
  partyBirthDate?: IsoDate | null;
  decidedOn: IsoDate;
  /** Penalties: the kinds imposed; empty for a 不予行政处罚决定. */
  sanctionKinds?: readonly SanctionKind[];
  /** Licensing: whether the licence was granted. */
  licenceGranted?: boolean;
}

/** Under 18 on `on`: the 18th birthday is the first day of adulthood (a 29 February birthday: 1 March). */
export function isMinorOn(birthDate: IsoDate, on: IsoDate): boolean {
  const [y = 0, m = 1, d = 1] = birthDate.split('-').map(Number);
  const adult = addMonths(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`, 18 * 12);
  // The same day 18 years later; a day the month lacks (29 February) rolls over to the next.
  const eighteenth = addDays(adult, d - 1);
  return on < eighteenth;
}

/** Whether a decision is published under the settings, and why, in Chinese. */
export function shouldPublish(
  decision: PublicationCandidate,
  settings: PublicationSettings = DEFAULT_PUBLICATION_SETTINGS,
): { publish: boolean; reason: string } {
  const minor =
    decision.concernsMinor === true ||
    (decision.partyKind === 'person' &&
      !!decision.partyBirthDate &&
      isIsoDate(decision.partyBirthDate) &&
      isMinorOn(decision.partyBirthDate, decision.decidedOn));
  if (minor) return { publish: false, reason: '涉及未成年人的决定一律不予公开' };
  const act = ACT_TYPE_LABELS[decision.actType];
  const procedure = PROCEDURE_LABELS[decision.procedure];
  if (settings.publishByProcedure[decision.actType][decision.procedure] === false)
    return { publish: false, reason: `按公示设置，${procedure}的${act}决定不予公示` };
  if (decision.actType === 'penalty' && decision.sanctionKinds) {
    const kinds = decision.sanctionKinds;
    if (kinds.length === 0 && !settings.publishNoPenalty)
      return { publish: false, reason: '按公示设置，不予行政处罚决定不予公示' };
    if (kinds.length > 0 && kinds.every((k) => k === 'warning') && !settings.publishWarningOnly)
      return { publish: false, reason: '按公示设置，仅给予警告的行政处罚决定不予公示' };
  }
  if (
    decision.actType === 'licensing' &&
    decision.licenceGranted === false &&
    !settings.publishLicenceRefusals
  )
    return { publish: false, reason: '按公示设置，不予许可决定不予公示' };
  return { publish: true, reason: `${procedure}的${act}决定应当公示` };
}

/**
 * `months` calendar months after `date`: the corresponding day, or the month's last day when it
 * has none (民法典 art. 202: 2024-02-29 + 12 months → 2025-02-28).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// 双公示 data items
// ---------------------------------------------------------------------------------------------

/**
 * Stable English keys of the published data items and their Chinese headers (the national 双公示
 * items; DOMAIN.md). The portal's CSV and JSON use these keys and headers.
 */
export const PUBLICATION_FIELD_HEADERS = {
  partyName: '行政相对人名称',
  partyKind: '行政相对人类别',
  creditCode: '统一社会信用代码',
  legalRepresentative: '法定代表人',
  documentNumber: '决定书文号',
  actType: '执法类别',
  violationType: '违法行为类型',
  violationFacts: '违法事实',
  basis: '处罚依据',
  penaltyCategory: '处罚类别',
  penaltyContent: '处罚内容',
  fineWan: '罚款金额（万元）',
  confiscatedWan: '没收违法所得、没收非法财物的金额（万元）',
  licenceSuspended: '暂扣或吊销证照名称及编号',
  projectName: '项目名称',
  approvalCategory: '审批类别',
  licenceContent: '许可内容',
  decisionContent: '决定内容',
  decidedOn: '决定日期',
  validUntil: '有效期至',
  displayUntil: '公示截止期',
  authority: '决定机关',
  authorityCreditCode: '决定机关统一社会信用代码',
  dataSource: '数据来源单位',
  status: '当前状态',
  remarks: '备注',
} as const;
export type PublicationFieldKey = keyof typeof PUBLICATION_FIELD_HEADERS;

/** The items of each kind of record, in the national order, with the national header where it differs. */
export const PUBLICATION_FIELD_SETS: Record<
  'penalty' | 'licensing' | 'other',
  readonly { key: PublicationFieldKey; header: string }[]
> = {
  penalty: fieldSet([
    'partyName', 'partyKind', 'creditCode', 'legalRepresentative',
    ['documentNumber', '处罚决定书文号'], 'violationType', 'violationFacts', 'basis', 'penaltyCategory',
    'penaltyContent', 'fineWan', 'confiscatedWan', 'licenceSuspended', ['decidedOn', '处罚决定日期'],
    ['validUntil', '处罚有效期'], 'displayUntil', ['authority', '处罚机关'],
    ['authorityCreditCode', '处罚机关统一社会信用代码'], 'dataSource', 'remarks',
  ]),
  licensing: fieldSet([
    ['documentNumber', '行政许可决定书文号'], 'projectName', 'approvalCategory', 'licenceContent',
    ['partyName', '行政相对人'], 'partyKind', 'creditCode', 'legalRepresentative', ['decidedOn', '许可决定日期'],
    ['validUntil', '许可截止期'], 'displayUntil', ['authority', '许可机关'],
    ['authorityCreditCode', '许可机关统一社会信用代码'], 'status', 'dataSource', 'remarks',
  ]),
  other: fieldSet([
    'documentNumber', 'actType', 'partyName', 'partyKind', 'creditCode', 'legalRepresentative',
    'decisionContent', ['basis', '依据'], 'decidedOn', 'displayUntil', 'authority', 'authorityCreditCode',
    'dataSource', 'remarks',
  ]),
}; // prettier-ignore

function fieldSet(
  items: readonly (PublicationFieldKey | [PublicationFieldKey, string])[],
): readonly { key: PublicationFieldKey; header: string }[] {
  return items.map((i) =>
    typeof i === 'string' ? { key: i, header: PUBLICATION_FIELD_HEADERS[i] } : { key: i[0], header: i[1] },
  );
}

/** A published item, as the publication backend holds it (texts already masked by the preparer). */
export interface PublicationItemFields {
  actType: ActType;
  documentNumber: string;
  party: {
    kind: PartyKind;
    /** The party's name as recorded: a natural person's is masked here. */
    name: string;
    creditCode?: string | null;
    legalRepresentative?: string | null;
  };
  /** 违法行为类型 (penalties), e.g. the violation's name. */
  violationType?: string | null;
  /** Masked facts. */
  facts?: string | null;
  basis?: string | null;
  sanctionKinds?: readonly SanctionKind[];
  /** Masked result: 处罚内容 / 许可内容 / 决定内容. */
  result?: string | null;
  fine?: Fen | null;
  confiscated?: Fen | null;
  licenceSuspended?: string | null;
  projectName?: string | null;
  approvalCategory?: string | null;
  decidedOn: IsoDate;
  validUntil?: IsoDate | null;
  displayUntil: IsoDate;
  authority: string;
  authorityCreditCode?: string | null;
  dataSource?: string | null;
  status?: string | null;
  remarks?: string | null;
}

/** Fen as 万元, exactly (no float): 5,000,000 fen (¥50,000) → "5"; 1,234,567 fen (¥12,345.67) → "1.234567". */
export function fenToWan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 1_000_000);
  const frac = String(abs % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * The national data items of one item, keyed by {@link PUBLICATION_FIELD_HEADERS}, in the order of
 * its kind's set. A natural person's name (party, legal representative) is masked here again, so
 * no caller can publish one in full; a natural person has no credit code.
 */
export function shuangGongshiFields(item: PublicationItemFields): {
  kind: 'penalty' | 'licensing' | 'other';
  fields: { key: PublicationFieldKey; header: string; value: string }[];
} {
  const kind = item.actType === 'penalty' ? 'penalty' : item.actType === 'licensing' ? 'licensing' : 'other';
  const person = item.party.kind === 'person';
  const values: Record<PublicationFieldKey, string> = {
    partyName: publicPartyName({ kind: item.party.kind, name: item.party.name }),
    partyKind: PARTY_KIND_LABELS[item.party.kind],
    creditCode: person ? '' : (item.party.creditCode ?? ''),
    legalRepresentative: item.party.legalRepresentative ? maskPersonName(item.party.legalRepresentative) : '',
    documentNumber: item.documentNumber,
    actType: ACT_TYPE_LABELS[item.actType],
    violationType: item.violationType ?? '',
    violationFacts: item.facts ?? '',
    basis: item.basis ?? '',
    penaltyCategory: (item.sanctionKinds ?? []).map((k) => SANCTION_LABELS[k]).join('、'),
    penaltyContent: item.result ?? '',
    fineWan: item.fine ? fenToWan(item.fine) : '',
    confiscatedWan: item.confiscated ? fenToWan(item.confiscated) : '',
    licenceSuspended: item.licenceSuspended ?? '',
    projectName: item.projectName ?? '',
    approvalCategory: item.approvalCategory ?? '',
    licenceContent: item.result ?? '',
    decisionContent: item.result ?? '',
    decidedOn: item.decidedOn,
    validUntil: item.validUntil ?? '',
    displayUntil: item.displayUntil,
    authority: item.authority,
    authorityCreditCode: item.authorityCreditCode ?? '',
    dataSource: item.dataSource ?? item.authority,
    status: item.status ?? '',
    remarks: item.remarks ?? '',
  };
  return {
    kind,
    fields: PUBLICATION_FIELD_SETS[kind].map(({ key, header }) => ({ key, header, value: values[key] })),
  };
}
