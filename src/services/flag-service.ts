/**
 * The supervisor's list (REC-11): failures to record and refused alterations, and their handling.
 * A supervisor marks a flag handled with a note; the handling row and its `flag.handled@1` entry
 * are written in one transaction, and the flag leaves the open list.
 */
import { FLAG_LABELS, type FlagKind } from '../domain/case-types';
import { conflict, invalid, notFound } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import * as flagRepo from '../repositories/flag-repository';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';
import { pageOf } from './paging';

export type FlagRow = Awaited<ReturnType<typeof flagRepo.listFlags>>[number];

function flagView(f: FlagRow) {
  return {
    id: f.id,
    kind: f.kind as FlagKind,
    label: FLAG_LABELS[f.kind as FlagKind] ?? '监督事项',
    caseId: f.case_id,
    caseNumber: f.case_number,
    caseTitle: f.case_title,
    stepId: f.step_id,
    recordId: f.record_id,
    user: { id: f.user_id, name: f.user_name },
    detail: f.detail,
    at: f.at,
    handled:
      f.handled_at !== null && f.handled_by !== null
        ? {
            by: { id: f.handled_by, name: f.handled_by_name ?? '' },
            at: f.handled_at,
            note: f.handled_note ?? '',
          }
        : null,
  };
}

/** Open flags (the default) or handled ones, newest first. */
export async function listFlags(
  deps: Deps,
  q: { kind?: FlagKind; cursor?: string; limit: number; state?: 'open' | 'handled' },
) {
  const rows = await flagRepo.listFlags(deps.db, {
    limit: q.limit + 1,
    handled: q.state === 'handled',
    ...(q.kind && { kind: q.kind }),
    ...(q.cursor && { beforeId: q.cursor }),
  });
  return pageOf(rows, q.limit, flagView, (v) => v.id);
}

/** A supervisor marks a flag handled: the note says what was found and done. */
export async function handleFlag(deps: Deps, actor: Actor & { type: 'user' }, flagId: string, note: string) {
  const text = note.trim();
  if (text === '') throw invalid('FLAG_NOTE_REQUIRED', '请填写处理情况', 'note');
  await deps.db.transaction().execute(async (trx) => {
    const flag = await flagRepo.lockFlag(trx, flagId);
    if (!flag) throw notFound('FLAG_NOT_FOUND', '监督事项不存在');
    if (await flagRepo.handlingOf(trx, flagId))
      throw conflict('FLAG_ALREADY_HANDLED', '该监督事项已处理，不能重复处理');
    const id = newId(deps.clock);
    await flagRepo.insertHandling(trx, {
      id,
      flag_id: flagId,
      note: text,
      user_id: actor.id,
      at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'flag.handled@1',
      { type: 'flagHandling', id },
      {
        flagId,
        kind: flag.kind,
        note: text,
        ...(flag.case_id && { caseId: flag.case_id }),
        ...(flag.record_id && { recordId: flag.record_id }),
      },
    );
  });
  return flagView((await flagRepo.getFlag(deps.db, flagId))!);
}
