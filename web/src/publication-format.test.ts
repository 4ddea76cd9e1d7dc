import { describe, expect, it } from 'vitest';
import {
  importRowErrors,
  markPieces,
  maskedRanges,
  maskStrings,
  workingDaysText,
} from './publication-format';

describe('markPieces', () => {
  it('PUB-11 cuts the text at every change so each is highlighted and the pieces join to the text', () => {
    const text = '当事人张伟，身份证号310101199001011234，住上海市青浦区华新镇1号。';
    const name = { start: 3, end: 5 };
    const id = { start: text.indexOf('3101'), end: text.indexOf('3101') + 18 };
    const pieces = markPieces(text, [id, name]);
    expect(pieces).toEqual([
      { text: '当事人', marked: false },
      { text: '张伟', marked: true },
      { text: '，身份证号', marked: false },
      { text: '310101199001011234', marked: true },
      { text: '，住上海市青浦区华新镇1号。', marked: false },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('joins overlapping and touching ranges, clips ranges beyond the text and drops empty ones', () => {
    expect(
      markPieces('abcdefgh', [
        { start: 1, end: 3 },
        { start: 2, end: 4 },
        { start: 4, end: 5 },
        { start: 6, end: 6 },
        { start: 7, end: 99 },
        { start: -3, end: 0 },
      ]),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'bcde', marked: true },
      { text: 'fg', marked: false },
      { text: 'h', marked: true },
    ]);
  });

  it('gives the whole text unmarked without changes, and nothing for an empty text', () => {
    expect(markPieces('无需遮盖', [])).toEqual([{ text: '无需遮盖', marked: false }]);
    expect(markPieces('', [{ start: 0, end: 3 }])).toEqual([]);
  });
});

describe('workingDaysText', () => {
  it('PUB-10 says the working days left, the due day, and how long overdue', () => {
    expect(workingDaysText(7)).toBe('剩 7 个工作日');
    expect(workingDaysText(1)).toBe('剩 1 个工作日');
    expect(workingDaysText(0)).toBe('今日到期');
    expect(workingDaysText(-2)).toBe('逾期 2 个工作日');
  });
});

describe('maskStrings', () => {
  it('PUB-11 takes the typed strings one per line or separated by Chinese or ASCII commas, without blanks or repeats', () => {
    expect(maskStrings('李四\n  王五 、赵六，李四,;\n\n华新镇1号；')).toEqual([
      '李四',
      '王五',
      '赵六',
      '华新镇1号',
    ]);
    expect(maskStrings('  \n ')).toEqual([]);
  });
});

describe('maskedRanges', () => {
  it('PUB-11 places each replacement in the masked text, shifted by the changes before it', () => {
    const original = '当事人张伟，电话13812345678，证人李四称。';
    const changes = [
      { start: original.indexOf('李四'), end: original.indexOf('李四') + 2, replacement: '李某' },
      { start: 3, end: 5, replacement: '张某' },
      { start: original.indexOf('138'), end: original.indexOf('138') + 11, replacement: '［已隐去］' },
    ];
    const masked = '当事人张某，电话［已隐去］，证人李某称。';
    const ranges = maskedRanges(changes);
    expect(ranges.map((r) => masked.slice(r.start, r.end))).toEqual(['张某', '［已隐去］', '李某']);
  });
});

describe('importRowErrors', () => {
  it("PUB-08 lists an import's refused rows by row number and ignores what is not a row problem", () => {
    expect(
      importRowErrors({
        rows: [
          { row: 5, field: '决定日期', message: '日期格式应为 2026-12-05' },
          'bad',
          { row: 2, message: '当事人名称不能为空' },
          { row: '3', field: 'x', message: 'y' },
        ],
      }),
    ).toEqual([
      { row: 2, field: '', message: '当事人名称不能为空' },
      { row: 5, field: '决定日期', message: '日期格式应为 2026-12-05' },
    ]);
    expect(importRowErrors(undefined)).toEqual([]);
    expect(importRowErrors({ rows: null })).toEqual([]);
  });
});
