/**
 * Pure helpers for case files (案卷) and retention (保管期限): the index by volume, status labels,
 * approvals, what an intake must explain. No DOM, no clock.
 */
import type {
  CaseFileIndexItem,
  CaseFileView,
  DisposalApproval,
  RetentionItem,
  RetentionStatus,
  Volume,
} from '../../src/http/routes/archives.schema';
import type { TagColor } from './format';

export const VOLUME_LABELS: Record<Volume, string> = { main: '正卷', sub: '副卷' };

/** The 卷内目录 split into 正卷 and 副卷, each in its order. */
export function indexByVolume(index: readonly CaseFileIndexItem[]): Record<Volume, CaseFileIndexItem[]> {
  const out: Record<Volume, CaseFileIndexItem[]> = { main: [], sub: [] };
  for (const item of index) out[item.volume === 'sub' ? 'sub' : 'main'].push(item);
  out.main.sort((a, b) => a.order - b.order);
  out.sub.sort((a, b) => a.order - b.order);
  return out;
}

/** Pages of a volume when every item has a count; null when any is unknown. */
export function volumePages(items: readonly CaseFileIndexItem[]): number | null {
  let n = 0;
  for (const i of items) {
    if (i.pages === null) return null;
    n += i.pages;
  }
  return n;
}

export const CASE_FILE_STATE: Record<'pending' | 'archived', { label: string; color: TagColor }> = {
  pending: { label: '待接收', color: 'orange' },
  archived: { label: '已归档', color: 'green' },
};

/** Shortest note the server takes when an intake has something missing. */
export const NOTE_MIN_CHARS = 2;

/** Whether 接收归档 needs a note: something is missing, or a document lacks the party's signature. */
export function acceptNeedsNote(cf: Pick<CaseFileView, 'missing' | 'unsigned'>): boolean {
  return cf.missing.length > 0 || cf.unsigned.length > 0;
}

/** The lines of `details.missing` in a CASE_FILE_INCOMPLETE refusal (`{ code, message }` or text). */
export function missingLines(details: unknown): string[] {
  const missing = (details as { missing?: unknown } | undefined)?.missing;
  if (!Array.isArray(missing)) return [];
  return missing.flatMap((m: unknown) => {
    if (typeof m === 'string') return [m];
    if (typeof m === 'object' && m !== null) {
      const { message, code } = m as { message?: unknown; code?: unknown };
      if (typeof message === 'string') return [message];
      if (typeof code === 'string') return [code];
    }
    return [];
  });
}

/** How many restricted records a case file holds (REC-09), and a line naming them; null if none. */
export function restrictedText(r: CaseFileView['restricted']): string | null {
  const parts = [
    r.stateSecret > 0 ? `国家秘密 ${r.stateSecret} 件` : null,
    r.tradeSecret > 0 ? `商业秘密 ${r.tradeSecret} 件` : null,
    r.privacy > 0 ? `个人隐私 ${r.privacy} 件` : null,
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? parts.join('、') : null;
}

/** Years to search archived files by, newest first. */
export function yearOptions(currentYear: number, back = 10): number[] {
  return Array.from({ length: back + 1 }, (_, i) => currentYear - i);
}

// ---- retention ----

export const RETENTION_STATUSES: readonly RetentionStatus[] = [
  'due',
  'awaitingApproval',
  'undoWindow',
  'ready',
  'onHold',
  'disposed',
];

export const RETENTION_STATUS: Record<RetentionStatus, { label: string; color: TagColor }> = {
  due: { label: '已到期', color: 'orange' },
  awaitingApproval: { label: '待审批', color: 'blue' },
  undoWindow: { label: '撤销期内', color: 'red' },
  // The undo window is over; the disposal job deletes the content within a minute.
  ready: { label: '待执行处置', color: 'red' },
  onHold: { label: '冻结中', color: 'default' },
  disposed: { label: '已处置', color: 'default' },
};

/** The tag of a status; one this workbench does not know is shown as it comes. */
export function retentionStatus(status: string): { label: string; color: TagColor } {
  return RETENTION_STATUS[status as RetentionStatus] ?? { label: status, color: 'default' };
}

export const APPROVAL_ROLES: readonly { role: DisposalApproval['role']; label: string }[] = [
  { role: 'recordsKeeper', label: '综合科' },
  { role: 'leader', label: '办领导' },
];

export function approvalOf(
  item: Pick<RetentionItem, 'approvals'>,
  role: DisposalApproval['role'],
): DisposalApproval | null {
  return item.approvals.find((a) => a.role === role) ?? null;
}

/**
 * Whether 批准处置 is offered: the record is due or awaits the other approval, and this user has
 * not approved it yet (the server decides in which role, and refuses what does not fit).
 */
export function canApproveDisposal(
  item: Pick<RetentionItem, 'status' | 'approvals'>,
  userId: string,
): boolean {
  if (item.status !== 'due' && item.status !== 'awaitingApproval') return false;
  return !item.approvals.some((a) => a.user.id === userId);
}

/** Whether 设置法律冻结 is offered for a row (not already held, not gone). */
export function canPlaceHold(item: Pick<RetentionItem, 'status'>): boolean {
  return item.status !== 'onHold' && item.status !== 'disposed';
}
