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

const SUBJECT_LABELS: Record<string, string> = {
  agency: '执法主体',
  unit: '科室',
  officer: '执法人员',
  certificate: '执法证',
  user: '用户',
  username: '用户名',
  apiToken: 'API 令牌',
  calendarSchedule: '年度安排',
  record: '记录资料',
  retrieval: '调阅',
  system: '系统',
  party: '当事人',
  partyDisclosure: '当事人信息查看',
  powerItem: '权力事项',
  case: '案件',
  step: '执法环节',
  recorder: '执法记录仪',
  flag: '监督事项',
  setting: '设置',
  alert: '期限提醒',
};

/** Ledger action names (without the version) and how the workbench shows them. */
const ACTION_LABELS: Record<string, string> = {
  'agency.created': '创建执法主体',
  'agency.updated': '修改执法主体',
  'auth.login-succeeded': '登录',
  'auth.login-failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'calendar.schedule-imported': '导入年度安排',
  'calendar.schedule-loaded': '载入年度安排（数据包）',
  'unit.created': '新建科室',
  'unit.updated': '修改科室',
  'officer.created': '新增执法人员',
  'officer.updated': '修改执法人员',
  'officer.photo-set': '更新执法人员照片',
  'certificate.issued': '新增执法证',
  'certificate.updated': '修改执法证',
  'certificate.suspended': '暂停执法证',
  'certificate.reinstated': '恢复执法证',
  'certificate.revoked': '吊销执法证',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.password-reset': '重置密码',
  'user.password-changed': '修改本人密码',
  'user.unlocked': '解锁用户',
  'token.created': '创建 API 令牌',
  'token.revoked': '撤销 API 令牌',
  'record.created': '上传记录资料',
  'record.retrieved': '调阅记录资料',
  'record.corrected': '更正记录资料（新版本）',
  'record.alterationRefused': '拒绝修改或删除记录资料',
  'party.created': '登记当事人',
  'party.disclosed': '查看当事人完整信息',
  'powerItem.created': '新增权力事项',
  'powerItem.updated': '修改权力事项',
  'case.filed': '立案',
  'case.transitioned': '案件流转',
  'step.recorded': '记录执法环节',
  'step.completed': '完成执法环节',
  'recorder.registered': '登记执法记录仪',
  'recorder.checkedOut': '领用执法记录仪',
  'recorder.returned': '归还执法记录仪',
  'recorder.statusChanged': '执法记录仪状态变更',
  'settings.avRulesSaved': '修改音像记录规则',
  'alert.raised': '期限提醒',
};

export function subjectLabel(type: string): string {
  return SUBJECT_LABELS[type] ?? type;
}

/**
 * `officer.created@1` → 新增执法人员, whatever the version. Unknown actions are shown as they
 * are: the code is the stable name, and a guessed translation would be worse than none.
 */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action.replace(/@\d+$/, '')] ?? action;
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
