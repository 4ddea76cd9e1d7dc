/**
 * The violations a case charges (案由). A power item's discretion benchmark names the violations it
 * punishes — several for some items (人民防空法 art. 49 lists seven) — and a case charges one or more
 * of them: its documents, its name and its case file name exactly those, never the whole list.
 */
import { caseFileName } from './case-file';
import { invalid } from './errors';

/** What a benchmark says about its violations. */
export interface ViolationSource {
  violation: string;
  /** One entry per violation; absent on benchmarks saved before the list existed. */
  violations?: readonly string[];
}

/**
 * The violations of a power item, one per entry: the `violations` list, else the `violation` text
 * split at its semicolons (a benchmark's text lists separate violations with 「；」, while 「、」
 * joins the forms of one violation: 出租、使用未经竣工验收…的民防工程 is one).
 */
export function violationsOf(b: ViolationSource): string[] {
  const list = b.violations && b.violations.length > 0 ? b.violations : b.violation.split(/[；;]/);
  return [...new Set(list.map((v) => v.trim()).filter((v) => v.length > 0))];
}

/**
 * The violations a filing charges: those chosen, each one of the item's; when none is chosen and
 * the item has exactly one, that one. Refuses (400, field `chargedViolations`) otherwise.
 */
export function chargedViolations(b: ViolationSource, chosen: readonly string[] | undefined): string[] {
  const all = violationsOf(b);
  if (chosen === undefined || chosen.length === 0) {
    if (all.length === 1) return all;
    throw invalid(
      'VIOLATION_REQUIRED',
      `该权力事项包含${all.length}项违法行为，请选择本案查处的违法行为`,
      'chargedViolations',
    );
  }
  const picked = [...new Set(chosen.map((v) => v.trim()))];
  const unknown = picked.findIndex((v) => !all.includes(v));
  if (unknown >= 0)
    throw invalid(
      'VIOLATION_NOT_OF_ITEM',
      '所选违法行为不属于该权力事项，请从权力事项的违法行为中选择',
      `chargedViolations[${unknown}]`,
    );
  // In the item's order, so that the same charge always reads the same.
  return all.filter((v) => picked.includes(v));
}

/** The charge as one phrase: 「A」, or 「A；B」 (a semicolon: one violation's own text may hold 、). */
export const chargeText = (charged: readonly string[]): string => charged.join('；');

/** 案件名称: 当事人 + 违法行为 + 案 (DOMAIN.md, case file cover). */
export const caseName = (partyName: string, charged: readonly string[]): string =>
  caseFileName(partyName, chargeText(charged));
