import { ACT_TYPE_LABELS, PARTY_KIND_LABELS } from './case-types';
import { fenAsWanYuan, type PublicDecision } from './public-decision';
import { shanghaiDate } from './shanghai-time';

/**
 * The open-data record of one public decision (PUB-03): the national 双公示 items, in order, with
 * the key integrations read in JSON and the Chinese header of the CSV. A withdrawn decision keeps
 * what identifies it (文号, agency, unit, dates) and its status and reason; its content is empty.
 */
export const OPEN_DATA_FIELDS = [
  ['partyName', '行政相对人名称'],
  ['partyKind', '行政相对人类别'],
  ['creditCode', '统一社会信用代码'],
  ['legalRepresentative', '法定代表人'],
  ['documentNumber', '决定书文号'],
  ['actType', '决定类别'],
  ['facts', '违法事实'],
  ['basis', '决定依据'],
  ['result', '决定内容'],
  ['fineWanYuan', '罚款金额（万元）'],
  ['decisionDate', '决定日期'],
  ['displayEnd', '公示截止期'],
  ['agency', '执法机关'],
  ['unitName', '承办机构'],
  ['responsiblePerson', '公示责任人'],
  ['status', '当前状态'],
  ['withdrawalReason', '撤回原因'],
  ['publishedOn', '公示日期'],
  ['ledgerSeq', '留痕序号'],
  ['leafHash', '留痕校验值'],
  ['url', '详情页'],
] as const;

export type OpenDataKey = (typeof OPEN_DATA_FIELDS)[number][0];
export type OpenDataRecord = Record<OpenDataKey, string | number | null>;

export const OPEN_DATA_HEADERS: readonly string[] = OPEN_DATA_FIELDS.map(([, h]) => h);

export const STATUS_LABEL = { shown: '公示中', withdrawn: '已撤回' } as const;

export function openDataRecord(d: PublicDecision, agency: string, baseUrl: string): OpenDataRecord {
  const w = d.withdrawn;
  return {
    partyName: w ? null : d.partyName,
    partyKind: PARTY_KIND_LABELS[d.partyKind],
    creditCode: w ? null : d.creditCode,
    legalRepresentative: w ? null : d.legalRepresentative,
    documentNumber: d.documentNumber || null,
    actType: ACT_TYPE_LABELS[d.actType],
    facts: w ? null : d.facts,
    basis: w ? null : d.basis,
    result: w ? null : d.result,
    fineWanYuan: w || d.fine === null ? null : fenAsWanYuan(d.fine),
    decisionDate: d.decisionDate,
    displayEnd: d.displayEnd,
    agency,
    unitName: d.unitName,
    responsiblePerson: d.responsiblePerson,
    status: w ? STATUS_LABEL.withdrawn : STATUS_LABEL.shown,
    withdrawalReason: w ? d.withdrawalReason : null,
    publishedOn: shanghaiDate(new Date(d.publishedAt)),
    ledgerSeq: d.ledgerSeq,
    leafHash: d.leafHash,
    url: `${baseUrl}/decisions/${d.id}`,
  };
}

export function openDataRow(r: OpenDataRecord): Array<string | number | null> {
  return OPEN_DATA_FIELDS.map(([k]) => r[k]);
}
