/**
 * The one presenter of restricted records (REC-09, PLT-08). Whoever may not see a record of a
 * restricted class (商业秘密, 个人隐私, 国家秘密) learns that it exists, its class, kind, case, creator
 * and time — never its file name, digests, size, correction reason or AV metadata. Every route
 * that shows a record or an entry about one (the record itself, lists, retention, the case's
 * ledger, the whole ledger) masks through here, so what one hides no other shows.
 */
import { canSeeRecord, PROTECTION_LABELS, type Protection, type Role } from '../domain/policy';
import * as cases from '../repositories/case-repository';
import * as recordRepo from '../repositories/record-repository';
import type { Executor } from '../storage/database';

/** Who is looking, as far as restricted records are concerned. */
export interface RecordViewer {
  roles: readonly Role[];
  officerId: string | null;
}

/** The fields that describe a record's content, in the API's (camelCase) and the rows' names. */
const CONTENT_FIELDS = new Set([
  'fileName',
  'file_name',
  'sha256',
  'sm3',
  'size',
  'av',
  'av_meta',
  'reason',
  'correctionReason',
  'correction_reason',
]);

export function maskedFileName(protection: Protection): string {
  return `（${PROTECTION_LABELS[protection]}，无权查看）`;
}

function maskedValue(key: string, protection: Protection): unknown {
  if (key === 'fileName' || key === 'file_name') return maskedFileName(protection);
  if (key === 'sha256' || key === 'sm3') return '';
  return null;
}

/**
 * An object about a restricted record with its content fields masked; a nested `state` (the row
 * as a ledger entry carries it) is masked the same way.
 */
export function maskRecordFields<T extends Record<string, unknown>>(data: T, protection: Protection): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (CONTENT_FIELDS.has(k)) out[k] = maskedValue(k, protection);
    else if (k === 'state' && v !== null && typeof v === 'object' && !Array.isArray(v))
      out[k] = maskRecordFields(v as Record<string, unknown>, protection);
    else out[k] = v;
  }
  return out as T;
}

export function protectionOf(r: { protection: string | null }): Protection {
  return (r.protection ?? 'internal') as Protection;
}

/**
 * Which of these records the viewer may see in full: public and internal ones always; restricted
 * ones if the viewer is one of the case's officers or holds a role that may see the class.
 */
export async function visibleRecords(
  ex: Executor,
  viewer: RecordViewer,
  rows: ReadonlyArray<{ id: string; case_id: string | null; protection: string | null }>,
): Promise<Set<string>> {
  const visible = new Set<string>();
  const membership = new Map<string, boolean>();
  for (const r of rows) {
    const protection = protectionOf(r);
    if (protection === 'public' || protection === 'internal') {
      visible.add(r.id);
      continue;
    }
    let member = false;
    if (r.case_id !== null && viewer.officerId !== null) {
      const known = membership.get(r.case_id);
      member = known ?? (await cases.isCaseOfficer(ex, r.case_id, viewer.officerId));
      membership.set(r.case_id, member);
    }
    if (canSeeRecord(viewer.roles, protection, member)) visible.add(r.id);
  }
  return visible;
}

/** The records that ledger entries speak of: the subject, or `recordId` in the data. */
export function recordIdOfEntry(e: { subject: { type: string; id: string }; data: Record<string, unknown> }) {
  if (e.subject.type === 'record') return e.subject.id;
  return typeof e.data.recordId === 'string' ? e.data.recordId : null;
}

/** Ledger entries as this viewer may see them: entries about restricted records masked. */
export async function maskEntries<
  E extends { subject: { type: string; id: string }; data: Record<string, unknown> },
>(ex: Executor, viewer: RecordViewer, entries: readonly E[]): Promise<E[]> {
  const ids = [...new Set(entries.map(recordIdOfEntry).filter((id): id is string => id !== null))];
  if (ids.length === 0) return [...entries];
  const rows = await recordRepo.recordAccessRows(ex, ids);
  const visible = await visibleRecords(ex, viewer, rows);
  const protection = new Map(rows.map((r) => [r.id, protectionOf(r)]));
  return entries.map((e) => {
    const id = recordIdOfEntry(e);
    if (id === null || visible.has(id) || !protection.has(id)) return e;
    return { ...e, data: maskRecordFields(e.data, protection.get(id)!) };
  });
}

/**
 * A case-file index entry's title for a viewer who may not see its record: the title names the
 * file (`询问：笔录.pdf`), so the part after the kind is replaced like every masked file name.
 */
export function maskedIndexTitle(title: string, protection: Protection): string {
  const cut = title.indexOf('：');
  return `${cut >= 0 ? title.slice(0, cut + 1) : ''}${maskedFileName(protection)}`;
}
