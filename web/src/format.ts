import { chineseDateTime, isIsoDate, shanghaiDate } from '../../src/domain/shanghai-time';
import type { Role, User } from '../../src/http/routes/auth.schema';
import type { Lockout } from '../../src/http/routes/users.schema';
import type { CertificateStanding } from '../../src/domain/certificate';

/**
 * Pure display helpers. Dates are ISO strings (`YYYY-MM-DD`) and are handled as strings or as
 * UTC readings so that the browser's zone never shifts a day; instants are shown in Asia/Shanghai
 * (`src/domain/shanghai-time.ts`, the server's own copy).
 */

export { chineseDate, chineseDateTime, isIsoDate } from '../../src/domain/shanghai-time';

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiDate(now);
}

export type TagColor = 'green' | 'orange' | 'red' | 'blue' | 'default';

/** Colour of a certificate's standing tag. The label itself comes from the server. */
export function standingColor(standing: CertificateStanding): TagColor {
  switch (standing) {
    case 'valid':
      return 'green';
    case 'expired':
    case 'suspended':
      return 'orange';
    case 'revoked':
      return 'red';
    case 'notYetValid':
      return 'blue';
  }
}

/** Fallback labels, used only until /api/meta/roles has answered. */
export const ROLE_LABELS: Record<Role, string> = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  recordsKeeper: '综合科（档案与装备）',
  leader: '办领导',
  supervisor: '监督人员',
  admin: '系统管理员',
};

export interface UserStatus {
  kind: 'disabled' | 'locked' | 'active';
  label: string;
  color: TagColor;
}

/** 停用 outranks 已锁定: a disabled account stays unusable after the lock runs out. */
export function userStatus(user: Pick<User, 'disabled' | 'lockedUntil'>, now: Date = new Date()): UserStatus {
  if (user.disabled) return { kind: 'disabled', label: '停用', color: 'default' };
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) {
    return { kind: 'locked', label: `已锁定至 ${chineseDateTime(user.lockedUntil)}`, color: 'red' };
  }
  return { kind: 'active', label: '正常', color: 'green' };
}

/**
 * The lock-outs still in force, one line each, latest first: failed logins are counted per client
 * address, so an account can be locked for one network and open for the others.
 */
export function lockoutLines(lockouts: readonly Lockout[], now: Date = new Date()): string[] {
  return lockouts
    .filter((l) => new Date(l.until).getTime() > now.getTime())
    .sort((a, b) => b.until.localeCompare(a.until))
    .map((l) => `来自 ${l.source} 的登录锁定至 ${chineseDateTime(l.until)}`);
}

/**
 * The weeks of one month, Monday first, as ISO dates with `null` padding.
 * `month` is 1–12.
 */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) {
    cells.push(
      `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** True for Saturday and Sunday. */
export function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

export type ParsedSchedule =
  | { ok: true; value: { year: number; holidays: string[]; workdays: string[]; note?: string } }
  | { ok: false; message: string };

/** Checks the shape of a pasted yearly schedule before it is sent; the server checks the rest. */
export function parseSchedule(text: string): ParsedSchedule {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: '不是有效的 JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: '应为一个对象：{ "year": …, "holidays": […], "workdays": […] }' };
  }
  const o = raw as Record<string, unknown>;
  if (typeof o.year !== 'number' || !Number.isInteger(o.year))
    return { ok: false, message: 'year 应为整数年份' };
  const lists: Record<'holidays' | 'workdays', string[]> = { holidays: [], workdays: [] };
  for (const key of ['holidays', 'workdays'] as const) {
    const v = o[key] ?? [];
    if (!Array.isArray(v)) return { ok: false, message: `${key} 应为日期数组` };
    for (const [i, d] of v.entries()) {
      if (typeof d !== 'string' || !isIsoDate(d))
        return { ok: false, message: `${key}[${i}] 不是 YYYY-MM-DD 日期` };
      lists[key].push(d);
    }
  }
  const value: { year: number; holidays: string[]; workdays: string[]; note?: string } = {
    year: o.year,
    holidays: lists.holidays,
    workdays: lists.workdays,
  };
  if (typeof o.note === 'string') value.note = o.note;
  return { ok: true, value };
}

/**
 * Which form field a server error belongs to: `name` → `name`; `domains[1]` → `domains`; a field
 * the form does not have → null (shown in the form's alert instead).
 */
export function formFieldFor(field: string | undefined, known: readonly string[]): string | null {
  if (!field) return null;
  if (known.includes(field)) return field;
  const head = /^[^[.]+/.exec(field)?.[0];
  return head && known.includes(head) ? head : null;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** 2026-04-16 → 星期四. */
export function chineseWeekday(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}
