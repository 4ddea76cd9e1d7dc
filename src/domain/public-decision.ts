import { ACT_TYPES, PARTY_KINDS, type ActType, type PartyKind } from './case-types';
import { invalid } from './errors';

/**
 * A decision as the public sees it (PUB-04, PUB-03): only the masked form exists here, read from
 * the public table. A withdrawn decision keeps its 文号, unit and dates; its content is replaced by
 * the withdrawal and its reason wherever it is shown.
 */
export interface PublicDecision {
  id: string;
  actType: ActType;
  /** 文号; empty for a decision published without one. */
  documentNumber: string;
  decisionDate: string;
  unitId: string;
  unitName: string;
  responsiblePerson: string;
  partyKind: PartyKind;
  /** The content: null once the decision is withdrawn (the public table empties it). */
  partyName: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  facts: string | null;
  basis: string | null;
  resultKind: string | null;
  result: string | null;
  /** Fine in fen, when the decision imposes one. */
  fine: number | null;
  displayEnd: string;
  withdrawn: boolean;
  withdrawalReason: string | null;
  withdrawnAt: string | null;
  publishedAt: string;
  ledgerSeq: number;
  /** The publish entry's RFC 6962 leaf hash, hex. */
  leafHash: string;
}

/** What a search asks for; every filter is optional and they combine with AND. */
export interface DecisionFilters {
  q?: string;
  actType?: ActType;
  unitId?: string;
  from?: string;
  to?: string;
  partyKind?: PartyKind;
}

/**
 * The portal counts a search's matches up to this many and shows「2000 条以上」beyond: counting
 * every match of a common two-character term would read a large part of the table for a number
 * nobody pages through.
 */
export const DECISION_COUNT_CAP = 2000;

/** How many decisions a search found: exact up to the cap, `more` beyond it. */
export interface DecisionTotal {
  count: number;
  more: boolean;
}

/** The count as the portal shows it. */
export function totalText(t: DecisionTotal): string {
  return t.more ? `${t.count} 条以上` : `${t.count} 条`;
}

/** The shortest search the 2-gram index can answer (DESIGN.md "Chinese search"). */
export const MIN_QUERY_CHARS = 2;
export const QUERY_TOO_SHORT_MESSAGE = `查询内容至少需要 ${MIN_QUERY_CHARS} 个连续的字（如当事人名称、文号或地点的一部分）`;

/** The query trimmed, or undefined when empty; counted in characters, not UTF-16 units. */
export function normaliseQuery(q: string | undefined): string | undefined {
  const t = (q ?? '').normalize('NFC').trim().replace(/\s+/gu, ' ');
  return t === '' ? undefined : t;
}

export function queryLength(q: string): number {
  return [...q].length;
}

/** Fen as 万元 with up to six decimals (the 双公示 unit for 罚款金额), e.g. 500000 → "0.5". */
export function fenAsWanYuan(fen: number): string {
  const whole = Math.trunc(fen / 1_000_000);
  const rest = String(fen % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}

/**
 * The filters of a portal form or an open-data query string, where an empty field means "any"
 * (a form submits its empty selects). A value outside a list is refused with the field named.
 */
export function parseDecisionQuery(raw: {
  q?: string | undefined;
  actType?: string | undefined;
  unit?: string | undefined;
  partyKind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): DecisionFilters {
  const v = (s: string | undefined) => (s ?? '').trim() || undefined;
  const actType = v(raw.actType);
  if (actType !== undefined && !(ACT_TYPES as readonly string[]).includes(actType))
    throw invalid('VALIDATION', '决定类别不在可选范围内', 'actType');
  const partyKind = v(raw.partyKind);
  if (partyKind !== undefined && !(PARTY_KINDS as readonly string[]).includes(partyKind))
    throw invalid('VALIDATION', '当事人类别不在可选范围内', 'partyKind');
  const q = normaliseQuery(raw.q);
  const unitId = v(raw.unit);
  const from = v(raw.from);
  const to = v(raw.to);
  return {
    ...(q !== undefined && { q }),
    ...(actType !== undefined && { actType: actType as ActType }),
    ...(unitId !== undefined && { unitId }),
    ...(partyKind !== undefined && { partyKind: partyKind as PartyKind }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
  };
}
