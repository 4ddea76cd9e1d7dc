import { caseListScope, type CaseAccessUser } from '../domain/case-access';
import { mayOnCase } from './case-access-service';
import { maskRecordFields, protectionOf, visibleRecords, type RecordViewer } from './record-presenter';
import type { ActType, Procedure } from '../domain/case-types';
import {
  addMonths,
  addPeriod,
  DASHBOARD_STATUSES,
  DISPOSAL_STATUS_LABELS,
  disposalStatus,
  MIN_INSPECTION_AV_MONTHS,
  RETENTION_CLASS_LABELS,
  retentionLabel,
  retentionOf,
  undoUntil,
  MARK_LABELS,
  type DashboardStatus,
  type DisposalStatus,
  type Mark,
  type RecordRetention,
  type RetentionSettings,
} from '../domain/retention';
import { shanghaiDate } from '../domain/dates';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import type { Role } from '../domain/policy';
import * as archive from '../repositories/archive-repository';
import * as cases from '../repositories/case-repository';
import * as records from '../repositories/record-repository';
import { displayNames } from '../repositories/user-repository';
import type { Executor } from '../storage/database';
import type { BlobStore } from '../storage/blobs/blob-store';
import type { Row } from '../storage/schema';
import { assertNotArchived } from '../domain/case-open';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';
import { retentionSettings } from './settings-service';
import { RECORD_KIND_LABELS, type RecordKind } from './record-service';

/**
 * Retention and disposal (REC-10). A record's class and due date are derived (domain/retention.ts)
 * from its case, kind and marks. Disposal needs the records keeper's and a leader's approval (two
 * different people), then waits an undo window; only then does the job delete the content from the
 * blob store, writing `record.disposed@1` with the digest and the approvals. The record row and
 * every entry stay. An active legal hold on the record or its case blocks approval and execution.
 */
// ---- one record's standing --------------------------------------------------------------------

type RecordRow = Row<'records'>;
type CaseRow = NonNullable<Awaited<ReturnType<typeof cases.getCase>>>;

interface Standing {
  record: RecordRow;
  case: CaseRow | null;
  retention: RecordRetention;
  marks: Row<'record_marks'>[];
  holds: archive.HoldRow[];
  disposal: Row<'disposals'> | null;
  status: DisposalStatus;
}

/** Reads what decides the records' standing; `ex` may be a transaction. */
async function standings(
  deps: Deps,
  ex: Executor,
  rows: readonly RecordRow[],
  settings: RetentionSettings,
): Promise<Standing[]> {
  const ids = rows.map((r) => r.id);
  const caseIds = [...new Set(rows.map((r) => r.case_id).filter((x): x is string => x !== null))];
  const caseRows = new Map<string, CaseRow>();
  for (const id of caseIds) {
    const c = await cases.getCase(ex, id);
    if (c) caseRows.set(id, c);
  }
  const files = new Map<string, archive.CaseFileRow>();
  for (const id of caseIds) {
    const f = await archive.caseFileOfCase(ex, id);
    if (f) files.set(id, f);
  }
  const marks = await archive.marksOf(ex, ids);
  const holds = await archive.activeHolds(ex, { recordIds: ids, caseIds });
  const disposals = new Map((await archive.liveDisposals(ex, ids)).map((d) => [d.record_id, d]));
  const now = deps.clock.now().toISOString();
  const today = shanghaiDate(deps.clock.now());
  return rows.map((r) => {
    const c = r.case_id ? (caseRows.get(r.case_id) ?? null) : null;
    const f = r.case_id ? files.get(r.case_id) : undefined;
    const m = marks.filter((x) => x.record_id === r.id);
    const retention = retentionOf(
      {
        record: { kind: r.kind, createdOn: shanghaiDate(new Date(r.created_at)) },
        case: c && {
          actType: c.act_type as ActType,
          procedure: c.procedure as Procedure,
          closedOn: c.closed_on,
          archivedOn: f?.state === 'archived' && f.accepted_at ? shanghaiDate(new Date(f.accepted_at)) : null,
        },
        marks: {
          evidence: m.some((x) => x.mark === 'evidence'),
          disputed: m.some((x) => x.mark === 'disputed'),
        },
      },
      settings,
    );
    const h = holds.filter((x) => x.record_id === r.id || (r.case_id !== null && x.case_id === r.case_id));
    const d = disposals.get(r.id) ?? null;
    const status = disposalStatus(
      {
        dueOn: retention.dueOn,
        disposal: d && {
          keeperAt: d.keeper_at,
          leaderAt: d.leader_at,
          undoUntil: d.undo_until,
          disposedAt: d.disposed_at,
        },
        holds: h.length,
      },
      now,
      today,
    );
    return { record: r, case: c, retention, marks: m, holds: h, disposal: d, status };
  });
}

async function userNames(ex: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  return displayNames(ex, [...new Set(ids.filter((x): x is string => x !== null))]);
}

async function itemViews(ex: Executor, ss: readonly Standing[], viewer: RecordViewer) {
  // Restricted records are shown as the one presenter shows them everywhere (REC-09).
  const visible = await visibleRecords(
    ex,
    viewer,
    ss.map((s) => s.record),
  );
  const names = await userNames(
    ex,
    ss.flatMap((s) => [s.disposal?.keeper_by ?? null, s.disposal?.leader_by ?? null]),
  );
  const who = (id: string) => ({ id, name: names.get(id) ?? id });
  return ss.map((s) => {
    const content = {
      fileName: s.record.file_name,
      size: Number(s.record.size) as number | null,
      sha256: s.record.sha256,
    };
    const shown = visible.has(s.record.id) ? content : maskRecordFields(content, protectionOf(s.record));
    return {
      recordId: s.record.id,
      restricted: !visible.has(s.record.id),
      fileName: shown.fileName,
      kind: s.record.kind,
      kindLabel: s.record.kind ? RECORD_KIND_LABELS[s.record.kind as RecordKind] : '记录',
      size: shown.size,
      sha256: shown.sha256,
      createdAt: s.record.created_at,
      caseId: s.case?.id ?? null,
      caseNumber: s.case?.number ?? null,
      caseTitle: s.case?.title ?? null,
      retentionClass: s.retention.class,
      retentionClassLabel: RETENTION_CLASS_LABELS[s.retention.class],
      retentionLabel: retentionLabel(s.retention.period),
      retentionReason: s.retention.reason,
      dueOn: s.retention.dueOn,
      status: s.status,
      marks: s.marks.map((m) => ({ mark: m.mark, reason: m.reason, at: m.created_at })),
      approvals: [
        ...(s.disposal?.keeper_by && s.disposal.keeper_at
          ? [{ role: 'recordsKeeper' as const, user: who(s.disposal.keeper_by), at: s.disposal.keeper_at }]
          : []),
        ...(s.disposal?.leader_by && s.disposal.leader_at
          ? [{ role: 'leader' as const, user: who(s.disposal.leader_by), at: s.disposal.leader_at }]
          : []),
      ],
      disposalId: s.disposal?.id ?? null,
      undoUntil: s.disposal?.undo_until ?? null,
      disposedAt: s.disposal?.disposed_at ?? null,
      holds: s.holds.map((h) => ({
        id: h.id,
        subjectType: h.record_id !== null ? ('record' as const) : ('case' as const),
        reason: h.reason,
        placedBy: { id: h.placed_by, name: h.placed_by_name },
        placedAt: h.placed_at,
      })),
    };
  });
}
export type RetentionItem = Awaited<ReturnType<typeof itemViews>>[number];

async function recordRow(ex: Executor, id: string): Promise<RecordRow> {
  const r = await records.getRecord(ex, id);
  if (!r) throw notFound('RECORD_NOT_FOUND', '记录不存在');
  return r;
}

export async function recordStanding(
  deps: Deps,
  recordId: string,
  viewer: RecordViewer,
): Promise<RetentionItem> {
  const settings = await retentionSettings(deps.db);
  const [s] = await standings(deps, deps.db, [await recordRow(deps.db, recordId)], settings);
  return (await itemViews(deps.db, [s!], viewer))[0]!;
}

// ---- the dashboard ----------------------------------------------------------------------------

/**
 * The records that are, or were, in the disposal pipeline: those whose retention has run out (the
 * job's list), those with a disposal under way or done, and those held. Candidates are found by
 * index (inspection AV of closed inspection cases recorded before the cut-off; case files with a
 * retention in years; disposals; holds), then each is judged by the domain rules.
 */
async function candidates(deps: Deps, settings: RetentionSettings): Promise<RecordRow[]> {
  const today = shanghaiDate(deps.clock.now());
  const months = Math.max(settings.inspectionAvMonths, MIN_INSPECTION_AV_MONTHS);
  // Records created before this instant are at least `months` old (a day's margin for the zone).
  const cutoff = addMonths(today, -months);
  const ids = new Set<string>();
  const av = await archive.closedInspectionAvIds(deps.db, `${cutoff}T23:59:59.999Z`);
  for (const r of av) ids.add(r.id);
  const files = await archive.termCaseFiles(deps.db);
  for (const f of files) {
    const due = f.accepted_at && addPeriod(shanghaiDate(new Date(f.accepted_at)), f.retention as never);
    if (due && due <= today) for (const r of await records.recordIdsOfCase(deps.db, f.case_id)) ids.add(r.id);
  }
  for (const d of await archive.disposalRecordIds(deps.db)) ids.add(d.record_id);
  for (const h of await archive.unreleasedHolds(deps.db)) {
    if (h.record_id) ids.add(h.record_id);
  }
  const rows: RecordRow[] = await records.recordsByIds(deps.db, [...ids].sort());
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function listRetention(
  deps: Deps,
  q: { status?: DashboardStatus; cursor?: string; limit: number },
  viewer: RecordViewer & CaseAccessUser,
) {
  const settings = await retentionSettings(deps.db);
  // Only records of cases the viewer may read (PLT-07); records outside any case stay.
  const readable = new Map<string, boolean>();
  const mine: RecordRow[] = [];
  for (const r of await candidates(deps, settings)) {
    if (r.case_id !== null && !readable.has(r.case_id))
      readable.set(r.case_id, await mayOnCase(deps.db, viewer, 'case.read', r.case_id));
    if (r.case_id === null || readable.get(r.case_id)) mine.push(r);
  }
  const all = await standings(deps, deps.db, mine, settings);
  // A held record counts as held only if it would otherwise be in the pipeline.
  const shown = all.filter((s) => s.status !== 'retained');
  const counts = Object.fromEntries(
    DASHBOARD_STATUSES.map((st) => [st, shown.filter((s) => s.status === st).length]),
  ) as Record<DashboardStatus, number>;
  const chosen = shown
    .filter((s) => (q.status ? s.status === q.status : true))
    .filter((s) => (q.cursor ? s.record.id > q.cursor : true));
  const page = chosen.slice(0, q.limit);
  return {
    items: await itemViews(deps.db, page, viewer),
    nextCursor: chosen.length > q.limit ? page[page.length - 1]!.record.id : null,
    counts,
  };
}

/**
 * The disposals waiting for this user's approval in one approving role (待办): records due or
 * awaiting approval whose approval in that role is still missing, on cases the role may approve
 * disposals of (PLT-07), and not already approved by this user in the other role (two people).
 * Oldest record first; `count` is all of them.
 */
export async function disposalsAwaiting(
  deps: Deps,
  viewer: CaseAccessUser & { userId: string },
  as: Approver,
  limit: number,
) {
  const settings = await retentionSettings(deps.db);
  const role = { ...viewer, roles: [as] };
  const mayApprove = new Map<string, boolean>();
  const mine: RecordRow[] = [];
  for (const r of await candidates(deps, settings)) {
    if (r.case_id !== null && !mayApprove.has(r.case_id))
      mayApprove.set(r.case_id, await mayOnCase(deps.db, role, 'retention.approve', r.case_id));
    if (r.case_id === null || mayApprove.get(r.case_id)) mine.push(r);
  }
  const waiting = (await standings(deps, deps.db, mine, settings)).filter((s) => {
    if (s.status === 'due') return true;
    if (s.status !== 'awaitingApproval' || !s.disposal) return false;
    const d = s.disposal;
    if (d.keeper_by === viewer.userId || d.leader_by === viewer.userId) return false;
    return as === 'recordsKeeper' ? d.keeper_at === null : d.leader_at === null;
  });
  return {
    count: waiting.length,
    items: waiting.slice(0, limit).map((s) => ({
      recordId: s.record.id,
      kindLabel: s.record.kind ? RECORD_KIND_LABELS[s.record.kind as RecordKind] : '记录',
      dueOn: s.retention.dueOn,
      statusLabel: DISPOSAL_STATUS_LABELS[s.status],
      case: s.case && { id: s.case.id, number: s.case.number, title: s.case.title },
    })),
  };
}

// ---- approvals, undo, execution ---------------------------------------------------------------

type Approver = 'recordsKeeper' | 'leader';

/**
 * An approval of a record's disposal by the records keeper or a leader (the role the user has; a
 * user with both approves as the one still missing). Two different people must approve. The
 * second approval starts the undo window.
 */
export async function approveDisposal(
  deps: Deps,
  actor: Actor & { type: 'user' },
  roles: readonly Role[],
  recordId: string,
  viewer: RecordViewer,
): Promise<RetentionItem> {
  const settings = await retentionSettings(deps.db);
  await recordRow(deps.db, recordId);
  await deps.db.transaction().execute(async (trx) => {
    const row = await recordRow(trx, recordId);
    if (row.case_id) await cases.lockCase(trx, row.case_id);
    const [s] = await standings(deps, trx, [row], settings);
    const st = s!;
    if (st.status === 'onHold')
      throw new DomainError(
        'conflict',
        'LEGAL_HOLD',
        `该记录处于法律冻结中（${st.holds[0]!.reason}），不能处置`,
        undefined,
        {
          holds: st.holds.map((h) => ({ id: h.id, reason: h.reason })),
        },
      );
    if (st.status === 'disposed') throw conflict('RECORD_DISPOSED', '该记录内容已处置');
    if (st.status === 'retained')
      throw conflict(
        'RECORD_NOT_DUE',
        st.retention.dueOn
          ? `保管期限至 ${st.retention.dueOn} 届满，尚不能处置（${st.retention.reason}）`
          : `该记录不到处置期（${st.retention.reason}）`,
      );
    if (st.status === 'undoWindow' || st.status === 'ready')
      throw conflict('DISPOSAL_ALREADY_APPROVED', '该记录的处置已获两级批准');
    const d = st.disposal;
    const missing: Approver[] = [
      ...(d?.keeper_at ? [] : (['recordsKeeper'] as const)),
      ...(d?.leader_at ? [] : (['leader'] as const)),
    ];
    const as = missing.find((r) => roles.includes(r));
    if (!as) throw conflict('DISPOSAL_ALREADY_APPROVED', '您所在岗位已批准该处置，尚待另一岗位批准');
    if (d && (d.keeper_by === actor.id || d.leader_by === actor.id))
      throw conflict('SAME_APPROVER', '处置须由综合科和办领导两人分别批准，同一人不能批准两次');
    const at = deps.clock.now().toISOString();
    const patch =
      as === 'recordsKeeper'
        ? { keeper_by: actor.id, keeper_at: at }
        : { leader_by: actor.id, leader_at: at };
    const complete = missing.length === 1;
    const id = d?.id ?? newId(deps.clock);
    const state = complete ? 'approved' : 'awaitingApproval';
    const window = complete ? undoUntil(at, settings.undoDays) : null;
    if (d) await archive.updateDisposal(trx, id, { ...patch, state, undo_until: window });
    else
      await archive.insertDisposal(trx, {
        id,
        record_id: recordId,
        state,
        keeper_by: null,
        keeper_at: null,
        leader_by: null,
        leader_at: null,
        undo_until: window,
        disposed_at: null,
        cancelled_by: null,
        cancelled_at: null,
        cancel_reason: null,
        created_at: at,
        ...patch,
      });
    await appendEntry(
      trx,
      deps,
      actor,
      'disposal.approved@1',
      { type: 'disposal', id },
      {
        recordId,
        as,
        dueOn: st.retention.dueOn,
        retention: st.retention.period,
        ...(window && { undoUntil: window }),
      },
    );
  });
  return recordStanding(deps, recordId, viewer);
}

/** Undoes a disposal before its content is deleted (during the undo window, or still awaiting). */
export async function cancelDisposal(
  deps: Deps,
  actor: Actor & { type: 'user' },
  recordId: string,
  reason: string,
  viewer: RecordViewer,
): Promise<RetentionItem> {
  if (reason.trim().length < 2)
    throw invalid('REASON_REQUIRED', '撤销处置须说明理由（至少 2 个字）', 'reason');
  await deps.db.transaction().execute(async (trx) => {
    const [d] = await archive.liveDisposals(trx, [recordId]);
    if (!d) throw notFound('DISPOSAL_NOT_FOUND', '该记录没有进行中的处置');
    if (d.state === 'disposed') throw conflict('RECORD_DISPOSED', '内容已处置，不能撤销');
    const at = deps.clock.now().toISOString();
    await archive.updateDisposal(trx, d.id, {
      state: 'cancelled',
      cancelled_by: actor.id,
      cancelled_at: at,
      cancel_reason: reason.trim(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'disposal.cancelled@1',
      { type: 'disposal', id: d.id },
      { recordId, reason: reason.trim() },
    );
  });
  return recordStanding(deps, recordId, viewer);
}

/**
 * Carries out approved disposals whose undo window has passed (the job; also `zhifa retention run`).
 * Each in its own transaction: the disposal becomes `disposed` with `record.disposed@1` (digest,
 * size, approvals); after commit the content is deleted unless another live record holds the same
 * bytes. A hold placed meanwhile leaves the disposal waiting.
 */
export async function runDisposals(
  deps: Deps & { blobs: BlobStore },
  limit = 100,
): Promise<{ disposed: string[]; held: string[] }> {
  const settings = await retentionSettings(deps.db);
  const now = deps.clock.now().toISOString();
  const ready = await archive.readyDisposals(deps.db, now, limit);
  const disposed: string[] = [];
  const held: string[] = [];
  for (const d of ready) {
    let sha256: string | null = null;
    await deps.db.transaction().execute(async (trx) => {
      const fresh = await archive.getDisposal(trx, d.id);
      if (fresh?.state !== 'approved') return;
      const row = await recordRow(trx, d.record_id);
      const [s] = await standings(deps, trx, [row], settings);
      if (s!.status !== 'ready') {
        if (s!.status === 'onHold') held.push(row.id);
        return;
      }
      await archive.updateDisposal(trx, d.id, { state: 'disposed', disposed_at: now });
      await appendEntry(
        trx,
        deps,
        { type: 'system', id: 'retention-job' },
        'record.disposed@1',
        { type: 'record', id: row.id },
        {
          disposalId: d.id,
          sha256: row.sha256,
          sm3: row.sm3,
          size: Number(row.size),
          fileName: row.file_name,
          retention: s!.retention.period,
          dueOn: s!.retention.dueOn,
          reason: s!.retention.reason,
          approvals: [
            { role: 'recordsKeeper', userId: d.keeper_by, at: d.keeper_at },
            { role: 'leader', userId: d.leader_by, at: d.leader_at },
          ],
        },
      );
      await appendEntry(
        trx,
        deps,
        { type: 'system', id: 'retention-job' },
        'disposal.executed@1',
        { type: 'disposal', id: d.id },
        { recordId: row.id },
      );
      sha256 = row.sha256;
    });
    if (sha256 === null) continue;
    if (!(await archive.contentStillUsed(deps.db, sha256, d.record_id))) await deps.blobs.delete(sha256);
    disposed.push(d.record_id);
  }
  return { disposed, held };
}

// ---- legal holds and marks --------------------------------------------------------------------

function holdView(h: archive.HoldRow) {
  return {
    id: h.id,
    caseId: h.case_id,
    recordId: h.record_id,
    subjectType: h.record_id !== null ? ('record' as const) : ('case' as const),
    reason: h.reason,
    placedBy: { id: h.placed_by, name: h.placed_by_name },
    placedAt: h.placed_at,
    releasedBy: h.released_by,
    releasedAt: h.released_at,
    releaseReason: h.release_reason,
    active: h.released_at === null,
  };
}
export type HoldView = ReturnType<typeof holdView>;

/** A legal hold (with reason and who) on a case or a record: disposal is blocked until released. */
export async function placeHold(
  deps: Deps,
  actor: Actor & { type: 'user' },
  input: { caseId?: string; recordId?: string; reason: string },
): Promise<HoldView> {
  if ((input.caseId === undefined) === (input.recordId === undefined))
    throw invalid(
      'HOLD_SUBJECT_REQUIRED',
      '请指定冻结的案件或记录（二者选一）',
      input.caseId ? 'recordId' : 'caseId',
    );
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalid('REASON_REQUIRED', '法律冻结须说明理由（至少 2 个字）', 'reason');
  if (input.caseId && !(await cases.getCase(deps.db, input.caseId)))
    throw notFound('CASE_NOT_FOUND', '案件不存在');
  if (input.recordId) await recordRow(deps.db, input.recordId);
  const id = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await archive.insertHold(trx, {
      id,
      case_id: input.caseId ?? null,
      record_id: input.recordId ?? null,
      reason,
      placed_by: actor.id,
      placed_at: deps.clock.now().toISOString(),
      released_by: null,
      released_at: null,
      release_reason: null,
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'legalHold.placed@1',
      { type: 'legalHold', id },
      {
        ...(input.caseId && { caseId: input.caseId }),
        ...(input.recordId && { recordId: input.recordId }),
        reason,
      },
    );
  });
  return holdView((await archive.getHold(deps.db, id))!);
}

export async function releaseHold(
  deps: Deps,
  actor: Actor & { type: 'user' },
  id: string,
  reason: string,
): Promise<HoldView> {
  const r = reason.trim();
  if (r.length < 2) throw invalid('REASON_REQUIRED', '解除冻结须说明理由（至少 2 个字）', 'reason');
  await deps.db.transaction().execute(async (trx) => {
    const h = await archive.getHold(trx, id);
    if (!h) throw notFound('HOLD_NOT_FOUND', '法律冻结不存在');
    if (h.released_at !== null) throw conflict('HOLD_RELEASED', '该法律冻结已解除');
    await archive.updateHold(trx, id, {
      released_by: actor.id,
      released_at: deps.clock.now().toISOString(),
      release_reason: r,
    });
    await appendEntry(trx, deps, actor, 'legalHold.released@1', { type: 'legalHold', id }, { reason: r });
  });
  return holdView((await archive.getHold(deps.db, id))!);
}

export async function listHolds(
  deps: Deps,
  q: { active?: boolean; cursor?: string; limit: number },
  viewer: CaseAccessUser,
) {
  const rows = await archive.listHolds(deps.db, {
    scope: caseListScope(viewer),
    ...(q.active !== undefined && { active: q.active }),
    ...(q.cursor && { afterId: q.cursor }),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return { items: page.map(holdView), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/** Marks a record as evidence or disputed: it moves to its case's retention class (never undone). */
export async function markRecord(
  deps: Deps,
  actor: Actor & { type: 'user' },
  recordId: string,
  input: { mark: Mark; reason: string },
  viewer: RecordViewer,
): Promise<RetentionItem> {
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalid('REASON_REQUIRED', '请说明理由（至少 2 个字）', 'reason');
  await deps.db.transaction().execute(async (trx) => {
    const row = await recordRow(trx, recordId);
    if (!row.case_id) throw invalid('RECORD_NOT_IN_CASE', '只有案件的记录可以标记', 'recordId');
    const c = await cases.lockCase(trx, row.case_id);
    assertNotArchived(c!);
    const [d] = await archive.liveDisposals(trx, [recordId]);
    if (d?.state === 'disposed') throw conflict('RECORD_DISPOSED', '该记录内容已处置');
    if ((await archive.marksOf(trx, [recordId])).some((m) => m.mark === input.mark))
      throw conflict('RECORD_ALREADY_MARKED', `该记录已标记为${MARK_LABELS[input.mark]}`);
    const id = newId(deps.clock);
    await archive.insertMark(trx, {
      id,
      record_id: recordId,
      mark: input.mark,
      reason,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    });
    // A disposal under way stops: the record is now kept with its case file.
    if (d) {
      await archive.updateDisposal(trx, d.id, {
        state: 'cancelled',
        cancelled_by: actor.id,
        cancelled_at: deps.clock.now().toISOString(),
        cancel_reason: `标记为${MARK_LABELS[input.mark]}`,
      });
      await appendEntry(
        trx,
        deps,
        actor,
        'disposal.cancelled@1',
        { type: 'disposal', id: d.id },
        { recordId, reason: `标记为${MARK_LABELS[input.mark]}` },
      );
    }
    await appendEntry(
      trx,
      deps,
      actor,
      'record.marked@1',
      { type: 'record', id: recordId },
      { mark: input.mark, reason, markId: id },
    );
  });
  return recordStanding(deps, recordId, viewer);
}

/** Whether a record's content was disposed of (retrieval answers 410, the verifier does not miss it). */
export async function isDisposed(ex: Executor, recordId: string): Promise<boolean> {
  const [d] = await archive.liveDisposals(ex, [recordId]);
  return d?.state === 'disposed';
}
