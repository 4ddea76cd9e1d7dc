import { formatYuan } from '../../src/domain/money';
import { shanghaiClock, shanghaiDate } from '../../src/domain/shanghai-time';
import { ApiError } from './api';
import { shanghaiToday, type TagColor } from './format';
import type { DeadlineStatus } from '../../src/domain/case-deadlines';
import type { PartyKind, RecordKind } from '../../src/domain/case-types';
import type {
  FenBand,
  FineStandard,
  PowerItem,
  Step,
  TimelineTransition,
} from '../../src/http/routes/cases.schema';
import type { RecordView } from '../../src/http/routes/records.schema';

/**
 * Pure helpers for cases: money (the API counts in fen, people in yuan), fine bands, deadline
 * tags, the order of the timeline, record versions, Shanghai wall-clock times for inputs.
 */

// ---- money ----

/** Yuan as typed (at most two decimals) → integer fen; null for anything that is not an amount. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const text = typeof yuan === 'number' ? String(yuan) : yuan.trim().replace(/,/g, '');
  // Decimal arithmetic on the digits: 0.29 × 100 is 28.999… in floating point.
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Integer fen → yuan as a number (for an input's initial value). */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

export { formatYuan } from '../../src/domain/money';

export function bandText(band: FenBand): string {
  return band.min === 0 ? `${formatYuan(band.max)}以下` : `${formatYuan(band.min)}至${formatYuan(band.max)}`;
}

/**
 * A power item's statutory fine band for a party kind (null: no fine), as the server computes and
 * checks it (`penalty-rules.ts`); the workbench only shows it.
 */
export function itemBand(item: Pick<PowerItem, 'legalBands'>, partyKind: PartyKind): FenBand | null {
  return item.legalBands[partyKind];
}

const PARTY_KIND_SHORT: Record<PartyKind, string> = { person: '自然人', organisation: '法人或其他组织' };

/** 法定罚款幅度 for both party kinds, e.g. `自然人：5,000元以下；法人或其他组织：10,000元至50,000元`. */
export function legalBandsText(item: Pick<PowerItem, 'legalBands'>): string {
  const parts = (['person', 'organisation'] as const).map((k) => {
    const band = itemBand(item, k);
    return `${PARTY_KIND_SHORT[k]}：${band ? bandText(band) : '不设罚款'}`;
  });
  return parts.join('；');
}

/** What one grade of a benchmark allows, in words. */
export function standardText(st: FineStandard): string {
  switch (st.kind) {
    case 'none':
      return '不予罚款';
    case 'band':
      return (['person', 'organisation'] as const)
        .filter((k) => st[k])
        .map((k) => `${PARTY_KIND_SHORT[k]} ${bandText(st[k]!)}`)
        .join('；');
    case 'perUnit':
      return `每${st.unit} ${formatYuan(st.perUnit)}${st.min ? `，不低于${formatYuan(st.min)}` : ''}，最高${formatYuan(st.cap)}`;
  }
}

export const GRADE_LABELS: Record<string, string> = {
  none: '不予处罚',
  lenient: '从轻',
  ordinary: '一般',
  severe: '从重',
};

// ---- tags ----

export const DEADLINE_STATUS: Record<DeadlineStatus, { label: string; color: TagColor }> = {
  met: { label: '已按期办结', color: 'green' },
  late: { label: '逾期办结', color: 'orange' },
  overdue: { label: '已逾期', color: 'red' },
  dueSoon: { label: '即将到期', color: 'orange' },
  pending: { label: '未到期', color: 'blue' },
};

/** Colour of a case's state tag: closed cases (as the server says) grey, the rest blue. */
export function stateColor(closed: boolean): TagColor {
  return closed ? 'default' : 'blue';
}

/** A due date that has passed (Shanghai) and is still open. */
export function isOverdue(due: string | null, today: string = shanghaiToday()): boolean {
  return due !== null && due < today;
}

// ---- timeline ----

export type TimelineEntry =
  | { type: 'filed'; key: string; at: string; filedOn: string }
  | { type: 'transition'; key: string; at: string; transition: TimelineTransition }
  | { type: 'step'; key: string; at: string; step: Step };

/** The Asia/Shanghai date of an instant, YYYY-MM-DD. */
export function shanghaiDateOf(instant: string): string {
  return shanghaiDate(new Date(instant));
}

/** An instant to the whole second (a step's time is entered to the second). */
function toSecond(instant: string): string {
  const ms = new Date(instant).getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/**
 * When a transition happened, as an instant: the time it was recorded when that was on the day it
 * took place, otherwise the end of the (earlier) day it names.
 */
function actInstant(recordedAt: string, occurredOn: string): string {
  return shanghaiDateOf(recordedAt) === occurredOn
    ? toSecond(recordedAt)
    : new Date(`${occurredOn}T23:59:59+08:00`).toISOString();
}

/**
 * The filing, the transitions and the steps in the order they happened (oldest first), to the
 * second; in the same second an act comes before a step (a step is recorded after the act that
 * opened it).
 */
export function timelineEntries(
  steps: readonly Step[],
  transitions: readonly TimelineTransition[],
  filed?: { createdAt: string; filedOn: string },
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...(filed
      ? [
          {
            type: 'filed' as const,
            key: 'filed',
            at: actInstant(filed.createdAt, filed.filedOn),
            filedOn: filed.filedOn,
          },
        ]
      : []),
    ...transitions.map((t): TimelineEntry => ({
      type: 'transition',
      key: `t:${t.id}`,
      at: actInstant(t.at, t.occurredOn),
      transition: t,
    })),
    ...steps.map((s): TimelineEntry => ({
      type: 'step',
      key: `s:${s.id}`,
      at: toSecond(s.occurredAt),
      step: s,
    })),
  ];
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map((x) => x.e);
}

// ---- records ----

export interface RecordChain {
  /** The newest version: the one that counts, and the one a correction must name. */
  latest: RecordView;
  /** Older versions, newest first. */
  history: RecordView[];
}

/** A step's records as chains of versions (by root), in the order the chains began. */
export function recordChains(records: readonly RecordView[]): RecordChain[] {
  const byRoot = new Map<string, RecordView[]>();
  for (const r of records) {
    const list = byRoot.get(r.rootId) ?? [];
    list.push(r);
    byRoot.set(r.rootId, list);
  }
  return [...byRoot.values()].map((list) => {
    const sorted = [...list].sort((a, b) => b.version - a.version);
    return { latest: sorted[0]!, history: sorted.slice(1) };
  });
}

/** Records grouped by the step they record. */
export function recordsByStep(records: readonly RecordView[]): Map<string, RecordView[]> {
  const out = new Map<string, RecordView[]>();
  for (const r of records) {
    if (!r.stepId) continue;
    const list = out.get(r.stepId) ?? [];
    list.push(r);
    out.set(r.stepId, list);
  }
  return out;
}

/** Which kinds of record a file of this type may be, as the server checks it. */
export function kindFits(kind: RecordKind, mime: string): boolean {
  const t = (mime.split(';')[0] ?? '').trim().toLowerCase();
  switch (kind) {
    case 'text':
      return t.startsWith('text/') || t === 'application/pdf';
    case 'scan':
      return t.startsWith('image/') || t === 'application/pdf';
    case 'document':
      return t !== '' && !t.startsWith('audio/') && !t.startsWith('video/');
    case 'photo':
      return t.startsWith('image/');
    case 'audio':
      return t.startsWith('audio/');
    case 'video':
      return t.startsWith('video/');
  }
}

/** The likely kind of a record from its file type. */
export function guessRecordKind(mime: string): RecordKind {
  const t = mime.toLowerCase();
  if (t.startsWith('video/')) return 'video';
  if (t.startsWith('audio/')) return 'audio';
  if (t.startsWith('image/')) return 'photo';
  if (t.startsWith('text/')) return 'text';
  return 'document';
}

export const isAvKind = (kind: RecordKind | null | undefined): boolean =>
  kind === 'audio' || kind === 'video';

// ---- times ----

/**
 * An instant as the value of a datetime-local input in Shanghai wall-clock time
 * (2026-11-25T10:20, or 2026-11-25T10:20:05 with seconds).
 */
export function shanghaiLocalInput(instant: Date, seconds = false): string {
  const p = shanghaiClock(instant);
  const s = seconds ? `:${String(instant.getUTCSeconds()).padStart(2, '0')}` : '';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}${s}`;
}

/** A datetime-local value read as Shanghai wall-clock time → ISO instant with +08:00; null if invalid. */
export function shanghaiInputToIso(value: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value ?? '');
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

// ---- errors and search ----

/**
 * A case asked for by an id that cannot be one (`/cases/abc`: the server refuses the malformed id
 * with 400 on the field `id`) is missing as surely as an unknown one (404 CASE_NOT_FOUND): both
 * are shown as 案件不存在, without a 重试 that could never succeed. Other errors pass unchanged.
 */
export function caseNotFoundError(err: unknown): unknown {
  if (err instanceof ApiError && err.status === 400 && err.field === 'id')
    return new ApiError(404, 'CASE_NOT_FOUND', '案件不存在，请检查网址或从案件列表进入', 'id');
  return err;
}

/**
 * The same error with its field renamed to the form's (e.g. `sanction.fine` → `fineYuan`), so that
 * the form shows it beside the field it belongs to. Unknown fields stay as they are.
 */
export function remapErrorField(err: unknown, map: Record<string, string>): unknown {
  if (!(err instanceof ApiError) || !err.field) return err;
  const head = /^[^[.]+/.exec(err.field)?.[0] ?? err.field;
  const to = map[err.field] ?? map[head];
  if (!to) return err;
  return new ApiError(err.status, err.code, err.message, to, err.details);
}

/** The lines of an error that lists its problems (`details.problems[].message`), message first. */
export function errorWithProblems(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const problems = err.details?.problems;
  if (!Array.isArray(problems)) return err;
  const lines = problems
    .map((p: unknown) =>
      typeof p === 'object' && p !== null ? (p as { message?: unknown }).message : undefined,
    )
    .filter((m): m is string => typeof m === 'string');
  if (lines.length === 0) return err;
  return new ApiError(err.status, err.code, `${err.message}：${lines.join('；')}`, err.field, err.details);
}

/** A search text that is an ID number or credit code (searched by number, not by name). */
export function looksLikeIdNumber(q: string): boolean {
  return /^[0-9A-Za-z]{15,18}$/.test(q.trim()) && /\d{6}/.test(q);
}
