/**
 * Performance of a penalty decision (履行): before a case moves to 执行 the officer records what the
 * party did — paid the fine (amount, date, receipt number) or made the ordered correction (with the
 * record that shows it). A fine paid after its due date carries 加处罚款: 3 % of the fine a day,
 * never more than the fine (行政处罚法 art. 72(1)). Pure.
 */
import type { Fen } from './case-types';
import type { IsoDate } from './dates';
import { formatYuan } from './money';

export const PERFORMANCE_KINDS = ['finePaid', 'corrected'] as const;
export type PerformanceKind = (typeof PERFORMANCE_KINDS)[number];
export const PERFORMANCE_KIND_LABELS: Record<PerformanceKind, string> = {
  finePaid: '已缴纳罚款',
  corrected: '已按要求改正',
};

export type Performance =
  | { kind: 'finePaid'; amount: Fen; paidOn: IsoDate; receiptNumber: string; surcharge: Fen }
  | { kind: 'corrected'; correctedOn: IsoDate; recordId: string; note?: string };

/** Art. 72(1): the daily rate of 加处罚款, in per cent of the fine. */
export const SURCHARGE_PERCENT_PER_DAY = 3;

/** Whole days from `a` to `b` (negative when b is before a). */
function daysFrom(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * 加处罚款 owed on a fine paid (or still unpaid) on `on`, when payment was due by `due`: every day
 * after the due day counts, 3 % of the fine each, capped at the fine. Integer fen, rounded down.
 */
export function lateSurcharge(fine: Fen, due: IsoDate, on: IsoDate): { daysLate: number; surcharge: Fen } {
  const daysLate = Math.max(0, daysFrom(due, on));
  const surcharge = Math.min(fine, Math.floor((fine * SURCHARGE_PERCENT_PER_DAY * daysLate) / 100));
  return { daysLate, surcharge };
}

/** A payment that does not cover the fine and the surcharge owed, in Chinese; null when it does. */
export function paymentShortfall(fine: Fen, surcharge: Fen, amount: Fen): string | null {
  const owed = fine + surcharge;
  if (amount >= owed) return null;
  return surcharge > 0
    ? `缴纳金额${formatYuan(amount)}少于应缴金额${formatYuan(owed)}（罚款${formatYuan(fine)}，逾期加处罚款${formatYuan(surcharge)}）`
    : `缴纳金额${formatYuan(amount)}少于罚款金额${formatYuan(fine)}`;
}
