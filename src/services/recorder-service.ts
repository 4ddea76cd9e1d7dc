import { RECORDER_STATUS_LABELS, type RecorderStatus } from '../domain/case-types';
import { conflict, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import * as recorderRepo from '../repositories/recorder-repository';
import { getAgency, getOfficer } from '../repositories/org-repository';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';

/** Body-worn AV recorders (执法记录仪) and their check-out log (REC-05, REC-12). */
export { RECORDER_STATUSES, RECORDER_STATUS_LABELS, type RecorderStatus } from '../domain/case-types';

type RecorderRow = Awaited<ReturnType<typeof recorderRepo.listRecorders>>[number];
export function recorderView(r: RecorderRow) {
  return {
    id: r.id,
    number: r.number,
    model: r.model,
    status: r.status as RecorderStatus,
    statusLabel: RECORDER_STATUS_LABELS[r.status as RecorderStatus],
    holder: r.holder_officer_id ? { id: r.holder_officer_id, name: r.holder_name ?? '' } : null,
  };
}
export type RecorderView = ReturnType<typeof recorderView>;

export async function listRecorders(deps: Deps) {
  const agency = await getAgency(deps.db);
  return agency ? (await recorderRepo.listRecorders(deps.db, agency.id)).map(recorderView) : [];
}

async function view(deps: Deps, id: string): Promise<RecorderView> {
  const agency = await getAgency(deps.db);
  const r = agency && (await recorderRepo.listRecorders(deps.db, agency.id)).find((x) => x.id === id);
  if (!r) throw notFound('RECORDER_NOT_FOUND', '执法记录仪不存在');
  return recorderView(r);
}

export async function registerRecorder(deps: Deps, actor: Actor, input: { number: string; model: string }) {
  const number = input.number.trim();
  const model = input.model.trim();
  if (!/^[A-Za-z0-9-]{2,40}$/.test(number))
    throw invalid('RECORDER_NUMBER_INVALID', '设备编号应为 2–40 位字母、数字或连字符', 'number');
  if (model.length < 1) throw invalid('RECORDER_MODEL_REQUIRED', '请填写设备型号', 'model');
  const agency = await getAgency(deps.db);
  if (!agency) throw notFound('AGENCY_NOT_FOUND', '尚未登记执法主体');
  const id = newId(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const clash = await recorderRepo.findRecorderByNumber(trx, number);
    if (clash) throw conflict('RECORDER_NUMBER_TAKEN', `设备编号 ${number} 已登记`, 'number');
    await recorderRepo.insertRecorder(trx, {
      id,
      agency_id: agency.id,
      number,
      model,
      status: 'available',
      holder_officer_id: null,
      created_at: deps.clock.now().toISOString(),
    });
    await appendEntry(trx, deps, actor, 'recorder.registered@1', { type: 'recorder', id }, { number, model });
  });
  return view(deps, id);
}

/** Hands a recorder to an officer; only an available recorder can go out. */
export async function checkOut(deps: Deps, actor: Actor, id: string, officerId: string) {
  const officer = await getOfficer(deps.db, officerId);
  if (!officer || officer.active !== 1)
    throw invalid('OFFICER_NOT_FOUND', '执法人员不存在或已停用', 'officerId');
  await deps.db.transaction().execute(async (trx) => {
    const r = await recorderRepo.getRecorder(trx, id);
    if (!r) throw notFound('RECORDER_NOT_FOUND', '执法记录仪不存在');
    if (r.status !== 'available')
      throw conflict(
        'RECORDER_NOT_AVAILABLE',
        `设备 ${r.number} 当前状态为“${RECORDER_STATUS_LABELS[r.status as RecorderStatus]}”，不能领用`,
      );
    const at = deps.clock.now().toISOString();
    await recorderRepo.updateRecorder(trx, id, { status: 'checkedOut', holder_officer_id: officerId });
    await recorderRepo.insertLoan(trx, {
      id: newId(deps.clock),
      recorder_id: id,
      officer_id: officerId,
      out_at: at,
      out_by: actor.id,
    });
    await appendEntry(trx, deps, actor, 'recorder.checkedOut@1', { type: 'recorder', id }, { officerId });
  });
  return view(deps, id);
}

export async function checkIn(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    const r = await recorderRepo.getRecorder(trx, id);
    if (!r) throw notFound('RECORDER_NOT_FOUND', '执法记录仪不存在');
    if (r.status !== 'checkedOut') throw conflict('RECORDER_NOT_CHECKED_OUT', `设备 ${r.number} 未被领用`);
    const at = deps.clock.now().toISOString();
    await recorderRepo.updateRecorder(trx, id, { status: 'available', holder_officer_id: null });
    await recorderRepo.closeLoan(trx, id, at, actor.id);
    await appendEntry(
      trx,
      deps,
      actor,
      'recorder.returned@1',
      { type: 'recorder', id },
      {
        officerId: r.holder_officer_id,
      },
    );
  });
  return view(deps, id);
}

export async function setStatus(
  deps: Deps,
  actor: Actor,
  id: string,
  status: 'available' | 'repair' | 'retired',
) {
  await deps.db.transaction().execute(async (trx) => {
    const r = await recorderRepo.getRecorder(trx, id);
    if (!r) throw notFound('RECORDER_NOT_FOUND', '执法记录仪不存在');
    if (r.status === 'checkedOut')
      throw conflict('RECORDER_CHECKED_OUT', `设备 ${r.number} 已被领用，请先归还`);
    if (r.status === 'retired') throw conflict('RECORDER_RETIRED', `设备 ${r.number} 已报废`);
    await recorderRepo.updateRecorder(trx, id, { status });
    await appendEntry(trx, deps, actor, 'recorder.statusChanged@1', { type: 'recorder', id }, { status });
  });
  return view(deps, id);
}

export async function loans(deps: Deps, id: string) {
  await view(deps, id);
  return (await recorderRepo.loansOf(deps.db, id)).map((l) => ({
    id: l.id,
    officer: { id: l.officer_id, name: l.officer_name },
    outAt: l.out_at,
    returnedAt: l.returned_at,
  }));
}
