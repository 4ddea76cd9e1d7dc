/**
 * Amounts as people read them. Money is integer fen (分) everywhere; this is the one way it is
 * written as yuan, imported by the server (penalty rules) and the workbench (which is why this
 * module imports nothing).
 */

/** 2000000 → 20,000元; 123450 → 1,234.50元. */
export function formatYuan(fen: number): string {
  const yuan = Math.round(fen) / 100;
  return `${yuan.toLocaleString('en-US', {
    minimumFractionDigits: fen % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  })}元`;
}
