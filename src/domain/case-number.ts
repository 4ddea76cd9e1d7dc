/**
 * Case numbers (案号): agency short name + 〔year〕 + 案第N号, e.g. 青国动〔2026〕案第12号. Numbers are
 * sequential per agency and year and never reused; issuing them is the services' business.
 */
import { invalid } from './errors';

export interface CaseNumberParts {
  agencyShort: string;
  year: number;
  n: number;
}

const AGENCY_SHORT = /^[^\s〔〕[\]［］【】()（）]{1,20}$/;

/** `formatCaseNumber('青国动', 2026, 12) === '青国动〔2026〕案第12号'`. Throws on bad parts. */
export function formatCaseNumber(agencyShort: string, year: number, n: number): string {
  if (!AGENCY_SHORT.test(agencyShort)) {
    throw invalid('CASE_NUMBER_INVALID', '机关简称应为 1–20 个字符，且不含空白或括号', 'agencyShort');
  }
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw invalid('CASE_NUMBER_INVALID', '案号年份应为四位年份', 'year');
  }
  if (!Number.isSafeInteger(n) || n < 1) throw invalid('CASE_NUMBER_INVALID', '案号序号应为正整数', 'n');
  return `${agencyShort}〔${year}〕案第${n}号`;
}

/** Brackets people type instead of 〔〕: [] ［］ 【】 () （） are accepted when parsing. */
const CASE_NUMBER = /^(.+?)[〔[［【(（](\d{4})[〕\]］】)）]案第([1-9]\d*)号$/;

/** The parts of a case number, or null when it is not one. Surrounding spaces are ignored and
 * the brackets above are accepted, so `formatCaseNumber` of the result gives the canonical form. */
export function parseCaseNumber(s: string): CaseNumberParts | null {
  const m = CASE_NUMBER.exec(s.trim());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const agencyShort = m[1];
  const year = Number(m[2]);
  const n = Number(m[3]);
  if (!AGENCY_SHORT.test(agencyShort) || year < 1900 || !Number.isSafeInteger(n)) return null;
  return { agencyShort, year, n };
}
