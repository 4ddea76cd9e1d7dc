/**
 * A ledger entry's data as people read it: a list of Chinese label/value pairs (PLT-06). Field
 * names come from the catalogue (`ledger-labels.ts`), enumerations through the label tables of
 * their vocabularies, dates as 2026年12月5日 and instants in Beijing time; ids become the names the
 * caller looked up, or are left out. Never an English code, an id or JSON: a value the catalogue
 * cannot read is left out (the raw data stays in the API for integrations).
 */
import { PROCEDURE_LABELS, SANCTION_LABELS, type Procedure, type SanctionKind } from './case-types';
import { ledgerFieldSpec, type FieldSpec, type LedgerRefKind } from './ledger-labels';
import { formatYuan } from './money';
import { ROLE_LABELS, type Role } from './policy';
import { retentionLabel, type RetentionPeriod } from './retention';
import { chineseDate, chineseDateTime, isIsoDate } from './shanghai-time';

export interface LedgerDetail {
  label: string;
  value: string;
}

/** Names of the things an entry's ids point to, as the viewer may see them. */
export interface LedgerRefs {
  name(kind: LedgerRefKind, id: string): string | undefined;
}

export interface DetailEntry {
  action: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];

/** 1536 → 1.5 KB. */
export function bytesText(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return `${n} 字节`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function dateText(v: unknown): string | undefined {
  const s = str(v);
  return s && isIsoDate(s) ? chineseDate(s) : undefined;
}
function instantText(v: unknown): string | undefined {
  const s = str(v);
  if (!s || !/^\d{4}-\d{2}-\d{2}T/.test(s)) return undefined;
  const out = chineseDateTime(s);
  return out === s ? undefined : out;
}

function sanctionText(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  const fine = typeof v.fine === 'number' ? v.fine : 0;
  const confiscated = typeof v.confiscated === 'number' ? v.confiscated : 0;
  const parts = strings(v.kinds).map((k) => {
    const label = SANCTION_LABELS[k as SanctionKind];
    if (!label) return '';
    if (k === 'fine' && fine > 0) return `${label} ${formatYuan(fine)}`;
    if (k === 'confiscation' && confiscated > 0) return `${label}（价值 ${formatYuan(confiscated)}）`;
    return label;
  });
  return parts.filter(Boolean).join('；') || undefined;
}

function special(kind: Extract<FieldSpec, { as: 'special' }>['kind'], v: unknown, refs: LedgerRefs) {
  switch (kind) {
    case 'sanction':
      return sanctionText(v);
    case 'retention':
      return typeof v === 'string' && /^(permanent|\d+[ym])$/.test(v)
        ? retentionLabel(v as RetentionPeriod)
        : undefined;
    case 'calendarNote':
      return typeof v === 'string' && v !== '' && !/^[\w.-]+@[\d.]+$/.test(v) ? v : undefined;
    case 'range': {
      const m = typeof v === 'string' ? /^(\d+)-(\d+)$/.exec(v) : null;
      return m ? `第 ${m[1]}–${m[2]} 字节` : undefined;
    }
    case 'cause': {
      const m = typeof v === 'string' ? /^step:(.+)$/.exec(v) : null;
      const step = m?.[1] ? refs.name('step', m[1]) : undefined;
      return step ? `执法环节：${step}` : undefined;
    }
    case 'av': {
      if (!isObj(v)) return undefined;
      const recorder =
        str(v.recorderNumber) ??
        (str(v.recorderId) ? refs.name('recorder', v.recorderId as string) : undefined);
      const from = instantText(v.startedAt);
      const to = instantText(v.endedAt);
      const officers = strings(v.officerIds)
        .map((id) => refs.name('officer', id))
        .filter(Boolean);
      return (
        [
          recorder && `执法记录仪 ${recorder}`,
          from && to && `${from} 至 ${to}`,
          str(v.place) && `地点 ${v.place as string}`,
          officers.length > 0 && `执法人员 ${officers.join('、')}`,
        ]
          .filter(Boolean)
          .join('，') || undefined
      );
    }
    case 'approvals': {
      if (!Array.isArray(v)) return undefined;
      const parts = v.filter(isObj).map((a) => {
        const role = ROLE_LABELS[a.role as Role] ?? '';
        const who = str(a.userId) ? refs.name('user', a.userId as string) : undefined;
        const at = instantText(a.at);
        return [role, who, at && `（${at}）`].filter(Boolean).join(' ');
      });
      return parts.filter(Boolean).join('；') || undefined;
    }
    case 'rules': {
      if (!Array.isArray(v)) return undefined;
      const labels = v
        .filter(isObj)
        .map((r) => str(r.label))
        .filter(Boolean);
      return labels.length > 0 ? `共 ${labels.length} 条：${labels.join('；')}` : undefined;
    }
    case 'paymentBank': {
      if (!isObj(v)) return undefined;
      const parts = [
        str(v.bankName) && `开户银行：${str(v.bankName)}`,
        str(v.accountName) && `户名：${str(v.accountName)}`,
        str(v.accountNumber) && `账号：${str(v.accountNumber)}`,
      ].filter(Boolean);
      return parts.length > 0 ? parts.join('，') : '（已清空）';
    }
    case 'majorDecisionSettings': {
      if (!isObj(v)) return undefined;
      const parts: string[] = [];
      const t = isObj(v.thresholds) ? v.thresholds : {};
      const yuan = (k: string, label: string) => {
        if (typeof t[k] === 'number') parts.push(`${label} ${formatYuan(t[k])}`);
      };
      yuan('person', '个人罚款标准');
      yuan('organisation', '单位罚款标准');
      yuan('confiscation', '没收较大价值标准');
      const kinds = strings(v.licenceKinds);
      if (Array.isArray(v.licenceKinds))
        parts.push(`所列行政许可 ${kinds.length} 项${kinds.length > 0 ? `：${kinds.join('、')}` : ''}`);
      const r = isObj(v.reviewPeriods) ? v.reviewPeriods : {};
      if (typeof r.reviewWorkingDays === 'number') parts.push(`审核期限 ${r.reviewWorkingDays} 个工作日`);
      if (typeof r.extensionWorkingDays === 'number') parts.push(`可延长 ${r.extensionWorkingDays} 个工作日`);
      return parts.join('；') || undefined;
    }
    case 'retentionSettings': {
      if (!isObj(v)) return undefined;
      const parts: string[] = [];
      if (isObj(v.byProcedure))
        for (const [p, period] of Object.entries(v.byProcedure)) {
          const label = PROCEDURE_LABELS[p as Procedure];
          const r = special('retention', period, refs);
          if (label && r) parts.push(`${label}案卷 ${r}`);
        }
      const d = special('retention', v.default, refs);
      if (d) parts.push(`其他案卷 ${d}`);
      if (typeof v.inspectionAvMonths === 'number')
        parts.push(`检查音像记录至少保存 ${v.inspectionAvMonths} 个月`);
      if (typeof v.undoDays === 'number') parts.push(`处置撤销期 ${v.undoDays} 日`);
      return parts.join('；') || undefined;
    }
    case 'exportClaim':
      return isObj(v) && typeof v.entries === 'number' ? `导出前有关本案的留痕 ${v.entries} 条` : undefined;
    case 'checks': {
      if (!isObj(v)) return undefined;
      const names: Array<[string, string]> = [
        ['authenticity', '真实性'],
        ['integrity', '完整性'],
        ['usability', '可用性'],
        ['security', '安全性'],
      ];
      const passed = names.filter(([k]) => v[k] === true).map(([, l]) => l);
      const files =
        typeof v.records === 'number'
          ? `文件 ${v.records} 个${typeof v.bytes === 'number' ? `，共 ${bytesText(v.bytes)}` : ''}`
          : '';
      return (
        [passed.length > 0 && `${passed.join('、')}检测通过`, files].filter(Boolean).join('；') || undefined
      );
    }
  }
}

/** One value by its spec; undefined when it cannot be shown in Chinese (then the row is left out). */
export function detailValue(spec: FieldSpec, v: unknown, refs: LedgerRefs): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  switch (spec.as) {
    case 'omit':
      return undefined;
    case 'text':
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
      if (typeof v === 'boolean') return v ? '是' : '否';
      return undefined;
    case 'date':
      return dateText(v);
    case 'instant':
      return instantText(v) ?? dateText(v);
    case 'money':
      return typeof v === 'number' ? formatYuan(v) : undefined;
    case 'bool':
      return typeof v === 'boolean' ? (v ? '是' : '否') : undefined;
    case 'number':
      return typeof v === 'number' ? `${v}${spec.unit ? ` ${spec.unit}` : ''}` : undefined;
    case 'bytes':
      return typeof v === 'number' ? bytesText(v) || undefined : undefined;
    case 'enum':
      return typeof v === 'string'
        ? spec.labels[v]
        : typeof v === 'boolean'
          ? spec.labels[String(v)]
          : undefined;
    case 'enumList': {
      const out = strings(v).map((x) => spec.labels[x]);
      return out.length > 0 && out.every(Boolean) ? out.join('、') : undefined;
    }
    case 'textList': {
      const out = strings(v);
      return out.length > 0 ? out.join('；') : undefined;
    }
    case 'dateList': {
      const out = strings(v).map((d) => dateText(d) ?? '');
      return out.length > 0 ? `${out.length} 天：${out.filter(Boolean).join('、')}` : '无';
    }
    case 'ref':
      return typeof v === 'string' ? refs.name(spec.ref, v) : undefined;
    case 'refList': {
      const out = strings(v)
        .map((id) => refs.name(spec.ref, id))
        .filter((x): x is string => x !== undefined);
      return out.length > 0 ? out.join('、') : undefined;
    }
    case 'special':
      return special(spec.kind, v, refs);
  }
}

/** Fields shown first, in this order; the others follow in the data's order. */
const DETAIL_ORDER = [
  'caseId',
  'action',
  'from',
  'to',
  'outcome',
  'result',
  'sanction',
  'decision',
  'opinion',
  'reason',
  'urgentReason',
  'kind',
  'number',
  'name',
  'title',
  'occurredOn',
  'occurredAt',
  'place',
  'inField',
  'officerIds',
];

/**
 * The entry's data as label/value pairs, in the order of the data. `caseId` may be left out where
 * the case is shown beside the entry already.
 */
export function ledgerDetails(
  e: DetailEntry,
  refs: LedgerRefs,
  opts: { omitCaseId?: string | null } = {},
): LedgerDetail[] {
  const out: LedgerDetail[] = [];
  // Stored data is canonical JSON (keys sorted); people read the act first, then the rest.
  const rank = (k: string) => (DETAIL_ORDER.indexOf(k) + DETAIL_ORDER.length + 1) % (DETAIL_ORDER.length + 1);
  const keys = Object.keys(e.data).sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    const v = e.data[key];
    if (key === 'caseId' && opts.omitCaseId && v === opts.omitCaseId) continue;
    const spec = ledgerFieldSpec(e.action, e.subject.type, key);
    if (!spec) continue;
    const value = detailValue(spec, v, refs);
    if (value !== undefined && value !== '') out.push({ label: spec.label, value });
  }
  return out;
}

/** The ids an entry's data names, by kind, for the caller to look up in one go. */
export function ledgerRefIds(e: DetailEntry, into: Map<LedgerRefKind, Set<string>>): void {
  const add = (kind: LedgerRefKind, id: unknown) => {
    if (typeof id !== 'string' || id === '') return;
    let set = into.get(kind);
    if (!set) into.set(kind, (set = new Set()));
    set.add(id);
  };
  for (const [key, v] of Object.entries(e.data)) {
    const spec = ledgerFieldSpec(e.action, e.subject.type, key);
    if (!spec) continue;
    if (spec.as === 'ref') add(spec.ref, v);
    else if (spec.as === 'refList') for (const id of strings(v)) add(spec.ref, id);
    else if (spec.as === 'special' && spec.kind === 'cause' && typeof v === 'string' && v.startsWith('step:'))
      add('step', v.slice(5));
    else if (spec.as === 'special' && spec.kind === 'av' && isObj(v)) {
      for (const id of strings(v.officerIds)) add('officer', id);
      if (!str(v.recorderNumber)) add('recorder', v.recorderId);
    } else if (spec.as === 'special' && spec.kind === 'approvals' && Array.isArray(v))
      for (const a of v) if (isObj(a)) add('user', a.userId);
  }
}
