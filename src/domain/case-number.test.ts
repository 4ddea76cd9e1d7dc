import { describe, expect, it } from 'vitest';
import { formatCaseNumber, parseCaseNumber } from './case-number';
import { DomainError } from './errors';

describe('case numbers', () => {
  it('formats agency, year and sequence', () => {
    expect(formatCaseNumber('青国动', 2026, 12)).toBe('青国动〔2026〕案第12号');
    expect(formatCaseNumber('青民防', 2027, 1)).toBe('青民防〔2027〕案第1号');
  });

  it.each([
    ['', 2026, 1, 'agencyShort'],
    ['青 国动', 2026, 1, 'agencyShort'],
    ['青〔国动', 2026, 1, 'agencyShort'],
    ['青国动', 26, 1, 'year'],
    ['青国动', 2026.5, 1, 'year'],
    ['青国动', 2026, 0, 'n'],
    ['青国动', 2026, 1.5, 'n'],
  ])('refuses (%j, %j, %j): %s', (agency, year, n, field) => {
    expect(() => formatCaseNumber(agency, year, n)).toThrow(DomainError);
    try {
      formatCaseNumber(agency, year, n);
    } catch (e) {
      expect(e).toMatchObject({ kind: 'invalid', code: 'CASE_NUMBER_INVALID', field });
    }
  });

  it('parses what it formats', () => {
    expect(parseCaseNumber('青国动〔2026〕案第12号')).toEqual({ agencyShort: '青国动', year: 2026, n: 12 });
    for (const [a, y, n] of [
      ['青国动', 2026, 1],
      ['沪青民防', 1999, 123456],
    ] as const) {
      expect(parseCaseNumber(formatCaseNumber(a, y, n))).toEqual({ agencyShort: a, year: y, n });
    }
  });

  it.each([
    '青国动[2026]案第12号',
    '青国动［2026］案第12号',
    '青国动【2026】案第12号',
    '青国动（2026）案第12号',
    ' 青国动〔2026〕案第12号 ',
  ])('accepts the substitute brackets in %j', (s) => {
    expect(parseCaseNumber(s)).toEqual({ agencyShort: '青国动', year: 2026, n: 12 });
  });

  it.each([
    '',
    '〔2026〕案第12号',
    '青国动〔26〕案第12号',
    '青国动〔2026〕案第012号',
    '青国动〔2026〕案第0号',
    '青国动〔2026〕第12号',
    '青国动罚字〔2026〕第12号',
    '青国动〔2026〕案第12',
    '青国动〔1899〕案第12号',
  ])('rejects %j', (s) => {
    expect(parseCaseNumber(s)).toBeNull();
  });
});
