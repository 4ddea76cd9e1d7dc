import type { PartyKind, Sanction } from '../domain/case-types';
import { DomainError, invalid } from '../domain/errors';
import { checkFine, type DiscretionBenchmark, type Grade } from '../domain/penalty-rules';
import type { Row } from '../storage/schema';

export function benchmarkOf(item: Row<'power_items'>): DiscretionBenchmark {
  return JSON.parse(item.benchmark) as DiscretionBenchmark;
}

/**
 * A penalty must fit its power item: kinds chosen, amounts whole fen, a fine inside the legal band
 * and, with a discretion grade, inside that grade's band.
 */
export function checkSanction(
  item: Row<'power_items'>,
  partyKind: PartyKind,
  s: Sanction,
  field = 'sanction',
  grade?: Grade,
): void {
  if (
    !Number.isSafeInteger(s.fine) ||
    s.fine < 0 ||
    !Number.isSafeInteger(s.confiscated) ||
    s.confiscated < 0
  )
    throw invalid('AMOUNT_INVALID', '金额应为不小于 0 的整数（单位：分）', `${field}.fine`);
  if (s.kinds.length === 0) throw invalid('SANCTION_KINDS_REQUIRED', '请选择处罚种类', `${field}.kinds`);
  if (s.kinds.includes('fine') !== s.fine > 0)
    throw invalid('FINE_MISMATCH', '选择“罚款”时须填写罚款金额，未选择时金额应为 0', `${field}.fine`);
  if (s.fine > 0 || grade !== undefined) {
    const r = checkFine(benchmarkOf(item), partyKind, s.fine, grade === undefined ? {} : { grade });
    if (!r.ok)
      throw new DomainError(
        'invalid',
        r.code,
        r.message,
        r.code === 'GRADE_NOT_FOUND' ? 'grade' : `${field}.fine`,
        {
          band: r.band,
        },
      );
  }
}

/** The same penalty: the same kinds (in any order) and amounts. */
export const sameSanction = (a: Sanction, b: Sanction): boolean =>
  a.fine === b.fine &&
  a.confiscated === b.confiscated &&
  a.kinds.length === b.kinds.length &&
  a.kinds.every((k) => b.kinds.includes(k));
