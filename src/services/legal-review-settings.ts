/**
 * Legal review's settings (REV-02, REV-05, REV-06): the review unit (default 工程指挥科), the review
 * period and its one extension in working days, and the quorum of leaders at a case-review meeting.
 * Versioned like every setting: each save is a row and a ledger entry.
 */
import { invalid } from '../domain/errors';
import type { Actor } from '../domain/ledger-entry';
import * as orgRepo from '../repositories/org-repository';
import * as settingRepo from '../repositories/setting-repository';
import type { Executor } from '../storage/database';
import { newId, type Deps } from './deps';
import { appendEntry } from './ledger';

export interface LegalReviewSettings {
  /** Null only when no unit is set and none is named 工程指挥科. */
  reviewUnitId: string | null;
  reviewDays: number;
  extensionDays: number;
  meetingQuorum: number;
}
const KEY = 'legalReview';
export const DEFAULT_REVIEW_UNIT_NAME = '工程指挥科';
export const DEFAULTS = { reviewDays: 5, extensionDays: 3, meetingQuorum: 2 };

export async function legalReviewSettings(ex: Executor): Promise<LegalReviewSettings> {
  const row = await settingRepo.currentSetting(ex, KEY);
  const stored = row ? (JSON.parse(row.value) as Partial<LegalReviewSettings>) : {};
  let reviewUnitId = stored.reviewUnitId ?? null;
  if (!reviewUnitId) {
    const agency = await orgRepo.getAgency(ex);
    reviewUnitId = agency
      ? ((await orgRepo.findUnitByName(ex, agency.id, DEFAULT_REVIEW_UNIT_NAME))?.id ?? null)
      : null;
  }
  return { ...DEFAULTS, ...stored, reviewUnitId };
}

export async function saveLegalReviewSettings(
  deps: Deps,
  actor: Actor,
  s: { reviewUnitId: string; reviewDays: number; extensionDays: number; meetingQuorum: number },
): Promise<LegalReviewSettings> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await orgRepo.getUnit(trx, s.reviewUnitId)))
      throw invalid('REVIEW_UNIT_MISSING', '法制审核部门不存在', 'reviewUnitId');
    const id = newId(deps.clock);
    await settingRepo.insertSetting(trx, {
      id,
      key: KEY,
      value: JSON.stringify(s),
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    });
    await appendEntry(
      trx,
      deps,
      actor,
      'settings.legalReviewSaved@1',
      { type: 'setting', id },
      { settings: s },
    );
  });
  return legalReviewSettings(deps.db);
}
